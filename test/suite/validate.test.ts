// The `validate` command as a function of explicit inputs: files, cwd, and captured output streams.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/cli/commands/validate.js';

const cwd = fileURLToPath(new URL('../../fixtures/suites/', import.meta.url));

async function run(files: string[]) {
  let stdout = '';
  let stderr = '';
  const result = await validate({ files, cwd, fixturesDir: `${cwd}bodies` }, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { ...result, stdout, stderr };
}

describe('validate', () => {
  it('prints one line per valid suite or profile', async () => {
    const out = await run(['valid/full.yaml', 'valid/minimal.yaml', 'profiles/demo.yaml']);
    expect(out.ok).toBe(true);
    expect(out.errors).toEqual([]);
    expect(out.stdout).toBe('✓ valid/full.yaml (4 steps)\n✓ valid/minimal.yaml (1 step)\n✓ profiles/demo.yaml (profile, 3 features)\n');
    expect(out.stderr).toBe('');
  });

  it('prints each error as file:line:col, title and detail, and keeps going', async () => {
    const out = await run(['invalid/unknown-key.yaml', 'valid/minimal.yaml', 'invalid/bad-level.yaml']);
    expect(out.ok).toBe(false);
    expect(out.errors.map((e) => e.code)).toEqual(['suite.unknownKey', 'suite.badValue']);
    expect(out.stdout).toBe('✓ valid/minimal.yaml (1 step)\n');
    expect(out.stderr).toBe(
      'invalid/unknown-key.yaml:10:7  Unknown key\n' +
        '    unknown key "bodu" in expect; did you mean "body"?\n' +
        'invalid/bad-level.yaml:4:8  Invalid value\n' +
        '    level "requried" is not one of required, recommended, optional; did you mean "required"?\n',
    );
  });

  it('names a missing file with input.notFound (exit code 3)', async () => {
    const out = await run(['nope.yaml']);
    expect(out.ok).toBe(false);
    expect(out.errors[0]).toMatchObject({ code: 'input.notFound', exitCode: 3 });
    expect(out.stderr).toBe('error: File not found\n    cannot read nope.yaml: no such file\n');
  });

  it('checks a file as a profile when asked, never by guessing from its keys', async () => {
    const { mkdtempSync, writeFileSync, rmSync, mkdirSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/scim-check-validate-`);
    const check = async (files: string[], profiles: string[] = []) => {
      let stderr = '';
      const result = await validate({ files, profiles, cwd: dir }, { stdout: () => undefined, stderr: (s) => (stderr += s) });
      return { codes: result.errors.map((e) => e.code), stderr };
    };
    try {
      writeFileSync(`${dir}/p.yaml`, 'id: p\ntitle: P\nfeatures:\n  createUsers: maybe\n');
      // Named as a profile (--profile, a profiles/ folder, *.profile.yaml): profile errors.
      expect((await check([], ['p.yaml'])).codes).toEqual(['profile.badValue']);
      expect((await check([], ['p.yaml'])).stderr).toContain('p.yaml:4:16  Invalid value');
      mkdirSync(`${dir}/profiles`);
      writeFileSync(`${dir}/profiles/p.yaml`, 'id: p\ntitle: P\nfeatures:\n  createUsers: maybe\n');
      writeFileSync(`${dir}/my-app.profile.yaml`, 'id: p\ntitle: P\nfeatures:\n  createUsers: maybe\n');
      expect((await check(['profiles/p.yaml', 'my-app.profile.yaml'])).codes).toEqual(['profile.badValue', 'profile.badValue']);
      // Not named as one: it is a suite, whatever keys it has; the error says how to check it as a profile.
      const asSuite = await check(['p.yaml']);
      expect(asSuite.codes).toContain('suite.unknownKey');
      expect(asSuite.stderr).toContain('hint: if this file is a profile, check it with `scim-check validate --profile FILE`');
      // A suite with a top-level features key is not taken for a profile.
      writeFileSync(`${dir}/s.yaml`, 'id: s\ntitle: S\nfeatures: {}\nsteps:\n  - { id: a, title: A, request: { method: GET, path: /Users } }\n');
      expect((await check(['s.yaml'])).codes).toEqual(['suite.unknownKey']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks scim-check.yaml and scim-check.yml as config files', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/scim-check-validate-`);
    try {
      writeFileSync(`${dir}/scim-check.yml`, 'baseUrl: https://x.test/scim/v2\nprofle: okta\n');
      let stderr = '';
      const result = await validate({ files: ['scim-check.yml'], cwd: dir }, { stdout: () => undefined, stderr: (s) => (stderr += s) });
      expect(result.errors.map((e) => e.code)).toEqual(['config.unknownKey']);
      expect(stderr).toContain('scim-check.yml:2:1');
      expect(stderr).toContain('did you mean "profile"?');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
