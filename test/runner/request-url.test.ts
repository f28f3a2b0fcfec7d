import { describe, expect, it } from 'vitest';
import { requestUrl } from '../../src/runner/request-url.js';

describe('requestUrl', () => {
  it('encodes the filter as current Okta requests do (%20, %22, %40) and keeps the order', () => {
    expect(requestUrl('https://x.test/scim/v2/', '/Users', [['filter', 'userName eq "a@b.c"'], ['startIndex', '1'], ['count', '100']], undefined)).toBe(
      'https://x.test/scim/v2/Users?filter=userName%20eq%20%22a%40b.c%22&startIndex=1&count=100',
    );
  });
  it('sends a raw query verbatim', () => {
    expect(requestUrl('https://x.test/scim/v2', 'Users', undefined, 'filter=userName+eq+%22a%22')).toBe('https://x.test/scim/v2/Users?filter=userName+eq+%22a%22');
  });
});
