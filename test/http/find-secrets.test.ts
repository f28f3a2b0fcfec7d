import { describe, expect, it } from 'vitest';
import { findSecrets, replaceSecrets } from '../../src/http/find-secrets.js';

const SECRET = 'S3cr3t-Token-value_42';
const hide = (text: string, secrets = [SECRET]): string => replaceSecrets(text, secrets, '#');

describe('findSecrets', () => {
  const forms: Record<string, string> = {
    plain: SECRET,
    'other case': SECRET.toUpperCase(),
    '\\u-escaped': [...SECRET].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
    'half \\u-escaped': `${SECRET.slice(0, 5)}\\u0054${SECRET.slice(6)}`,
    'HTML decimal entities': [...SECRET].map((c) => `&#${c.charCodeAt(0)};`).join(''),
    'HTML hex entities': [...SECRET].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
    'percent-encoded': [...SECRET].map((c) => `%${c.charCodeAt(0).toString(16)}`).join(''),
    base64: Buffer.from(SECRET).toString('base64'),
    base64url: Buffer.from(`??${SECRET}`).toString('base64url'),
    'base64 of Bearer <secret>': Buffer.from(`Bearer ${SECRET}`).toString('base64'),
    'base64 inside a JSON document': Buffer.from(JSON.stringify({ token: SECRET })).toString('base64'),
    '8-character slice': SECRET.slice(4, 12),
    '10-character slice, upper case': SECRET.slice(7, 17).toUpperCase(),
  };
  it.each(Object.entries(forms))('finds the %s form', (_name, form) => {
    const out = hide(`before ${form} after`);
    expect(out.startsWith('before ')).toBe(true);
    expect(out.endsWith(' after')).toBe(true);
    expect(out).toContain('#');
    expect(out.toLowerCase()).not.toContain(SECRET.slice(4, 12).toLowerCase());
  });

  it('leaves text with no slice of a secret untouched, and a 7-character slice alone', () => {
    expect(findSecrets('nothing to see here, 200 OK', [SECRET])).toEqual([]);
    expect(hide(`x ${SECRET.slice(0, 7)} y`)).toBe(`x ${SECRET.slice(0, 7)} y`);
  });

  it('finds short secrets whole, in any case', () => {
    expect(hide('key=AbC12 and abc12', ['abc12'])).toBe('key=# and #');
  });

  it('scans a 5 MB text in one pass', () => {
    const text = `${'lorem ipsum '.repeat(450_000)}${SECRET}`;
    expect(findSecrets(text, [SECRET])).toEqual([[text.length - SECRET.length, text.length]]);
  });
});

describe('findSecrets with an Authorization value as the secret', () => {
  it('slices the credential, not the scheme word', () => {
    const value = 'Bearer abcdefghijklmnop';
    expect(hide('use Bearer authentication', [value])).toBe('use Bearer authentication');
    expect(hide('x bcdefghij y', [value])).toBe('x # y');
    expect(hide(`x ${value.toUpperCase()} y`, [value])).toBe('x # y');
  });
});

describe('findSecrets on texts seen before', () => {
  it('answers the same the second time, and a text clean for one set of secrets is still searched for another', () => {
    const text = 'token=s3cr3t-value-123 and more';
    expect(findSecrets(text, ['s3cr3t-value-123'])).toEqual(findSecrets(text, ['s3cr3t-value-123']));
    expect(findSecrets(text, ['s3cr3t-value-123'])).not.toEqual([]);
    const clean = 'urn:ietf:params:scim:schemas:core:2.0:User';
    const first = ['unrelated-secret-1'];
    expect(findSecrets(clean, first)).toEqual([]);
    expect(findSecrets(clean, first)).toEqual([]);
    expect(findSecrets(clean, [...first, 'schemas:core'])).toEqual([[clean.indexOf('schemas:core'), clean.indexOf('schemas:core') + 'schemas:core'.length]]);
  });

  it('maps ranges back through escapes decoded in bulk (JSON \\u, entities, percent) exactly', () => {
    const text = 'a\\u0073ecret-token%2Dxyz &amp; b';
    expect(replaceSecrets(text, ['secret-token-xyz'], '[R]')).toBe('a[R] &amp; b');
  });
});
