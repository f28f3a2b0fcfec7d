// The runner end to end in-process: a hand-built suite against a transport that answers from memory.
import { describe, expect, it } from 'vitest';
import type { Exchange, HttpRequest, Transport } from '../../src/http/types.js';
import { buildPlan, runPlan } from '../../src/runner/index.js';
import type { Level, Profile, Step, Suite } from '../../src/suite/types.js';

const locate = (pointer: string) => ({ file: 'mem.yaml', line: pointer.split('/').length, column: 1 });

function step(id: string, over: Partial<Step> = {}): Step {
  return {
    id,
    title: `step ${id}`,
    level: 'required',
    tags: [],
    writes: false,
    request: { method: 'GET', path: '/Users', pointer: `/steps/${id}/request` },
    expect: [{ status: 200, level: 'required', pointer: `/steps/${id}/expect/0` }],
    capture: {},
    cleanup: [],
    pointer: `/steps/${id}`,
    ...over,
  };
}

function suite(steps: Step[], over: Partial<Suite> = {}): Suite {
  return { id: 'mem', title: 'Memory', level: 'required', tags: [], vars: { name: 'scim-check-{{ run.id }}-x' }, steps, file: 'mem.yaml', locate, ...over };
}

const profile: Profile = { id: 'p', title: 'P', variant: 'oin', features: { f: 'on', u: 'unsupported' }, vars: {}, notes: {}, file: 'p.yaml', locate };

type Answer = { status: number; json?: unknown };

/** Answers by "METHOD path" from a table (a list is answered in turn, its last answer repeated); records every request. */
function tableTransport(table: Record<string, Answer | Answer[]>): { transport: Transport; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const transport: Transport = async (request) => {
    sent.push(request);
    const url = new URL(request.url);
    const row = table[`${request.method} ${url.pathname}`];
    const answer = (Array.isArray(row) ? (row.length > 1 ? row.shift() : row[0]) : row) ?? { status: 404, json: { detail: 'nope' } };
    const body = answer.json === undefined ? '' : JSON.stringify(answer.json);
    const exchange: Exchange = {
      request,
      response: { status: answer.status, statusText: '', httpVersion: '1.1', headers: { 'content-type': 'application/scim+json' }, body, bodySize: body.length, json: answer.json },
      timings: { startedAt: new Date().toISOString(), connect: -1, wait: 1, receive: 0, total: 1 },
    };
    return exchange;
  };
  return { transport, sent };
}

async function run(s: Suite, transport: Transport, gate: Level = 'required', bail = false) {
  const plan = buildPlan({ runId: 'abcd1234', baseUrl: 'http://mem.test/scim/v2', profile, suites: [s], gate, selection: {}, notices: [] });
  return runPlan({ plan, transport, env: {}, reporters: [], signal: new AbortController().signal, hardSignal: new AbortController().signal, bail });
}

describe('runPlan', () => {
  it('captures, expands templates with the run id, and cleans up what it created', async () => {
    const { transport, sent } = tableTransport({
      'POST /scim/v2/Users': { status: 201, json: { id: 'u1' } },
      // Read by the step, then by cleanup's confirmation after the DELETE.
      'GET /scim/v2/Users/u1': [{ status: 200, json: { id: 'u1' } }, { status: 404, json: { detail: 'gone' } }],
      'DELETE /scim/v2/Users/u1': { status: 204 },
    });
    const s = suite([
      step('create', { writes: true, request: { method: 'POST', path: '/Users', body: { userName: '{{ name }}' }, pointer: '/steps/0/request' }, expect: [{ status: 201, level: 'required', pointer: '/steps/0/expect/0' }], capture: { userId: 'body.id' }, cleanup: [{ method: 'DELETE', path: '/Users/{{ userId }}', pointer: '/steps/0/cleanup/0' }] }),
      step('read', { request: { method: 'GET', path: '/Users/{{ userId }}', pointer: '/steps/1/request' }, expect: [{ status: 200, body: { id: '{{ userId }}' }, level: 'required', pointer: '/steps/1/expect/0' }] }),
    ]);
    const summary = await run(s, transport);
    expect(summary.counts).toMatchObject({ passed: 2, failed: 0, total: 2 });
    expect(sent[0]?.body).toBe('{"userName":"scim-check-abcd1234-x"}');
    expect(sent.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual(['POST /scim/v2/Users', 'GET /scim/v2/Users/u1', 'DELETE /scim/v2/Users/u1', 'GET /scim/v2/Users/u1', 'GET /scim/v2/Users']);
    // Cleanup confirms the DELETE with a GET; the end-of-run sweep then looks for anything else carrying the run id.
    expect(sent[4]?.url).toBe('http://mem.test/scim/v2/Users?filter=userName%20sw%20%22scim-check-abcd1234%22');
    expect(summary.cleanup).toEqual([expect.objectContaining({ outcome: 'deleted', id: 'u1', resource: '/Users/u1' }), expect.objectContaining({ outcome: 'swept', phase: 'sweep' })]);
    expect(summary.cleanupIncomplete).toBe(false);
    expect(summary.suites[0]?.verdict).toBe('ready');
  });

  it('skips a step whose capture a failed step did not produce, and says why', async () => {
    const { transport } = tableTransport({ 'POST /scim/v2/Users': { status: 500, json: {} } });
    const s = suite([
      step('create', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/steps/0/request' }, expect: [{ status: 201, level: 'required', pointer: '/steps/0/expect/0' }], capture: { userId: 'body.id' } }),
      step('read', { request: { method: 'GET', path: '/Users/{{ userId }}', pointer: '/steps/1/request' } }),
    ]);
    const summary = await run(s, transport);
    expect(summary.counts).toMatchObject({ failed: 1, skipped: 1, total: 2 });
    expect(summary.suites[0]?.steps[1]?.skipReason).toBe('needs {{ userId }} from step create, which did not capture it');
    expect(summary.suites[0]?.verdict).toBe('not-ready');
    expect(summary.suites[0]?.verdictReason).toBe('1 required check failed');
  });

  it('reports failures below the gate as warnings that do not fail the run', async () => {
    const { transport } = tableTransport({ 'GET /scim/v2/Users': { status: 404, json: {} } });
    const s = suite([step('lookup', { expect: [{ status: [200, 404], level: 'required', pointer: '/steps/0/expect/0' }, { status: 200, level: 'recommended', pointer: '/steps/0/expect/1' }] })]);
    const lenient = await run(s, transport, 'required');
    expect(lenient.counts).toMatchObject({ passed: 1, failed: 0, warnings: 1 });
    expect(lenient.suites[0]?.verdictReason).toBe('ready (1 warning)');
    const strict = await run(s, transport, 'recommended');
    expect(strict.counts).toMatchObject({ passed: 0, failed: 1, warnings: 0 });
  });

  it('falls back to deactivation when the server cannot delete, and says so', async () => {
    const { transport } = tableTransport({
      'POST /scim/v2/Users': { status: 201, json: { id: 'u1' } },
      'DELETE /scim/v2/Users/u1': { status: 405, json: {} },
      'GET /scim/v2/Users/u1': [{ status: 200, json: { id: 'u1', active: true } }, { status: 200, json: { id: 'u1', active: false } }],
      'PATCH /scim/v2/Users/u1': { status: 200, json: { id: 'u1', active: false } },
    });
    const s = suite([
      step('create', {
        writes: true,
        request: { method: 'POST', path: '/Users', body: {}, pointer: '/steps/0/request' },
        expect: [{ status: 201, level: 'required', pointer: '/steps/0/expect/0' }],
        capture: { userId: 'body.id' },
        cleanup: [
          { method: 'DELETE', path: '/Users/{{ userId }}', pointer: '/steps/0/cleanup/0' },
          { method: 'PATCH', path: '/Users/{{ userId }}', body: { active: false }, pointer: '/steps/0/cleanup/1' },
        ],
      }),
    ]);
    const summary = await run(s, transport);
    expect(summary.cleanup[0]?.outcome).toBe('fallback');
    expect(summary.cleanupIncomplete).toBe(false);
    expect(summary.notices.join('\n')).toContain('deactivated instead');
  });

  it('lists what it could not clean up and marks the run incomplete', async () => {
    const { transport } = tableTransport({ 'POST /scim/v2/Users': { status: 201, json: { id: 'u1' } }, 'DELETE /scim/v2/Users/u1': { status: 500, json: {} }, 'GET /scim/v2/Users/u1': { status: 200, json: { id: 'u1' } } });
    const s = suite([
      step('create', { writes: true, request: { method: 'POST', path: '/Users', body: {}, pointer: '/steps/0/request' }, expect: [{ status: 201, level: 'required', pointer: '/steps/0/expect/0' }], capture: { userId: 'body.id' }, cleanup: [{ method: 'DELETE', path: '/Users/{{ userId }}', pointer: '/steps/0/cleanup/0' }] }),
    ]);
    const summary = await run(s, transport);
    expect(summary.cleanupIncomplete).toBe(true);
    expect(summary.cleanup[0]).toMatchObject({ outcome: 'failed' });
    expect(summary.cleanup[0]?.detail).toContain('DELETE /scim/v2/Users/u1 answered 500');
  });

  it('marks a step that passes under a declared-unsupported feature as unsupported', async () => {
    const { transport } = tableTransport({ 'GET /scim/v2/Users': { status: 200, json: {} } });
    const s = suite([step('refuse', { when: { support: 'unsupported' } })], { feature: 'u' });
    const summary = await run(s, transport);
    expect(summary.suites[0]?.steps[0]?.status).toBe('unsupported');
    expect(summary.suites[0]?.verdictReason).toBe('unsupported, as declared');
  });

  it('stops after the first failure with --bail', async () => {
    const { transport } = tableTransport({});
    const s = suite([step('a'), step('b')]);
    const summary = await run(s, transport, 'required', true);
    expect(summary.suites[0]?.steps.map((r) => r.status)).toEqual(['failed', 'skipped']);
    expect(summary.suites[0]?.steps[1]?.skipReason).toContain('--bail');
  });
});
