// What `npx scim-check` gets: the packed tarball, installed into an empty prefix, runs --version and validate.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'scim-check-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the published package', () => {
  it('installs from its tarball and runs', { timeout: 240_000 }, async () => {
    const { stdout } = await run('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: ROOT, maxBuffer: 10 * 1024 * 1024 });
    const tarball = join(work, stdout.trim().split('\n').pop() ?? '');
    const prefix = join(work, 'prefix');
    await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], { cwd: work, maxBuffer: 10 * 1024 * 1024 });
    const bin = join(prefix, 'bin', 'scim-check');
    const version = await run(process.execPath, [bin, '--version'], { cwd: work });
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
    const installedSuite = join(prefix, 'lib', 'node_modules', 'scim-check', 'suites', 'okta', 'users-create.yaml');
    const validated = await run(process.execPath, [bin, 'validate', installedSuite], { cwd: work });
    expect(validated.stdout).toContain('users-create.yaml');
  });
});
