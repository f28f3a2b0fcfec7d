import { beforeAll, describe, expect, it } from 'vitest';
import { checkExpectation, OKTA_HINT_RULES, oktaHint, prepareSchemas } from '../../src/assert/index.js';
import type { Check } from '../../src/assert/types.js';
import type { Expectation } from '../../src/suite/types.js';
import { makeExchange, pointerLocate, type ExchangeInit } from './make-exchange.js';

const ctx = { locate: pointerLocate };
const exp = (fields: Partial<Expectation>): Expectation => ({ level: 'required', pointer: '/steps/0/expect', ...fields });

/** The hint on the first failed check of an expectation against an exchange. */
function hintFor(init: ExchangeInit, fields: Partial<Expectation>): string | undefined {
  return checkExpectation(makeExchange(init), exp(fields), ctx).find((c) => !c.passed)?.hint;
}

beforeAll(async () => {
  await prepareSchemas();
});

describe('Okta hints', () => {
  it('string list counts (okta-protocol.md §1.3), from a body or a schema check', () => {
    expect(hintFor({ json: { totalResults: '0' } }, { body: { totalResults: 0 } })).toMatch(/JSON integer.*Sync user in external application: FAILURE.*§1\.3/);
    const list = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: '1' };
    expect(hintFor({ json: list }, { schema: 'ListResponse' })).toMatch(/§1\.3/);
  });

  it('404 on a filter with no match (§2.3)', () => {
    const url = 'https://x.test/scim/v2/Users?filter=userName%20eq%20%22a%22&startIndex=1&count=100';
    expect(hintFor({ url, status: 404, json: {} }, { status: 200 })).toMatch(/200 and an empty ListResponse.*§2\.3/);
    // Not a filter: a 404 on GET /Users/{id} is a different story.
    expect(hintFor({ url: 'https://x.test/scim/v2/Users/1', status: 404, json: {} }, { status: 200 })).toBeUndefined();
  });

  it('200 instead of 201 on POST /Users (§2.4)', () => {
    expect(hintFor({ method: 'POST', url: 'https://x.test/scim/v2/Users', status: 200, json: {} }, { status: 201 })).toMatch(/201 Created.*§2\.4/);
  });

  it('empty body on create: "Create new user returned empty user" (§2.4)', () => {
    const init = { method: 'POST', url: 'https://x.test/scim/v2/Users', status: 201 };
    expect(hintFor(init, { schema: 'User' })).toMatch(/Create new user returned empty user/);
    expect(hintFor({ ...init, status: 204 }, { status: 201 })).toMatch(/Create new user returned empty user/);
  });

  it('an HTML or text error body: "Invalid JSON: Unrecognized token" (§4.1)', () => {
    const init = { status: 502, headers: { 'content-type': 'text/plain' }, text: 'error code: 502' };
    expect(hintFor(init, { schema: 'Error' })).toMatch(/Invalid JSON: Unrecognized token.*§4\.1/);
  });

  it('401 without a SCIM Error body (§3.2), and a bare 401 status (§1.2)', () => {
    expect(hintFor({ status: 401, headers: { 'content-type': 'text/plain' }, text: 'Unauthorized' }, { schema: 'Error' })).toMatch(/SCIM Error body.*§3\.2/);
    expect(hintFor({ status: 401, json: {} }, { status: 200 })).toMatch(/Error authenticating: Unauthorized.*§1\.2/);
  });

  it('415 / 406 on application/scim+json (§1.1)', () => {
    expect(hintFor({ method: 'POST', status: 415, json: {} }, { status: 201 })).toMatch(/application\/scim\+json.*§1\.1/);
    expect(hintFor({ status: 406, json: {} }, { status: 200 })).toMatch(/§1\.1/);
  });

  it('an integer Error status against the strict Error schema (§6)', () => {
    const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: 404, detail: 'x' };
    expect(hintFor({ status: 404, json: body }, { schema: 'Error' })).toMatch(/as a string.*§6/);
  });

  it('no hint for a passed check, nor when nothing Okta-specific is known', () => {
    const passed: Check = { kind: 'status', pointer: '', expected: 415, actual: 415, passed: true, message: '', level: 'required', location: pointerLocate('') };
    expect(oktaHint(passed, makeExchange({ status: 415 }))).toBeUndefined();
    expect(hintFor({ json: { displayName: 'a' } }, { body: { displayName: 'b' } })).toBeUndefined();
  });

  it('every hint cites its source and says what to do', () => {
    for (const rule of OKTA_HINT_RULES) {
      expect(rule.hint, rule.id).toMatch(/(okta-protocol\.md|RFC 7644) §/);
      expect(rule.hint.length, rule.id).toBeLessThan(260);
    }
  });
});
