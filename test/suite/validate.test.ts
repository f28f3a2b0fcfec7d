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
    expect(out.stderr).toBe('nope.yaml  File not found\n    cannot read nope.yaml: no such file\n');
  });

  it('recognises a broken profile by its features key', async () => {
    const { validate: v } = await import('../../src/cli/commands/validate.js');
    let stderr = '';
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(`${tmpdir()}/scim-check-validate-`);
    try {
      writeFileSync(`${dir}/p.yaml`, 'id: p\ntitle: P\nfeatures:\n  createUsers: maybe\n');
      const result = await v({ files: ['p.yaml'], cwd: dir }, { stdout: () => undefined, stderr: (s) => (stderr += s) });
      expect(result.errors.map((e) => e.code)).toEqual(['profile.badValue']);
      expect(stderr).toContain('p.yaml:4:16  Invalid value');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
