import { describe, expect, it } from 'vitest';
import { authHeaders, secretsOf } from '../../src/http/auth.js';
import type { AuthConfig, Target } from '../../src/http/types.js';

function target(auth: AuthConfig, headers: Record<string, string> = {}, proxy?: string): Target {
  return {
    baseUrl: 'https://scim.example.com/scim/v2',
    auth,
    headers,
    tls: { verify: true },
    ...(proxy === undefined ? {} : { proxy }),
    timeoutMs: 60_000,
    maxResponseBytes: 1024,
  };
}

describe('authHeaders', () => {
  it('sends each auth mode the way Okta does', () => {
    expect(authHeaders({ kind: 'none' })).toEqual({});
    expect(authHeaders({ kind: 'bearer', token: 'abc123' })).toEqual({ Authorization: 'Bearer abc123' });
    expect(authHeaders({ kind: 'header', value: 'SSWS xyz' })).toEqual({ Authorization: 'SSWS xyz' });
    expect(authHeaders({ kind: 'basic', username: 'okta', password: 'pä:ss' })).toEqual({
      Authorization: `Basic ${Buffer.from('okta:pä:ss', 'utf8').toString('base64')}`,
    });
  });
});

describe('secretsOf', () => {
  it('lists the bearer token', () => {
    expect(secretsOf(target({ kind: 'bearer', token: 'tok-1234' }))).toEqual(['tok-1234']);
  });

  it('lists the header value and the token after the scheme word, longest first', () => {
    expect(secretsOf(target({ kind: 'header', value: 'Bearer tok-5678' }))).toEqual(['Bearer tok-5678', 'tok-5678']);
  });

  it('lists the basic password and the base64 credentials', () => {
    const b64 = Buffer.from('admin:pw-secret').toString('base64');
    expect(secretsOf(target({ kind: 'basic', username: 'admin', password: 'pw-secret' }))).toEqual([b64, 'pw-secret']);
  });

  it('lists every --header value and proxy credentials', () => {
    const secrets = secretsOf(target({ kind: 'none' }, { 'x-api-key': 'key-0001', 'x-other': 'Token key-0002' }, 'http://u:proxy-pw@proxy:3128'));
    expect(secrets).toContain('key-0001');
    expect(secrets).toContain('Token key-0002');
    expect(secrets).toContain('key-0002');
    expect(secrets).toContain('proxy-pw');
    expect(secrets).toContain(Buffer.from('u:proxy-pw').toString('base64'));
    const lengths = secrets.map((s) => s.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => b - a));
  });

  it('ignores empty and very short values and duplicates', () => {
    expect(secretsOf(target({ kind: 'bearer', token: 'abc' }, { a: '', b: 'x', c: 'abcd', d: 'abcd' }))).toEqual(['abcd']);
  });
});
