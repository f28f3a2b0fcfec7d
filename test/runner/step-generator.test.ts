// Steps made at run time (Step.generate): their body and expectations come from what an earlier step captured, a
// step that does not apply is skipped without leaving the feature partly checked, and a missing input skips it with
// the reason. In-process, against a transport that answers from memory, as judgement.test.ts does.
import { describe, expect, it } from 'vitest';
import type { Exchange, HttpRequest, Transport } from '../../src/http/types.js';
import { buildPlan, runPlan } from '../../src/runner/index.js';
import type { Profile, Step, StepGenerator, Suite } from '../../src/suite/types.js';

const locate = (pointer: string) => ({ file: 'mem.yaml', line: pointer.split('/').length, column: 1 });
const profile: Profile = { id: 'p', title: 'P', variant: 'oin', features: { f: 'on' }, vars: {}, notes: {}, file: 'p.yaml', locate };

function step(id: string, over: Partial<Step> = {}): Step {
  return {
    id, title: `step ${id}`, level: 'required', tags: [], writes: false,
    request: { method: 'GET', path: '/Users', pointer: `/steps/${id}/request` },
    expect: [{ status: 200, level: 'required', pointer: `/steps/${id}/expect/0` }],
    capture: {}, cleanup: [], pointer: `/steps/${id}`, ...over,
  };
}

function memory(answer: (request: HttpRequest) => { status: number; json?: unknown }): { transport: Transport; sent: HttpRequest[] } {
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

async function run(steps: Step[], transport: Transport) {
  const suite: Suite = { id: 's', title: 's', feature: 'f', level: 'required', tags: [], vars: {}, steps, file: 's.yaml', locate };
  const plan = buildPlan({ runId: 'abcd1234', baseUrl: 'http://mem.test/scim/v2', profile, suites: [suite], gate: 'required', selection: {}, notices: [] });
  return runPlan({ plan, transport, env: {}, reporters: [], signal: new AbortController().signal, hardSignal: new AbortController().signal });
}

/** Sends each advertised name with the value "x", and expects every one of them back. */
const echoNames: StepGenerator = {
  inputs: ['doc'],
  make: (inputs) => {
    const names = (inputs['doc'] as { names?: string[] }).names ?? [];
    if (names.length === 0) return { inapplicable: 'nothing advertised' };
    return {
      body: Object.fromEntries(names.map((n) => [n, 'x-{{ run.id }}'])),
      expect: names.map((n, i) => ({ level: 'required', body: { [n]: 'x-{{ run.id }}' }, why: `advertises ${n}`, pointer: `/steps/1/expect/${i}` })),
    };
  },
};

const steps = (): Step[] => [
  step('schemas', { request: { method: 'GET', path: '/Schemas', pointer: '/steps/0/request' }, capture: { doc: 'body' } }),
  step('write', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/steps/1/request' }, generate: echoNames }),
];

describe('generated steps', { timeout: 60_000 }, () => {
  it('send the body made from the capture and judge the expectations made with it', async () => {
    const { transport, sent } = memory((r) => (r.url.endsWith('/Schemas') ? { status: 200, json: { names: ['a', 'b'] } } : { status: 200, json: { a: 'x-abcd1234' } }));
    const summary = await run(steps(), transport);
    expect(JSON.parse(sent[1]?.body ?? '{}')).toEqual({ a: 'x-abcd1234', b: 'x-abcd1234' });
    const write = summary.suites[0]?.steps[1];
    expect(write?.status).toBe('failed');
    const failed = write?.checks.filter((c) => !c.passed) ?? [];
    expect(failed.map((c) => [c.pointer, c.why])).toEqual([['/b', 'advertises b']]);
  });

  it('a step that does not apply is skipped as inapplicable, and the feature stays ready', async () => {
    const { transport, sent } = memory(() => ({ status: 200, json: { names: [] } }));
    const summary = await run(steps(), transport);
    const write = summary.suites[0]?.steps[1];
    expect(write).toMatchObject({ status: 'skipped', inapplicable: true, skipReason: 'nothing advertised' });
    expect(sent).toHaveLength(1);
    expect(summary.suites[0]?.verdict).toBe('ready');
  });

  it('a missing input skips the step with the reason, without calling the generator', async () => {
    const { transport, sent } = memory(() => ({ status: 500 }));
    let called = false;
    const summary = await run([steps()[0] as Step, step('write', { generate: { inputs: ['doc'], make: () => { called = true; return {}; } } })], transport);
    expect(called).toBe(false);
    expect(sent).toHaveLength(1);
    expect(summary.suites[0]?.steps[1]?.skipReason).toBe('needs {{ doc }} from step schemas, which did not capture it');
  });
});
