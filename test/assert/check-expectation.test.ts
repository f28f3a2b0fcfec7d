import { beforeAll, describe, expect, it } from 'vitest';
import { checkExpectation, prepareSchemas } from '../../src/assert/index.js';
import type { Check } from '../../src/assert/types.js';
import { InternalError } from '../../src/errors.js';
import type { Expectation } from '../../src/suite/types.js';
import { makeExchange, pointerLocate } from './make-exchange.js';

const ctx = { locate: pointerLocate };
const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function expectation(fields: Partial<Expectation>): Expectation {
  return { level: 'required', pointer: '/steps/0/expect/0', ...fields };
}

/** Readable summary of checks: pass mark, kind, response pointer, suite pointer, message. */
function lines(checks: Check[]): string[] {
  return checks.map((c) => `${c.passed ? 'ok  ' : 'FAIL'} ${c.kind} ${c.pointer || '-'} @${c.location.file.split('#')[1]} ${c.message}`);
}

const failed = (checks: Check[]) => checks.filter((c) => !c.passed);

beforeAll(async () => {
  await prepareSchemas();
});

describe('status', () => {
  it('names the reason phrases', () => {
    const checks = checkExpectation(makeExchange({ method: 'POST', status: 200, json: { id: 'x' } }), expectation({ status: 201 }), ctx);
    expect(lines(checks)).toMatchInlineSnapshot(`
      [
        "FAIL status - @/steps/0/expect/0/status expected 201 Created, got 200 OK",
      ]
    `);
  });

  it('accepts a list and words a miss', () => {
    const exp = expectation({ status: [200, 204] });
    expect(lines(checkExpectation(makeExchange({ status: 500 }), exp, ctx))).toEqual([
      'FAIL status - @/steps/0/expect/0/status expected one of 200, 204, got 500 Internal Server Error',
    ]);
    expect(lines(checkExpectation(makeExchange({ status: 204 }), exp, ctx))).toEqual(['ok   status - @/steps/0/expect/0/status status 204 No Content']);
  });

  it('shows a bare number for a status Node has no name for', () => {
    expect(checkExpectation(makeExchange({ status: 299 }), expectation({ status: 200 }), ctx)[0]?.message).toBe('expected 200 OK, got 299');
  });
});

describe('headers', () => {
  it('matches names case-insensitively, exact values and matchers', () => {
    const exchange = makeExchange({ headers: { 'content-type': 'text/html; charset=utf-8', location: 'https://x/Users/1' } });
    const exp = expectation({
      headers: {
        'Content-Type': { $match: 'application/(scim\\+)?json' },
        Location: 'https://x/Users/1',
        ETag: 'W/"1"',
        'X-Powered-By': { $exists: false },
      },
    });
    expect(lines(checkExpectation(exchange, exp, ctx))).toMatchInlineSnapshot(`
      [
        "FAIL header content-type @/steps/0/expect/0/headers/Content-Type expected header content-type to be a string matching /application/(scim\\+)?json/, got "text/html; charset=utf-8"",
        "ok   header location @/steps/0/expect/0/headers/Location header location is "https://x/Users/1"",
        "FAIL header etag @/steps/0/expect/0/headers/ETag expected header etag, got none",
        "ok   header x-powered-by @/steps/0/expect/0/headers/X-Powered-By header x-powered-by is no value (key absent)",
      ]
    `);
  });

  it('says which header should be absent', () => {
    const checks = checkExpectation(makeExchange({ headers: { 'x-powered-by': 'Express' } }), expectation({ headers: { 'x-powered-by': { $exists: false } } }), ctx);
    expect(checks[0]?.message).toBe('expected no header x-powered-by, got "Express"');
  });

  it('reports a missing header asked for by matcher', () => {
    const checks = checkExpectation(makeExchange(), expectation({ headers: { 'content-type': { $match: 'json' } } }), ctx);
    expect(checks[0]?.message).toBe('expected header content-type, got none');
  });
});

describe('body', () => {
  it('reports every mismatch, typed when types differ, each at its own YAML key', () => {
    const exchange = makeExchange({
      json: { schemas: [LIST_URN], totalResults: '0', startIndex: 1, Resources: [{ userName: 'Bob', active: 'true' }] },
    });
    const exp = expectation({
      body: {
        totalResults: 0,
        startIndex: 1,
        itemsPerPage: 0,
        Resources: [{ userName: { $equalsIgnoreCase: 'alice' }, active: true }],
        '/schemas/0': LIST_URN,
      },
    });
    expect(lines(checkExpectation(exchange, exp, ctx))).toMatchInlineSnapshot(`
      [
        "FAIL body /totalResults @/steps/0/expect/0/body/totalResults expected integer 0, got string "0"",
        "ok   body /startIndex @/steps/0/expect/0/body/startIndex /startIndex is 1",
        "FAIL body /itemsPerPage @/steps/0/expect/0/body/itemsPerPage expected integer 0, got nothing (key absent)",
        "FAIL body /Resources/0/userName @/steps/0/expect/0/body/Resources/0/userName expected a string equal to "alice" ignoring case, got string "Bob"",
        "FAIL body /Resources/0/active @/steps/0/expect/0/body/Resources/0/active expected boolean true, got string "true"",
        "ok   body /schemas/0 @/steps/0/expect/0/body/~1schemas~10 /schemas/0 is "urn:ietf:params:scim:api:messages:2.0:ListResponse"",
      ]
    `);
  });

  it('types only when types differ', () => {
    const checks = checkExpectation(makeExchange({ json: { a: 'x', n: 1, f: 1.5 } }), expectation({ body: { a: 'y', n: 2, f: 1 } }), ctx);
    expect(checks.map((c) => c.message)).toEqual(['expected "y", got "x"', 'expected 2, got 1', 'expected integer 1, got number 1.5']);
  });

  it('checks array length before elements', () => {
    const checks = checkExpectation(makeExchange({ json: { Resources: [1, 2, 3] } }), expectation({ body: { Resources: [1, 2] } }), ctx);
    expect(lines(checks)).toEqual(['FAIL body /Resources @/steps/0/expect/0/body/Resources expected an array of 2 elements, got an array of 3 elements']);
    const empty = checkExpectation(makeExchange({ json: { Resources: [] } }), expectation({ body: { Resources: [] } }), ctx);
    expect(lines(empty)).toEqual(['ok   body /Resources @/steps/0/expect/0/body/Resources /Resources is an empty array']);
  });

  it('words type mismatches of containers', () => {
    const checks = checkExpectation(makeExchange({ json: { name: 'x', emails: {} } }), expectation({ body: { name: { givenName: 'A' }, emails: [] } }), ctx);
    expect(checks.map((c) => c.message)).toEqual(['expected an object, got string "x"', 'expected an array of 0 elements, got object {}']);
  });

  it('$exists: false passes on an absent key, anything else fails with "key absent"', () => {
    const checks = checkExpectation(makeExchange({ json: { id: 'x' } }), expectation({ body: { password: { $exists: false }, '/meta/location': { $type: 'string' } } }), ctx);
    expect(lines(checks)).toEqual([
      'ok   body /password @/steps/0/expect/0/body/password /password is no value (key absent)',
      'FAIL body /meta/location @/steps/0/expect/0/body/~1meta~1location expected a value of type string, got nothing (key absent)',
    ]);
  });

  it('never shows an echoed password', () => {
    const checks = checkExpectation(makeExchange({ json: { password: '1mz050nq' } }), expectation({ body: { password: { $exists: false } } }), ctx);
    expect(checks[0]?.message).toBe('expected no value (key absent), got string (value redacted)');
    expect(JSON.stringify(checks)).not.toContain('1mz050nq');
    const literal = checkExpectation(makeExchange({ json: { password: '1mz050nq' } }), expectation({ body: { password: 'y25bA4W3' } }), ctx);
    expect(literal[0]?.message).toBe('expected /password to be the value the suite gave, got string (value redacted)');
    expect(JSON.stringify(literal)).not.toMatch(/1mz050nq|y25bA4W3/);
  });

  it('one failure for a non-JSON body, naming its content type and start', () => {
    const html = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(200)}</body></html>`;
    const exchange = makeExchange({ status: 502, headers: { 'content-type': 'text/html; charset=UTF-8' }, text: html });
    const checks = checkExpectation(exchange, expectation({ schema: 'Error', body: { detail: { $type: 'string' } } }), ctx);
    expect(lines(checks)).toMatchInlineSnapshot(`
      [
        "FAIL body - @/steps/0/expect/0/body expected a JSON body, got text/html "<html><head><title>502 Bad Gateway</title></head><body>xxxxxxxxxxxxxxxxxxxxxxxx…"",
      ]
    `);
  });

  it('says when the body is empty, and parses JSON the transport did not', () => {
    const empty = checkExpectation(makeExchange({ status: 201, method: 'POST' }), expectation({ schema: 'User' }), ctx);
    expect(lines(empty)).toEqual(['FAIL schema - @/steps/0/expect/0/schema expected a JSON body, got an empty body']);
    const textJson = checkExpectation(makeExchange({ headers: { 'content-type': 'text/json' }, text: '{"a":1}' }), expectation({ body: { a: 1 } }), ctx);
    expect(failed(textJson)).toEqual([]);
  });
});

describe('schema', () => {
  it('one check per problem, at the schema key, with the actual value', () => {
    const exchange = makeExchange({ json: { schemas: [LIST_URN], totalResults: '1', startIndex: 1, itemsPerPage: 1, Resources: [{}] } });
    expect(lines(checkExpectation(exchange, expectation({ schema: 'ListResponse' }), ctx))).toEqual([
      'FAIL schema /totalResults @/steps/0/expect/0/schema /totalResults must be integer, got string "1"',
    ]);
  });

  it('a passed schema check says what was verified', () => {
    const exchange = makeExchange({ json: { schemas: [LIST_URN], totalResults: 0 } });
    expect(lines(checkExpectation(exchange, expectation({ schema: 'ListResponse' }), ctx))).toEqual([
      'ok   schema - @/steps/0/expect/0/schema body is a valid SCIM ListResponse',
    ]);
  });

  it('an unknown schema name is a bug, not a check', () => {
    expect(() => checkExpectation(makeExchange({ json: {} }), expectation({ schema: 'Usr' }), ctx)).toThrow(InternalError);
  });
});

describe('timing', () => {
  it('compares with timings.total', () => {
    expect(checkExpectation(makeExchange({ total: 812.4 }), expectation({ maxTimeMs: 600 }), ctx)[0]?.message).toBe('expected a response within 600 ms, took 812 ms');
    const ok = checkExpectation(makeExchange({ total: 12 }), expectation({ maxTimeMs: 600 }), ctx)[0];
    expect(ok?.passed).toBe(true);
    expect(ok?.location.file).toBe('suite.yaml#/steps/0/expect/0/maxTimeMs');
    expect(checkExpectation(makeExchange({ total: -1 }), expectation({ maxTimeMs: 600 }), ctx)[0]?.passed).toBe(false);
  });
});

describe('order, level, why and hints', () => {
  it('status, headers, schema, body, timing, each with the level and why of the expectation', () => {
    const exchange = makeExchange({ status: 500, headers: { 'content-type': 'application/json' }, json: { schemas: [LIST_URN], totalResults: 0 }, total: 900 });
    const exp = expectation({
      maxTimeMs: 600,
      body: { totalResults: 1 },
      schema: 'ListResponse',
      headers: { 'content-type': 'application/scim+json' },
      status: 200,
      level: 'recommended',
      why: 'Okta reads the list (okta-protocol.md §2.2)',
    });
    const checks = checkExpectation(exchange, exp, ctx);
    expect(checks.map((c) => c.kind)).toEqual(['status', 'header', 'schema', 'body', 'timing']);
    expect(new Set(checks.map((c) => c.level))).toEqual(new Set(['recommended']));
    expect(checks.every((c) => c.why === 'Okta reads the list (okta-protocol.md §2.2)')).toBe(true);
  });

  it("the suite's hint wins over an Okta hint, and only failed checks carry one", () => {
    const exchange = makeExchange({ json: { totalResults: '0', startIndex: 1 } });
    const mine = checkExpectation(exchange, expectation({ body: { totalResults: 0, startIndex: 1 }, hint: 'Fix the list.' }), ctx);
    expect(mine.map((c) => c.hint)).toEqual(['Fix the list.', undefined]);
    const okta = checkExpectation(exchange, expectation({ body: { totalResults: 0 } }), ctx);
    expect(okta[0]?.hint).toMatch(/Sync user in external application: FAILURE.*§1\.3/);
  });

  it('returns nothing for an empty expectation', () => {
    expect(checkExpectation(makeExchange(), expectation({}), ctx)).toEqual([]);
  });
});
