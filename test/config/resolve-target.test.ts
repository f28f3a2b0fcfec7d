import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/config-file.js';
import { parseHeaderFlag, resolveTarget } from '../../src/config/resolve-target.js';
import { ScimCheckError } from '../../src/errors.js';

const cwd = mkdtempSync(join(tmpdir(), 'scim-check-target-'));
writeFileSync(join(cwd, 'token.txt'), 'file-token-123456\n');

async function errorOf(p: Promise<unknown>): Promise<ScimCheckError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ScimCheckError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('resolveTarget', () => {
  it('takes flags over env over the config file', async () => {
    const config = parseConfigText('baseUrl: https://config.test/scim/v2\ntimeoutMs: 5000\n', 'scim-check.yaml');
    const fromFlags = await resolveTarget({ flags: { baseUrl: 'https://flag.test/scim/v2/' }, env: { SCIM_BASE_URL: 'https://env.test/scim/v2' }, cwd, config });
    expect(fromFlags.target.baseUrl).toBe('https://flag.test/scim/v2');
    expect(fromFlags.target.timeoutMs).toBe(5000);
    const fromEnv = await resolveTarget({ flags: {}, env: { SCIM_BASE_URL: 'https://env.test/scim/v2' }, cwd, config });
    expect(fromEnv.target.baseUrl).toBe('https://env.test/scim/v2');
    const fromFile = await resolveTarget({ flags: {}, env: {}, cwd, config });
    expect(fromFile.target.baseUrl).toBe('https://config.test/scim/v2');
  });

  it('defaults to Okta\'s 60 s timeout and a 10 MiB response limit', async () => {
    const { target } = await resolveTarget({ flags: { baseUrl: 'https://x.test' }, env: {}, cwd });
    expect(target.timeoutMs).toBe(60_000);
    expect(target.maxResponseBytes).toBe(10 * 1024 * 1024);
    expect(target.tls.verify).toBe(true);
  });

  it('resolves each auth mode', async () => {
    const base = { baseUrl: 'https://x.test' };
    expect((await resolveTarget({ flags: base, env: { SCIM_TOKEN: 'tok' }, cwd })).target.auth).toEqual({ kind: 'bearer', token: 'tok' });
    expect((await resolveTarget({ flags: { ...base, tokenFile: 'token.txt' }, env: { SCIM_TOKEN: 'env' }, cwd })).target.auth).toEqual({ kind: 'bearer', token: 'file-token-123456' });
    expect((await resolveTarget({ flags: base, env: { SCIM_AUTH_HEADER: 'Bearer abc' }, cwd })).target.auth).toEqual({ kind: 'header', value: 'Bearer abc' });
    expect((await resolveTarget({ flags: { ...base, basicUser: 'admin' }, env: { SCIM_PASSWORD: 'pw' }, cwd })).target.auth).toEqual({ kind: 'basic', username: 'admin', password: 'pw' });
    expect((await resolveTarget({ flags: base, env: {}, cwd })).target.auth).toEqual({ kind: 'none' });
  });

  it('warns about secrets on the command line without repeating them', async () => {
    const { warnings } = await resolveTarget({ flags: { baseUrl: 'https://x.test', token: 'super-secret-token' }, env: {}, cwd });
    expect(warnings.join('\n')).toContain('shell history');
    expect(warnings.join('\n')).not.toContain('super-secret-token');
  });

  it('rejects two credentials at the same level', async () => {
    const e = await errorOf(resolveTarget({ flags: { baseUrl: 'https://x.test' }, env: { SCIM_TOKEN: 'a', SCIM_AUTH_HEADER: 'b' }, cwd }));
    expect(e.code).toBe('usage.authConflict');
    expect(e.exitCode).toBe(2);
  });

  it('names the flag and the value at fault', async () => {
    expect((await errorOf(resolveTarget({ flags: { baseUrl: 'ftp://x' }, env: {}, cwd }))).detail).toContain('--base-url "ftp://x"');
    expect((await errorOf(resolveTarget({ flags: { baseUrl: 'https://x.test/scim?x=1' }, env: {}, cwd }))).detail).toContain('query');
    expect((await errorOf(resolveTarget({ flags: { baseUrl: 'https://x.test', timeout: 'soon' }, env: {}, cwd }))).detail).toContain('--timeout soon');
    expect((await errorOf(resolveTarget({ flags: { baseUrl: 'https://x.test', tokenFile: 'missing.txt' }, env: {}, cwd }))).detail).toContain('--token-file missing.txt');
    expect((await errorOf(resolveTarget({ flags: {}, env: {}, cwd }))).code).toBe('usage.noBaseUrl');
  });

  it('uses HTTPS_PROXY unless NO_PROXY names the host', async () => {
    const env = { HTTPS_PROXY: 'http://proxy.test:3128', NO_PROXY: 'internal.test' };
    expect((await resolveTarget({ flags: { baseUrl: 'https://x.test' }, env, cwd })).target.proxy).toBe('http://proxy.test:3128/');
    expect((await resolveTarget({ flags: { baseUrl: 'https://api.internal.test' }, env, cwd })).target.proxy).toBeUndefined();
  });

  it('says loudly that --insecure is on', async () => {
    const { target, warnings, notices } = await resolveTarget({ flags: { baseUrl: 'https://x.test', insecure: true }, env: {}, cwd });
    expect(target.tls.verify).toBe(false);
    expect(warnings).toEqual([]);
    expect(notices.join('\n')).toMatch(/verification is OFF/);
  });
});

describe('parseHeaderFlag', () => {
  it('splits at the first colon', () => {
    expect(parseHeaderFlag('x-api-key: a:b')).toEqual(['x-api-key', 'a:b']);
  });
  it('rejects a malformed header without echoing its value', () => {
    expect(() => parseHeaderFlag('secretvalue')).toThrow(/name part is "\(empty\)"/);
  });
});

describe('parseConfigText', () => {
  it('rejects secrets in the file, at their line', () => {
    try {
      parseConfigText('baseUrl: https://x.test\ntoken: abc\n', 'scim-check.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ScimCheckError);
      const e = error as ScimCheckError;
      expect(e.code).toBe('config.secret');
      expect(e.location).toEqual({ file: 'scim-check.yaml', line: 2, column: 1 });
    }
  });
  it('suggests the closest key', () => {
    expect(() => parseConfigText('baseUrl: https://x.test\nprofil: okta\n', 'c.yaml')).toThrow(/did you mean "profile"/);
  });
  it('reads headers from the environment by name', async () => {
    const config = parseConfigText('headers:\n  x-api-key: { env: KEY }\n', 'c.yaml');
    const { target } = await resolveTarget({ flags: { baseUrl: 'https://x.test' }, env: { KEY: 'k-123' }, cwd, config });
    expect(target.headers).toEqual({ 'x-api-key': 'k-123' });
  });
});
