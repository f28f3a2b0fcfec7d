import { describe, expect, it } from 'vitest';
import { UnaddressableSegmentError, encodeSegment, expandPath, unsafeSegmentReasons } from '../../src/runner/path-segments.js';
import { OutsideBaseUrlError, requestUrl } from '../../src/runner/request-url.js';
import { createKeyOf, defaultCleanup } from '../../src/runner/cleanup-lookup.js';
import { createScope } from '../../src/suite/index.js';

const scope = (values: Record<string, unknown>) => createScope(values);

describe('expandPath', () => {
  it('encodes each template value as exactly one path segment', () => {
    expect(expandPath('/Users/{{ id }}', scope({ id: '../../../../admin/wipe' }))).toBe('/Users/..%2F..%2F..%2F..%2Fadmin%2Fwipe');
    expect(expandPath('/Users/{{ id }}', scope({ id: 'a?b#c' }))).toBe('/Users/a%3Fb%23c');
    expect(expandPath('/Users/{{ id }}', scope({ id: '50%\r\n x' }))).toBe('/Users/50%25%0D%0A%20x');
    expect(expandPath('/Users/{{ id }}', scope({ id: 42 }))).toBe('/Users/42');
  });
  it('keeps literal text as written and does not encode a value twice after | urlencode', () => {
    expect(expandPath('/Users', scope({}))).toBe('/Users');
    expect(expandPath('/Users/{{ id | urlencode }}', scope({ id: 'a/b' }))).toBe('/Users/a%2Fb');
  });
  it('refuses a value that would be a dot segment, percent-encoded or not', () => {
    expect(() => expandPath('/Users/{{ id }}', scope({ id: '..' }))).toThrow(UnaddressableSegmentError);
    expect(() => expandPath('/Users/{{ id }}', scope({ id: '.' }))).toThrow(/removed by URL normalisation/);
    expect(() => expandPath('/Users/{{ id | urlencode }}', scope({ id: '%2e%2E' }))).not.toThrow();
    expect(() => encodeSegment('%2e.')).toThrow(UnaddressableSegmentError);
    expect(expandPath('/Users/x{{ id }}', scope({ id: '..' }))).toBe('/Users/x..');
  });
});

describe('unsafeSegmentReasons', () => {
  it('names every character a careless client would misroute', () => {
    expect(unsafeSegmentReasons('2819c223-7f76-453a-919d-413861904646')).toEqual([]);
    expect(unsafeSegmentReasons('../a?b#c%\u0007')).toEqual(['"/"', '"?"', '"#"', '"%"', 'control characters', '".."']);
  });
});

describe('requestUrl', () => {
  it('refuses a URL that leaves the base URL once normalised', () => {
    expect(() => requestUrl('http://h.test/scim/v2', '/../admin', undefined, undefined)).toThrow(OutsideBaseUrlError);
    expect(() => requestUrl('http://h.test/scim/v2', '/Users/../../x', undefined, undefined)).toThrow(/not under the base URL http:\/\/h\.test\/scim\/v2/);
    expect(requestUrl('http://h.test/scim/v2', '/Users/..%2Fx', undefined, undefined)).toBe('http://h.test/scim/v2/Users/..%2Fx');
    expect(requestUrl('http://h.test/scim/v2', '//evil.test/x', undefined, undefined)).toBe('http://h.test/scim/v2//evil.test/x');
  });
});

describe('createKeyOf', () => {
  const base = 'http://h.test/scim/v2';
  const post = (path: string, body: unknown) => ({ method: 'POST', url: `${base}${path}`, headers: {}, body: JSON.stringify(body) });
  it('keys a create by the first of userName, displayName, externalId that carries the run id', () => {
    expect(createKeyOf(post('/Users', { userName: 'scim-check-abcd1234-x@example.com' }), base, 'abcd1234')).toEqual({ collection: '/Users', attribute: 'userName', value: 'scim-check-abcd1234-x@example.com' });
    expect(createKeyOf(post('/Users', { userName: 'alice', externalId: '00uabcd1234x' }), base, 'abcd1234')).toEqual({ collection: '/Users', attribute: 'externalId', value: '00uabcd1234x' });
    expect(createKeyOf(post('/Groups', { displayName: 'scim-check-ABCD1234-g' }), base, 'abcd1234')?.attribute).toBe('displayName');
  });
  it('never keys a value without the run id, a search, or anything but a POST to a collection', () => {
    expect(createKeyOf(post('/Users', { userName: 'alice@example.com' }), base, 'abcd1234')).toBeUndefined();
    expect(createKeyOf(post('/Users/.search', { userName: 'scim-check-abcd1234-x' }), base, 'abcd1234')).toBeUndefined();
    expect(createKeyOf({ ...post('/Users', { userName: 'scim-check-abcd1234-x' }), method: 'PUT' }, base, 'abcd1234')).toBeUndefined();
  });
});

describe('defaultCleanup', () => {
  it('deletes by the encoded id, then deactivates users as Okta does', () => {
    const requests = defaultCleanup('http://h.test/scim/v2', '/Users', 'a/b', { 'Content-Type': 'application/json', Accept: 'application/scim+json' });
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['DELETE http://h.test/scim/v2/Users/a%2Fb', 'PATCH http://h.test/scim/v2/Users/a%2Fb']);
    expect(requests[0]?.headers).toEqual({ Accept: 'application/scim+json' });
    expect(JSON.parse(requests[1]?.body ?? '')).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
    expect(defaultCleanup('http://h.test/scim/v2', '/Groups', 'g1', {}).map((r) => r.method)).toEqual(['DELETE']);
  });
});
