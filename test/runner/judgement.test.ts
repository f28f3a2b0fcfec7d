// The runner's judgement in-process: not-evaluated body checks, partial verdicts, and the first cause stopping the
// run, against a transport that answers from memory (the e2e tests do the same over real sockets).
import { describe, expect, it } from 'vitest';
import type { Exchange, HttpRequest, Transport } from '../../src/http/types.js';
import { buildPlan, runPlan } from '../../src/runner/index.js';
import type { Selection } from '../../src/runner/index.js';
import type { Profile, Step, Suite } from '../../src/suite/types.js';

const locate = (pointer: string) => ({ file: 'mem.yaml', line: pointer.split('/').length, column: 1 });

function step(id: string, over: Partial<Step> = {}): Step {
  return {
    id, title: `step ${id}`, level: 'required', tags: [], writes: false,
    request: { method: 'GET', path: '/Users', pointer: `/steps/${id}/request` },
    expect: [{ status: 200, level: 'required', pointer: `/steps/${id}/expect/0` }],
    capture: {}, cleanup: [], pointer: `/steps/${id}`, ...over,
  };
}

function suite(id: string, steps: Step[], over: Partial<Suite> = {}): Suite {
  return { id, title: id, level: 'required', tags: [], vars: {}, steps, file: `${id}.yaml`, locate, ...over };
}

const profile: Profile = { id: 'p', title: 'P', variant: 'oin', features: { testCredentials: 'on', f: 'on' }, vars: {}, notes: {}, file: 'p.yaml', locate };

function transportOf(answer: (request: HttpRequest) => { status: number; json?: unknown }): { transport: Transport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const transport: Transport = async (request) => {
    sent.push(request);
    const { status, json } = answer(request);
    const body = json === undefined ? '' : JSON.stringify(json);
    const exchange: Exchange = {
      request,
      response: { status, statusText: '', httpVersion: '1.1', headers: { 'content-type': 'application/scim+json' }, body, bodySize: body.length, json },
      timings: { startedAt: new Date().toISOString(), connect: -1, wait: 1, receive: 0, total: 1 },
    };
    return exchange;
  };
  return { transport, sent };
}

async function run(suites: Suite[], transport: Transport, selection: Selection = {}, keepGoing = false) {
  const plan = buildPlan({ runId: 'abcd1234', baseUrl: 'http://mem.test/scim/v2', profile, suites, gate: 'required', selection, notices: [] });
  return runPlan({ plan, transport, env: {}, reporters: [], signal: new AbortController().signal, hardSignal: new AbortController().signal, keepGoing });
}

const ERROR = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidValue', detail: 'name is required' };
const bodyExpect = (id: string) => [
  { status: 201, level: 'required' as const, pointer: `/steps/${id}/expect/0` },
  { schema: 'User' as const, body: { id: { $type: 'string' } }, level: 'required' as const, pointer: `/steps/${id}/expect/1` },
];

describe('judgement', { timeout: 60_000 }, () => {
  it('sets aside the body checks of an error answer: one failure, the rest "not evaluated"', async () => {
    const { transport } = transportOf(() => ({ status: 400, json: ERROR }));
    const summary = await run([suite('s', [step('create', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/r' }, expect: bodyExpect('create') })])], transport);
    const result = summary.suites[0]?.steps[0];
    expect(result?.checks.filter((c) => !c.passed).map((c) => c.kind)).toEqual(['status']);
    expect(result?.notEvaluated?.length).toBeGreaterThan(0);
    expect(summary.suites[0]?.verdictReason).toBe('1 required check failed');
  });

  it('still checks the body of a success answer with the wrong success status (200 for 201)', async () => {
    const { transport } = transportOf(() => ({ status: 200, json: {} }));
    const summary = await run([suite('s', [step('create', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/r' }, expect: bodyExpect('create') })])], transport);
    const result = summary.suites[0]?.steps[0];
    expect(result?.notEvaluated).toBeUndefined();
    expect(result?.checks.filter((c) => !c.passed).map((c) => c.kind)).toContain('body');
  });

  it('says "partly checked" when the selection left steps out, never "ready"', async () => {
    const { transport } = transportOf(() => ({ status: 200, json: {} }));
    const s = suite('s', [step('read'), step('write', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/r' } })], { feature: 'f' });
    const summary = await run([s], transport, { readOnly: true });
    expect(summary.suites[0]).toMatchObject({ verdict: 'partly-checked', verdictReason: '1 of 2 steps ran (--read-only)' });
    const all = await run([s], transportOf(() => ({ status: 200, json: {} })).transport, { grep: /nothing-matches-this/ });
    expect(all.suites).toEqual([]);
  });

  it('skips a step whose input comes from a write --read-only left out, and says so', async () => {
    const { transport } = transportOf(() => ({ status: 200, json: {} }));
    const s = suite('s', [
      step('create', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/r' }, capture: { userId: 'body.id' } }),
      step('read', { request: { method: 'GET', path: '/Users/{{ userId }}', pointer: '/r2' } }),
      step('list'),
    ]);
    const summary = await run([s], transport, { readOnly: true });
    expect(summary.suites[0]?.steps[0]?.skipReason).toBe('needs {{ userId }} from step create, which did not run (--read-only: it sends POST)');
    expect(summary.suites[0]?.verdict).toBe('partly-checked');
  });

  it('a 401 on Test API Credentials is the first cause: later suites are not run, unless --keep-going', async () => {
    const answer = () => ({ status: 401, json: { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'bad token' } });
    const suites = [
      suite('test-credentials', [step('users', { expect: bodyExpect('users').map((e) => ({ ...e, status: e.status === undefined ? undefined : 200 })) }), step('groups')], { feature: 'testCredentials' }),
      suite('later', [step('a'), step('b')], { feature: 'f' }),
    ];
    const { transport, sent } = transportOf(answer);
    const summary = await run(suites, transport);
    expect(sent.length).toBe(1);
    expect(summary.firstCause).toMatchObject({ kind: 'auth', suiteId: 'test-credentials', stepId: 'users', notRun: 3 });
    expect(summary.suites.map((s) => s.verdict)).toEqual(['not-ready', 'not-checked']);
    expect(summary.suites[1]?.verdictReason).toBe('not run: Test API Credentials failed');
    expect(summary.counts).toMatchObject({ failed: 1, skipped: 3, notRun: 3, total: 4 });
    const going = transportOf(answer);
    const all = await run(suites, going.transport, {}, true);
    expect(going.sent.length).toBe(4);
    expect(all.firstCause?.notRun).toBe(0);
  });

  it('a 500 on Test API Credentials is not a first cause: it is an ordinary failure', async () => {
    const { transport, sent } = transportOf(() => ({ status: 500, json: {} }));
    const suites = [suite('test-credentials', [step('users')], { feature: 'testCredentials' }), suite('later', [step('a')], { feature: 'f' })];
    const summary = await run(suites, transport);
    expect(summary.firstCause).toBeUndefined();
    expect(sent.length).toBe(2);
  });
});
