import { describe, expect, it } from 'vitest';
import { MATCHER_NAMES, describeExpected, isMatcherObject, matchesExpected, runMatcher } from '../../src/assert/matchers.js';
import { MATCHER_NAMES as SUITE_MATCHER_NAMES } from '../../src/suite/matchers.js';

const run = (name: string, actual: unknown, arg: unknown, present = true) => runMatcher(name, actual, present, arg);

describe('MATCHER_NAMES', () => {
  it('lists every matcher of the README table, the same set the suite loader accepts', () => {
    expect([...MATCHER_NAMES].sort()).toEqual([...SUITE_MATCHER_NAMES].sort());
  });
});

describe('$match', () => {
  it('tests strings against the regular expression', () => {
    expect(run('$match', 'application/scim+json; charset=utf-8', 'application/(scim\\+)?json').passed).toBe(true);
    expect(run('$match', 'text/html', 'application/(scim\\+)?json')).toEqual({ passed: false, describe: 'a string matching /application/(scim\\+)?json/' });
  });
  it('fails non-strings, absent keys and invalid expressions', () => {
    expect(run('$match', 1, '1').passed).toBe(false);
    expect(run('$match', undefined, '.*', false).passed).toBe(false);
    expect(run('$match', 'a', '(')).toEqual({ passed: false, describe: 'a string matching /(/ (not a valid regular expression)' });
  });
});

describe('$equalsIgnoreCase', () => {
  it('compares strings ignoring case, and nothing else', () => {
    expect(run('$equalsIgnoreCase', 'Test.User@Okta.Local', 'test.user@okta.local').passed).toBe(true);
    expect(run('$equalsIgnoreCase', 'other', 'test').passed).toBe(false);
    expect(run('$equalsIgnoreCase', 1, '1').passed).toBe(false);
    expect(run('$equalsIgnoreCase', 'x', 'X').describe).toBe('a string equal to "X" ignoring case');
  });
});

describe('$type', () => {
  it('is strict: "0" is a string, not an integer', () => {
    expect(run('$type', '0', 'integer').passed).toBe(false);
    expect(run('$type', 0, 'integer').passed).toBe(true);
  });
  it('integer means Number.isInteger; number takes integers too', () => {
    expect(run('$type', 1.5, 'integer').passed).toBe(false);
    expect(run('$type', 1.5, 'number').passed).toBe(true);
    expect(run('$type', 2, 'number').passed).toBe(true);
  });
  it('tells null, arrays and objects apart and accepts a list', () => {
    expect(run('$type', null, 'object').passed).toBe(false);
    expect(run('$type', [], 'object').passed).toBe(false);
    expect(run('$type', [], 'array').passed).toBe(true);
    expect(run('$type', {}, 'object').passed).toBe(true);
    expect(run('$type', null, ['string', 'null'])).toEqual({ passed: true, describe: 'a value of type string or null' });
    expect(run('$type', true, 'boolean').passed).toBe(true);
  });
  it('fails an absent key', () => {
    expect(run('$type', undefined, 'null', false).passed).toBe(false);
  });
});

describe('$exists', () => {
  it('false passes only when the key is absent; true passes when present, even null', () => {
    expect(run('$exists', undefined, false, false).passed).toBe(true);
    expect(run('$exists', null, false).passed).toBe(false);
    expect(run('$exists', null, true).passed).toBe(true);
    expect(run('$exists', undefined, true, false).passed).toBe(false);
  });
});

describe('$contains', () => {
  it('finds a matching array element by subset match', () => {
    const schemas = ['urn:ietf:params:scim:api:messages:2.0:ListResponse'];
    expect(run('$contains', schemas, 'urn:ietf:params:scim:api:messages:2.0:ListResponse').passed).toBe(true);
    expect(run('$contains', [{ value: 'a', primary: true }], { primary: true }).passed).toBe(true);
    expect(run('$contains', [{ value: 'a' }], { primary: true }).passed).toBe(false);
    expect(run('$contains', [1, 2], { $gt: 1 }).passed).toBe(true);
  });
  it('finds a substring; fails other types', () => {
    expect(run('$contains', 'User not found', 'not found').passed).toBe(true);
    expect(run('$contains', 'User', 'x').passed).toBe(false);
    expect(run('$contains', 5, 5).passed).toBe(false);
    expect(run('$contains', [5], '5').passed).toBe(false);
  });
});

describe('$length', () => {
  it('measures arrays and strings, with a number or a matcher', () => {
    expect(run('$length', [1, 2], 2).passed).toBe(true);
    expect(run('$length', 'abc', 3).passed).toBe(true);
    expect(run('$length', [], { $gte: 1 })).toEqual({ passed: false, describe: 'an array or string whose length is a number ≥ 1' });
    expect(run('$length', { length: 2 }, 2).passed).toBe(false);
  });
});

describe('$oneOf and $not', () => {
  it('$oneOf passes when any alternative matches, absent included', () => {
    expect(run('$oneOf', '404', ['404', 404]).passed).toBe(true);
    expect(run('$oneOf', 404, ['404', 404]).passed).toBe(true);
    expect(run('$oneOf', undefined, [{ $exists: false }, null], false).passed).toBe(true);
    expect(run('$oneOf', 500, ['404', 404])).toEqual({ passed: false, describe: 'one of: string "404"; integer 404' });
  });
  it('$not inverts', () => {
    expect(run('$not', 'x', { $exists: true }).passed).toBe(false);
    expect(run('$not', undefined, { $exists: true }, false).passed).toBe(true);
    expect(run('$not', '1mz050nq', { $type: 'null' }).describe).toBe('not a value of type null');
  });
});

describe('comparisons', () => {
  it('$gte $gt $lte $lt need a number', () => {
    expect(run('$gte', 1, 1).passed).toBe(true);
    expect(run('$gt', 1, 1).passed).toBe(false);
    expect(run('$lte', 1, 1).passed).toBe(true);
    expect(run('$lt', 1, 1).passed).toBe(false);
    expect(run('$gte', '5', 1)).toEqual({ passed: false, describe: 'a number ≥ 1' });
  });
});

describe('unknown matcher', () => {
  it('fails and says so', () => {
    expect(run('$matchh', 'x', 'x')).toEqual({ passed: false, describe: 'a known matcher ($matchh is not one)' });
  });
});

describe('isMatcherObject', () => {
  it('all keys start with $, except an object holding the SCIM $ref attribute', () => {
    expect(isMatcherObject({ $match: 'x' })).toBe(true);
    expect(isMatcherObject({ $match: 'x', value: 1 })).toBe(false);
    expect(isMatcherObject({ $ref: 'https://x/Users/1' })).toBe(false);
    expect(isMatcherObject({})).toBe(false);
    expect(isMatcherObject(['$match'])).toBe(false);
  });
});

describe('matchesExpected (strict subset)', () => {
  it('ignores keys not named, compares types strictly', () => {
    expect(matchesExpected({ a: 1, b: 2 }, true, { a: 1 })).toBe(true);
    expect(matchesExpected({ a: '1' }, true, { a: 1 })).toBe(false);
    expect(matchesExpected({ a: true }, true, { a: 'true' })).toBe(false);
  });
  it('matches arrays element by element with the same length', () => {
    expect(matchesExpected([1, 2], true, [1, 2])).toBe(true);
    expect(matchesExpected([1, 2, 3], true, [1, 2])).toBe(false);
    expect(matchesExpected([{ a: 1, x: 0 }], true, [{ a: 1 }])).toBe(true);
  });
  it('follows pointer keys from the current value', () => {
    expect(matchesExpected({ Resources: [{ userName: 'u' }] }, true, { '/Resources/0/userName': 'u' })).toBe(true);
    expect(matchesExpected({ 'a/b': { '~': 1 } }, true, { '/a~1b/~0': 1 })).toBe(true);
    expect(matchesExpected({}, true, { '/missing': { $exists: false } })).toBe(true);
  });
  it('describes literals with their type', () => {
    expect(describeExpected(0)).toBe('integer 0');
    expect(describeExpected({ primary: true })).toBe('object matching {"primary":true}');
    expect(describeExpected({ $gte: 1, $lte: 5 })).toBe('a number ≥ 1 and a number ≤ 5');
  });
});
