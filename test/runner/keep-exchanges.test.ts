// What a run keeps of its exchanges when asked to keep only what reporters read (the CLI's way): the same output,
// less held. Compared against the same run keeping everything.
import { describe, expect, it } from 'vitest';
import type { Exchange, Transport } from '../../src/http/types.js';
import { createPrettyReporter } from '../../src/report/pretty.js';
import { plainStyle } from '../../src/report/style.js';
import type { Reporter } from '../../src/runner/events.js';
import { buildPlan, runPlan } from '../../src/runner/index.js';
import type { RunSummary, StepResult } from '../../src/runner/types.js';
import type { Profile, Step, Suite } from '../../src/suite/types.js';

const locate = (pointer: string) => ({ file: 'keep.yaml', line: pointer.split('/').length, column: 1 });
const profile: Profile = { id: 'p', title: 'P', variant: 'oin', features: {}, vars: {}, notes: {}, file: 'p.yaml', locate };

function step(id: string, over: Partial<Step> = {}): Step {
  return {
    id, title: `step ${id}`, level: 'required', tags: [], writes: false,
    request: { method: 'GET', path: `/${id}`, pointer: `/steps/${id}/request` },
    expect: [{ status: 200, level: 'required', pointer: `/steps/${id}/expect/0` }],
    capture: {}, cleanup: [], pointer: `/steps/${id}`, ...over,
  };
}

/** 250 users, 100 a page; `/bad` answers 500; each page carries padding so a small --report-body-bytes cuts it. */
const transport: Transport = async (request) => {
  const url = new URL(request.url);
  const start = Number(url.searchParams.get('startIndex') ?? '1');
  const count = Number(url.searchParams.get('count') ?? '100');
  const json: unknown =
    url.pathname.endsWith('/Users')
      ? { totalResults: 250, startIndex: start, itemsPerPage: count, Resources: Array.from({ length: Math.max(0, Math.min(count, 251 - start)) }, (_, i) => ({ id: `u${start + i}`, pad: 'x'.repeat(20) })) }
      : { ok: true };
  const status = url.pathname.endsWith('/bad') ? 500 : 200;
  const body = JSON.stringify(json);
  const exchange: Exchange = {
    request,
    response: { status, statusText: '', httpVersion: '1.1', headers: { 'content-type': 'application/scim+json' }, body, bodySize: body.length, json },
    timings: { startedAt: '2026-01-01T00:00:00.000Z', connect: -1, wait: 1, receive: 0, total: 1 },
  };
  return exchange;
};

const suite: Suite = {
  id: 'keep', title: 'Keep', level: 'required', tags: [], vars: {}, file: 'keep.yaml', locate,
  steps: [
    step('a'),
    step('bad'),
    step('import', { request: { method: 'GET', path: '/Users', pointer: '/steps/2/request' }, paging: { count: 100 } }),
    step('b'),
  ],
};

async function run(keepExchanges: 'all' | 'reporters', extra: Reporter[] = []): Promise<{ summary: RunSummary; pretty: string; seen: StepResult[] }> {
  const plan = buildPlan({ runId: 'abcd1234', baseUrl: 'http://keep.test/scim/v2', profile, suites: [suite], gate: 'required', selection: {}, notices: [] });
  let pretty = '';
  const seen: StepResult[] = [];
  const reporters: Reporter[] = [createPrettyReporter({ write: (t) => void (pretty += t), style: plainStyle, toolVersion: 't' }), { onStepEnd: (r) => void seen.push(r) }, ...extra];
  const signal = new AbortController().signal;
  // 1 KiB: every page of 100 users is cut in a report, and so counted in the summary's notice.
  const summary = await runPlan({ plan, transport, env: {}, reporters, signal, hardSignal: signal, reportBodyBytes: 1024, keepExchanges });
  return { summary, pretty: pretty.replace(/\d+ ms/g, 'N ms'), seen };
}

const urls = (r: StepResult | undefined) => r?.exchanges.map((e) => new URL(e.request.url).search);

describe('keepExchanges: reporters', () => {
  it('drops the exchanges of passing steps when no reporter reads them, and prints the same', async () => {
    const all = await run('all');
    const some = await run('reporters');
    expect(some.pretty).toBe(all.pretty);
    expect(some.summary.notices).toEqual(all.summary.notices);
    expect(some.summary.notices.join('\n')).toContain('3 response bodies longer than');
    const steps = some.summary.suites[0]?.steps ?? [];
    expect(steps.map((s) => [s.stepId, s.status, s.exchanges.length])).toEqual([['a', 'passed', 0], ['bad', 'failed', 1], ['import', 'passed', 0], ['b', 'passed', 0]]);
    // Checks are the same, paging ones included (judged page by page without holding the pages).
    expect(steps.map((s) => s.checks)).toEqual(all.summary.suites[0]?.steps.map((s) => s.checks));
    // Reporters still saw each step's exchange as it ended.
    expect(some.seen[0]?.exchanges).toHaveLength(1);
  });

  it("keeps a paged step's first and latest page unless a reporter reads every exchange at step end", async () => {
    const none = await run('reporters');
    const stepEnd = await run('reporters', [{ exchanges: 'step-end' }]);
    expect(urls(stepEnd.seen[2])).toEqual(['?startIndex=1&count=100', '?startIndex=101&count=100', '?startIndex=201&count=100']);
    expect(urls(none.seen[2])).toEqual(['?startIndex=1&count=100', '?startIndex=201&count=100']);
    expect(stepEnd.summary.suites[0]?.steps[2]?.exchanges).toEqual([]);
    expect(none.summary.notices).toEqual(stepEnd.summary.notices);
  });

  it('keeps every exchange when a reporter reads them at run end', async () => {
    const some = await run('reporters', [{ exchanges: 'run-end' }]);
    const all = await run('all');
    const exchanges = (r: RunSummary) => r.suites.flatMap((s) => s.steps.map((step) => step.exchanges));
    expect(exchanges(some.summary)).toEqual(exchanges(all.summary));
    expect(exchanges(some.summary).map((e) => e.length)).toEqual([1, 1, 3, 1]);
  });
});
