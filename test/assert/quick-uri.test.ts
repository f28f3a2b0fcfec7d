// The quick uri path must never accept what ajv-formats' full `uri` check rejects: compared on typical SCIM
// values, on tricky ones, and on many random strings built from URI characters.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { withQuickUri } from '../../src/assert/quick-uri.js';

const full = (createRequire(import.meta.url)('ajv-formats/dist/formats') as { fullFormats: { uri: (s: string) => boolean } }).fullFormats.uri;
const quick = withQuickUri(full);

describe('withQuickUri', () => {
  it('gives the full check\'s answer on typical and tricky values', () => {
    const values = [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'http://127.0.0.1:41234/scim/v2/Users/2819c223-7f76-453a-919d-413861904646',
      'https://example.com/scim/v2/Groups?filter=displayName%20eq%20%22x%22#frag',
      'https://user:pass@example.com/x',
      'http://[::1]:8080/scim',
      'http://[v1.fe]/x',
      'mailto:someone@example.com',
      'HTTP://EXAMPLE.COM/A%2fB',
      'http://exa mple.com/',
      'http://example.com/%zz',
      'relative/path',
      '/absolute/path',
      '',
      ':',
      '1http://x',
      'http:',
      'http://',
      'http:///x',
      'a:b:c',
      'x:%41',
      'x:%4',
      'http://host:port/x',
      'http://host:80:90/x',
      'urn:a?b#c',
      'urn:a#b#c',
      'urn:a\u00e9',
      'file:///etc/passwd',
      'http://ex{ample}.com',
    ];
    for (const value of values) expect(quick(value), value).toBe(full(value));
  });

  it('gives the full check\'s answer on random strings', () => {
    const parts = ['a', 'Z', '0', '9', ':', '/', '//', '?', '#', '%', '%2F', '%g1', '@', '[', ']', '::1', '.', '-', '+', '~', '!', '$', '&', "'", '(', ')', '*', ',', ';', '=', ' ', '"', '{', 'é', 'http:', 'urn:', 'x:'];
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let i = 0; i < 20_000; i++) {
      let value = '';
      const length = next(12);
      for (let j = 0; j < length; j++) value += parts[next(parts.length)];
      expect(quick(value), value).toBe(full(value));
    }
  });
});
