// The runner and every reporter in process, over the real transport and the msw bridge: a body past the report
// cap, a server echoing the token transformed, and the --insecure notice, each checked in each document.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/http/types.js';
import { createUndiciTransport } from '../../src/http/undici-transport.js';
import { toRunHar } from '../../src/report/har-reporter.js';
import { toJsonReport } from '../../src/report/json.js';
import { toJunitXml } from '../../src/report/junit.js';
import { createPrettyReporter } from '../../src/report/pretty.js';
import { plainStyle } from '../../src/report/style.js';
import { buildPlan, runPlan } from '../../src/runner/index.js';
import type { Profile, Step, Suite } from '../../src/suite/types.js';
import { findLeak } from '../hostile/run-hostile.js';
import { MswDispatcher } from '../support/msw-undici.js';

const BASE = 'https://scim.msw.test/scim/v2';
const TOKEN = 'msw-runner-token-abcdef0123';
const INSECURE = 'TLS certificate verification is OFF (--insecure): a pass here does not mean Okta can connect.';
const locate = (pointer: string) => ({ file: 'mem.yaml', line: pointer.split('/').length, column: 1 });
const profile: Profile = { id: 'p', title: 'P', variant: 'oin', features: {}, vars: {}, notes: {}, file: 'p.yaml', locate };

function step(id: string, path: string): Step {
  return {
    id, title: `step ${id}`, level: 'required', tags: [], writes: false,
    request: { method: 'GET', path, pointer: `/steps/${id}/request` },
    expect: [{ status: 200, level: 'required', pointer: `/steps/${id}/expect/0` }],
    capture: {}, cleanup: [], pointer: `/steps/${id}`,
  };
}

async function runOver(handlers: ConstructorParameters<typeof MswDispatcher>[0], steps: Step[]) {
  const target: Target = { baseUrl: BASE, auth: { kind: 'bearer', token: TOKEN }, headers: {}, tls: { verify: false }, timeoutMs: 2_000, maxResponseBytes: 10 * 1024 * 1024 };
  const transport = createUndiciTransport(target, { dispatcher: new MswDispatcher(handlers) }).transport;
  const suite: Suite = { id: 'mem', title: 'Memory', level: 'required', tags: [], vars: {}, steps, file: 'mem.yaml', locate };
  const plan = buildPlan({ runId: 'abcd1234', baseUrl: BASE, profile, suites: [suite], gate: 'required', selection: {}, notices: [INSECURE] });
  let pretty = '';
  const reporters = [createPrettyReporter({ write: (t) => void (pretty += t), style: plainStyle, toolVersion: 't' })];
  const summary = await runPlan({ plan, transport, env: {}, reporters, signal: new AbortController().signal, hardSignal: new AbortController().signal, reportBodyBytes: 1024 });
  const tool = { name: 'scim-check', version: 't' };
  return { summary, pretty, json: JSON.stringify(toJsonReport(summary, tool, 1)), junit: toJunitXml(summary), har: JSON.stringify(toRunHar(summary, tool)) };
}

describe('runner and reporters over msw', () => {
  it('cut bodies past --report-body-bytes in every document, and say so', async () => {
    const out = await runOver([http.get(`${BASE}/Users`, () => HttpResponse.json({ blob: 'y'.repeat(50_000) }))], [step('big', '/Users')]);
    expect(out.summary.counts.passed).toBe(1);
    const response = out.summary.suites[0]?.steps[0]?.exchanges[0]?.response;
    expect(response?.bodyCut).toBeGreaterThan(50_000);
    expect(response?.body.length).toBeLessThanOrEqual(1024);
    expect(response?.json).toBeUndefined();
    for (const text of [out.pretty, out.json, out.junit, out.har]) expect(text).toContain('--report-body-bytes');
  });

  it('carry the --insecure notice in every document: pretty, JSON, JUnit and HAR', async () => {
    const out = await runOver([http.get(`${BASE}/Users`, () => HttpResponse.json({}))], [step('ok', '/Users')]);
    for (const text of [out.pretty, out.json, out.junit, out.har]) expect(text).toContain('verification is OFF (--insecure)');
  });

  it('carry no trace of a token the server echoes transformed', async () => {
    const echo = http.get(`${BASE}/Users`, ({ request }) => {
      const auth = request.headers.get('authorization') ?? '';
      return HttpResponse.json(
        { b64: Buffer.from(auth).toString('base64url'), lower: auth.toLowerCase(), entity: [...TOKEN].map((c) => `&#${c.charCodeAt(0)};`).join(''), pct: encodeURIComponent(auth), slice: TOKEN.slice(3, 13) },
        { status: 401, headers: { 'x-echo': Buffer.from(TOKEN).toString('base64') } },
      );
    });
    const out = await runOver([echo], [step('echo', '/Users')]);
    expect(out.summary.counts.failed).toBe(1);
    for (const text of [out.pretty, out.json, out.junit, out.har]) {
      expect(findLeak(text, TOKEN)).toBeUndefined();
      expect(findLeak(text, `Bearer ${TOKEN}`, false)).toBeUndefined();
    }
  });
});
