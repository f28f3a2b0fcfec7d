import { describe, expect, it } from 'vitest';
import { checkPaging } from '../../src/assert/index.js';
import type { Check } from '../../src/assert/types.js';
import type { Exchange } from '../../src/http/types.js';
import { makeExchange, pointerLocate } from './make-exchange.js';

const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const ctx = { locate: pointerLocate };
const options = { count: 2, pointer: '/steps/1/paging', level: 'required' as const };

/** One page as a server answers it; `ids` become Resources. */
function page(startIndex: number, ids: string[], extra: Record<string, unknown> = {}): Exchange {
  return makeExchange({
    url: `https://scim.example.test/scim/v2/Users?startIndex=${startIndex}&count=2`,
    json: { schemas: [LIST_URN], totalResults: 4, startIndex, itemsPerPage: ids.length, Resources: ids.map((id) => ({ id })), ...extra },
  });
}

const lines = (checks: Check[]) => checks.map((c) => `${c.passed ? 'ok  ' : 'FAIL'} [${c.level}] ${c.pointer} ${c.message}`);

describe('checkPaging', () => {
  it('passes a well-behaved list, saying what it verified', () => {
    const checks = checkPaging([page(1, ['a', 'b']), page(3, ['c', 'd'])], options, ctx);
    expect(lines(checks)).toMatchInlineSnapshot(`
      [
        "ok   [required] /Resources all 4 ids are unique across 2 pages",
        "ok   [required] /totalResults saw 4 resources across 2 pages, as totalResults says",
        "ok   [required] /totalResults totalResults stayed 4 on every page",
        "ok   [required] /itemsPerPage no page held more than the count 2 requested",
        "ok   [recommended] /startIndex every page echoed the startIndex requested",
      ]
    `);
    expect(checks.every((c) => c.kind === 'paging' && c.location.file === 'suite.yaml#/steps/1/paging')).toBe(true);
  });

  it('names a duplicated id and its pages, and the missing resource count', () => {
    // The server ignores startIndex: page 2 repeats page 1, a classic unstable-paging bug.
    const checks = checkPaging([page(1, ['a', 'b']), page(3, ['a', 'b'], { startIndex: 1 })], options, ctx);
    expect(lines(checks.filter((c) => !c.passed))).toMatchInlineSnapshot(`
      [
        "FAIL [required] /Resources id "a" appears 2 times, on pages 1 and 2",
        "FAIL [required] /Resources id "b" appears 2 times, on pages 1 and 2",
        "FAIL [recommended] /startIndex page 2: requested startIndex 3, got integer 1",
      ]
    `);
    expect(checks.find((c) => !c.passed)?.hint).toMatch(/okta-protocol\.md §1\.3/);
  });

  it('fails when fewer resources arrive than totalResults, or totalResults drifts', () => {
    const checks = checkPaging([page(1, ['a', 'b']), page(3, ['c'], { totalResults: 3 })], options, ctx);
    expect(lines(checks.filter((c) => !c.passed))).toEqual([
      'FAIL [required] /totalResults totalResults changed between pages: integer 4 on page 1, integer 3 on page 2',
      'FAIL [required] /totalResults expected 4 resources (totalResults on page 1), saw 3 across 2 pages',
    ]);
  });

  it('fails pages larger than count', () => {
    const checks = checkPaging([page(1, ['a', 'b', 'c'], { totalResults: 3 })], options, ctx);
    expect(lines(checks.filter((c) => !c.passed))).toEqual([
      'FAIL [required] /itemsPerPage page 1: itemsPerPage 3 exceeds the count 2 requested',
      'FAIL [required] /Resources page 1: 3 resources returned, more than the count 2 requested (RFC 7644 §3.4.2.4)',
    ]);
  });

  it('reports a string totalResults and still compares the number it spells, so a second fault shows', () => {
    const checks = checkPaging([page(1, ['a'], { totalResults: '2' })], options, ctx);
    expect(lines(checks.filter((c) => !c.passed))).toEqual([
      'FAIL [required] /totalResults expected integer totalResults on page 1, got string "2"; paging is judged with 2',
      'FAIL [required] /totalResults expected 2 resources (totalResults "2" on page 1, read as a number), saw 1 across 1 page',
    ]);
  });

  it('reports a string totalResults that matches what was seen only as a type error', () => {
    const checks = checkPaging([page(1, ['a'], { totalResults: '1' })], options, ctx);
    expect(lines(checks.filter((c) => !c.passed))).toEqual([
      'FAIL [required] /totalResults expected integer totalResults on page 1, got string "1"; paging is judged with 1',
    ]);
  });

  it('stops at a page that is not a JSON ListResponse', () => {
    const html = makeExchange({ status: 502, headers: { 'content-type': 'text/html' }, text: '<html>' });
    expect(lines(checkPaging([page(1, ['a', 'b']), html], options, ctx))).toEqual([
      'FAIL [required]  page 2 is not a JSON ListResponse, so paging could not be checked past it',
    ]);
  });

  it('keeps an optional step optional and carries why', () => {
    const checks = checkPaging([page(1, ['a'], { startIndex: 9, totalResults: 1 })], { ...options, level: 'optional', why: 'import (okta-protocol.md §2.2)' }, ctx);
    expect(checks.every((c) => c.level === 'optional' && c.why === 'import (okta-protocol.md §2.2)')).toBe(true);
  });

  it('returns nothing for no pages', () => {
    expect(checkPaging([], options, ctx)).toEqual([]);
  });
});

describe('checkPaging when maxPages cut the list short', () => {
  it('does not compare the resources seen with totalResults', () => {
    const page = makeExchange({ status: 200, json: { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 500, startIndex: 1, itemsPerPage: 2, Resources: [{ id: 'a' }, { id: 'b' }] } });
    const ctx = { locate: () => ({ file: 'f.yaml', line: 1, column: 1 }) };
    const cut = checkPaging([page], { count: 2, pointer: '/steps/0/paging', level: 'required', truncated: true }, ctx);
    expect(cut.filter((c) => !c.passed)).toEqual([]);
    const whole = checkPaging([page], { count: 2, pointer: '/steps/0/paging', level: 'required' }, ctx);
    expect(whole.some((c) => !c.passed && c.message.includes('totalResults'))).toBe(true);
  });
});
