// What a registry user and a reviewer see of the package: a licence that matches package.json, where the code lives,
// no source maps pointing at sources that are not shipped, and every dependency install script reviewed.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

const run = promisify(execFile);
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('package hygiene', () => {
  it('ships LICENSE and README, and no source map', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 20 * 1024 * 1024 });
    const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    const paths = pack?.files.map((f) => f.path) ?? [];
    expect(paths).toContain('LICENSE');
    expect(paths).toContain('README.md');
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    // The build emits none either, so no shipped file names a map that is not there.
    const withMapComment = files(join(ROOT, 'dist')).filter((p) => p.endsWith('.js') && readFileSync(p, 'utf8').includes('sourceMappingURL'));
    expect(withMapComment).toEqual([]);
  });

  it('LICENSE is the licence package.json names, and the package says where it lives', () => {
    expect(pkg['license']).toBe('MIT');
    expect(readFileSync(join(ROOT, 'LICENSE'), 'utf8').split('\n')[0]).toBe('MIT License');
    expect(pkg['repository']).toEqual({ type: 'git', url: 'git+https://github.com/scim-check/scim-check.git' });
    expect(pkg['homepage']).toBe('https://github.com/scim-check/scim-check#readme');
    expect(pkg['bugs']).toEqual({ url: 'https://github.com/scim-check/scim-check/issues' });
    expect(pkg['keywords']).toEqual(expect.arrayContaining(['scim', 'okta', 'provisioning']));
  });

  it('every dependency with an install script is reviewed in allowScripts (so npm install prints no warning)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    const reviewed = Object.keys((pkg['allowScripts'] ?? {}) as Record<string, boolean>).map((key) => key.replace(/(?<=.)@.*$/, ''));
    expect(withScripts.filter((name) => !reviewed.includes(name))).toEqual([]);
  });
});
