import { describe, it, expect } from 'vitest';
import { indexableEq, matchesFilter, parseFilter } from '../../src/server/filter.js';
import { GROUP_SHAPE, USER_SHAPE } from '../../src/server/resource-schemas.js';
import { ScimHttpError } from '../../src/server/scim-http-error.js';

const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const jane = {
  id: 'u1',
  userName: 'Jane.Doe@Example.com',
  externalId: 'ABC',
  name: { givenName: 'Jane', familyName: 'Doe' },
  emails: [
    { value: 'jane@work.example', type: 'work', primary: true },
    { value: 'jane@home.example', type: 'home' },
  ],
  active: false,
  title: '',
  meta: { created: '2024-01-02T03:04:05.000Z', lastModified: '2024-06-01T00:00:00.000Z' },
  [ENT]: { department: 'R&D' },
};

const matches = (text: string, options = {}): boolean => matchesFilter(jane, parseFilter(text, USER_SHAPE), options);

function invalid(text: string): ScimHttpError {
  try {
    parseFilter(text, USER_SHAPE);
  } catch (error) {
    if (error instanceof ScimHttpError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('filter: operators (RFC 7644 §3.4.2.2)', () => {
  it.each([
    ['userName eq "jane.doe@example.com"', true],
    ['userName eq "john@example.com"', false],
    ['userName ne "john@example.com"', true],
    ['userName co "DOE@"', true],
    ['userName sw "jane."', true],
    ['userName ew ".COM"', true],
    ['userName gt "a"', true],
    ['userName lt "a"', false],
    ['userName ge "jane.doe@example.com"', true],
    ['userName le "jane.doe@example.com"', true],
    ['name.familyName pr', true],
    ['nickName pr', false],
    ['title pr', false],
    ['active eq false', true],
    ['active eq true', false],
    ['meta.lastModified gt "2024-03-01T00:00:00Z"', true],
    ['meta.created ge "2025-01-01T00:00:00Z"', false],
  ])('%s → %s', (text, expected) => {
    expect(matches(text)).toBe(expected);
  });
});

describe('filter: logic, grouping, value paths', () => {
  it.each([
    ['userName eq "x" or active eq false', true],
    ['userName sw "jane" and active eq true', false],
    ['not (active eq true)', true],
    ['(userName eq "x" or name.givenName eq "jane") and active eq false', true],
    ['userName eq "x" or name.givenName eq "jane" and active eq true', false],
    ['emails[type eq "work" and value co "@work"]', true],
    ['emails[type eq "work" and value co "@home"]', false],
    ['emails[not (type eq "work")]', true],
    ['emails co "@home"', true],
    ['emails.type eq "home"', true],
  ])('%s → %s', (text, expected) => {
    expect(matches(text)).toBe(expected);
  });
});

describe('filter: names and case', () => {
  it('reads attribute names and operators without case', () => {
    expect(matches('USERNAME EQ "JANE.DOE@EXAMPLE.COM"')).toBe(true);
    expect(matches('Name.GivenName Sw "J"')).toBe(true);
  });

  it('honours caseExact per schema: externalId and id are case-exact, userName is not', () => {
    expect(matches('externalId eq "abc"')).toBe(false);
    expect(matches('externalId eq "ABC"')).toBe(true);
    expect(matches('id eq "U1"')).toBe(false);
  });

  it('compares case-exactly when told to (quirk filter-case-sensitive, postman)', () => {
    expect(matches('userName eq "jane.doe@example.com"', { caseExact: new Set(['username']) })).toBe(false);
    expect(matches('name.givenName eq "jane"', { allCaseExact: true })).toBe(false);
  });

  it('resolves schema-qualified names, the extension included', () => {
    expect(matches(`${ENT}:department eq "r&d"`)).toBe(true);
    expect(matches('urn:ietf:params:scim:schemas:core:2.0:User:userName sw "jane"')).toBe(true);
  });

  it('reads JSON escapes inside strings', () => {
    const f = parseFilter('displayName eq "say \\"hi\\""', GROUP_SHAPE);
    expect(matchesFilter({ displayName: 'say "hi"' }, f)).toBe(true);
  });
});

describe('filter: errors are 400 invalidFilter', () => {
  it.each([
    'nosuch eq "x"',
    'name.nosuch eq "x"',
    'userName eq',
    'userName eq "x',
    'userName xx "x"',
    '(userName eq "x"',
    'userName eq "x" extra',
    'active gt true',
    'active eq "yes"',
    'password pr',
    'userName eq bare',
    '',
  ])('%j', (text) => {
    const error = invalid(text);
    expect(error.status).toBe(400);
    expect(error.scimType).toBe('invalidFilter');
  });

  it('postman limits: only the listed attributes and eq', () => {
    const options = { allowed: new Set(['username', 'active']), allowedOps: new Set(['eq']) };
    expect(() => parseFilter('userName eq "a"', USER_SHAPE, options)).not.toThrow();
    expect(() => parseFilter('externalId eq "a"', USER_SHAPE, options)).toThrow(/not supported here/);
    expect(() => parseFilter('userName sw "a"', USER_SHAPE, options)).toThrow(/not supported here/);
  });
});

describe('indexableEq', () => {
  it('finds the value a filter pins userName to, also inside and', () => {
    expect(indexableEq(parseFilter('userName eq "A"', USER_SHAPE), 'userName')).toBe('A');
    expect(indexableEq(parseFilter('active eq true and UserName eq "B"', USER_SHAPE), 'userName')).toBe('B');
  });

  it('gives up where an index would be wrong', () => {
    expect(indexableEq(parseFilter('userName eq "A" or active eq true', USER_SHAPE), 'userName')).toBeUndefined();
    expect(indexableEq(parseFilter('not (userName eq "A")', USER_SHAPE), 'userName')).toBeUndefined();
    expect(indexableEq(parseFilter('userName sw "A"', USER_SHAPE), 'userName')).toBeUndefined();
  });
});
