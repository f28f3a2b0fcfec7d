// Synthetic RunSummary values for reporter unit tests: every step status, a warning, a failed cleanup, a notice,
// and the hostile content reporters must escape (XML metacharacters, forbidden control characters, long bodies).
import type { Check } from '../../../src/assert/types.js';
import type { Exchange } from '../../../src/http/types.js';
import type { RunSummary, StepResult, SuiteResult } from '../../../src/runner/types.js';

export const BASE = 'http://127.0.0.1:8080/scim/v2';
const FILE = 'suites/okta/users-create.yaml';

export function exchange(method: string, path: string, status: number, statusText: string, responseBody: string, requestBody?: string): Exchange {
  return {
    request: {
      method,
      url: `${BASE}${path}`,
      headers: { Authorization: 'Bearer [REDACTED]', Accept: 'application/scim+json', ...(requestBody === undefined ? {} : { 'Content-Type': 'application/scim+json; charset=utf-8' }) },
      ...(requestBody === undefined ? {} : { body: requestBody }),
    },
    response: {
      status,
      statusText,
      httpVersion: '1.1',
      headers: { 'content-type': 'application/scim+json', 'set-cookie': 'a=[REDACTED]\nb=[REDACTED]' },
      body: responseBody,
      bodySize: Buffer.byteLength(responseBody),
    },
    timings: { startedAt: '2025-01-02T03:04:05.006Z', connect: 1, wait: 2, receive: 1, total: 4 },
  };
}

function check(partial: Partial<Check> & Pick<Check, 'kind' | 'message'>, line: number): Check {
  return { pointer: '', expected: undefined, actual: undefined, passed: false, level: 'required', location: { file: FILE, line, column: 15 }, ...partial };
}

function step(partial: Partial<StepResult> & Pick<StepResult, 'stepId' | 'status'>, suiteId = 'users.create'): StepResult {
  return { suiteId, title: `Title of ${partial.stepId}`, level: 'required', checks: [], warnings: [], exchanges: [], durationMs: 12, location: { file: FILE, line: 10, column: 5 }, ...partial };
}

/** A run with one feature not ready, one unsupported, a failed cleanup and a TLS notice. */
export function failingSummary(): RunSummary {
  const warning = check({ kind: 'header', pointer: 'location', level: 'recommended', message: 'expected a Location header, got none', expected: 'present', actual: null }, 19);
  const lookup = step({
    stepId: 'lookup',
    status: 'passed',
    checks: [check({ kind: 'status', message: 'ok', passed: true, expected: 200, actual: 200 }, 18), warning],
    warnings: [warning],
    exchanges: [exchange('GET', '/Users?filter=userName%20eq%20%22a%22', 200, 'OK', '{"totalResults":0}')],
  });
  const status = check({ kind: 'status', message: 'expected 201 Created, got 200 OK', expected: 201, actual: 200, why: 'Okta treats POST /Users as a create (okta-protocol.md §2.4)', hint: 'answer 201 with the new resource and its id' }, 27);
  const active = check({ kind: 'body', pointer: '/active', message: 'expected true, got string "yes <&> \u0001"', expected: true, actual: 'yes <&> \u0001' }, 31);
  const hostileBody = `{"active":"yes <&> \u0001 ]]> \uFFFF","note":"${'x'.repeat(5000)}"}`;
  const create = step({
    stepId: 'create',
    status: 'failed',
    title: 'Okta creates the user "a" <POST /Users>',
    checks: [status, active],
    exchanges: [exchange('POST', '/Users', 200, 'OK', hostileBody, '{"userName":"a","password":"[REDACTED]"}')],
  });
  const read = step({ stepId: 'read', status: 'skipped', skipReason: 'needs userId, which create did not capture' });
  const users: SuiteResult = {
    suiteId: 'users.create',
    title: 'Create users',
    okta: 'Create Users',
    feature: 'createUsers',
    file: FILE,
    steps: [lookup, create, read],
    verdict: 'not-ready',
    verdictReason: '2 required checks failed',
    durationMs: 40,
  };
  const refused = step({ stepId: 'refused', status: 'unsupported', exchanges: [exchange('PATCH', '/Users/u1', 400, 'Bad Request', '{"status":"400"}', '{"Operations":[]}')] }, 'password.sync');
  const errored = step(
    {
      stepId: 'after',
      status: 'errored',
      error: { code: 'http.connect', title: 'Connection refused', detail: 'nothing listens on 127.0.0.1:8080\nis the server running?', hint: 'start the server', request: { method: 'GET', url: `${BASE}/Users/u1`, headers: { Authorization: 'Bearer [REDACTED]' } } },
    },
    'password.sync',
  );
  const password: SuiteResult = {
    suiteId: 'password.sync',
    title: 'Sync passwords',
    okta: 'Sync Password',
    feature: 'syncPassword',
    file: 'suites/okta/password-sync.yaml',
    steps: [refused, errored],
    verdict: 'not-ready',
    verdictReason: '1 step errored',
    durationMs: 20,
  };
  return {
    runId: '0a1b2c3d',
    baseUrl: BASE,
    profile: 'okta',
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 1234,
    gate: 'required',
    counts: { passed: 1, failed: 1, errored: 1, skipped: 1, unsupported: 1, warnings: 1, total: 5 },
    suites: [users, password],
    cleanup: [
      {
        suiteId: 'users.create',
        stepId: 'create',
        requests: [{ method: 'DELETE', url: `${BASE}/Users/u1`, headers: { Authorization: 'Bearer [REDACTED]' } }],
        outcome: 'failed',
        detail: 'may be left on the server: DELETE /Users/u1 answered 500',
        exchanges: [exchange('DELETE', '/Users/u1', 500, 'Internal Server Error', '')],
      },
    ],
    cleanupIncomplete: true,
    reason: 'failed',
    notices: ['TLS certificate verification is OFF (--insecure): a pass here does not mean Okta can connect.'],
  };
}

/** Every step passed. */
export function passingSummary(): RunSummary {
  const ok = step({ stepId: 'create', status: 'passed', checks: [check({ kind: 'status', message: 'ok', passed: true, expected: 201, actual: 201 }, 27)], exchanges: [exchange('POST', '/Users', 201, 'Created', '{"id":"u1"}', '{"userName":"a"}')] });
  return {
    runId: '0a1b2c3d',
    baseUrl: BASE,
    profile: 'okta',
    startedAt: '2025-01-02T03:04:05.000Z',
    durationMs: 50,
    gate: 'required',
    counts: { passed: 1, failed: 0, errored: 0, skipped: 0, unsupported: 0, warnings: 0, total: 1 },
    suites: [{ suiteId: 'users.create', title: 'Create users', okta: 'Create Users', feature: 'createUsers', file: FILE, steps: [ok], verdict: 'ready', verdictReason: 'ready', durationMs: 10 }],
    cleanup: [{ suiteId: 'users.create', stepId: 'create', requests: [], outcome: 'deleted', detail: 'DELETE /Users/u1: 204' }],
    cleanupIncomplete: false,
    reason: 'passed',
    notices: [],
  };
}
