// Under GITHUB_ACTIONS=true the github reporter turns itself on beside whatever was chosen, stays within GitHub's
// annotation limits, and names a file only when it is in the user's repository.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { json, startTinyServer } from '../support/tiny-server.js';

function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-gha-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'scim'));
  copyFileSync(join(ROOT, 'test/e2e/suites/create-and-read.yaml'), join(dir, 'scim', 'create-and-read.yaml'));
  return dir;
}

/** Creates fine, then reads back another user: the suite's read check fails. */
async function wrongServer(): Promise<string> {
  // Cleanup confirms its DELETE with a GET, so the user is really gone once deleted.
  let deleted = false;
  const server = await startTinyServer((req, res) => {
    if (req.method === 'POST') json(res, 201, { id: 'u1', userName: 'x' });
    else if (req.method === 'GET' && req.url.includes('filter=')) json(res, 200, { totalResults: 0, Resources: [] });
    else if (req.method === 'GET') json(res, deleted ? 404 : 200, deleted ? { status: '404' } : { id: 'u1', userName: 'someone-else' });
    else {
      deleted ||= req.method === 'DELETE';
      res.writeHead(204).end();
    }
  });
  onTestFinished(() => server.close());
  return server.baseUrl;
}

const annotations = (text: string): string[] => text.split('\n').filter((l) => /^::(error|warning)/.test(l));

describe('inside GitHub Actions', () => {
  it('annotates a user suite on its own line, relative to the repository root, and writes the job summary', async () => {
    const ws = workspace();
    const baseUrl = await wrongServer();
    const r = await runCli(['run', 'create-and-read.yaml', '--base-url', baseUrl], {
      cwd: join(ws, 'scim'),
      env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws, GITHUB_STEP_SUMMARY: join(ws, 'summary.md'), SCIM_TOKEN: 't' },
    });
    expect(r.exitCode, r.stderr).toBe(1);
    const found = annotations(r.stdout);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^::error file=scim\/create-and-read\.yaml,line=22,col=45,title=e2e\.create-and-read › read%3A body \/userName::expected a string equal to "scim-check-[0-9a-f]{8}-e2e@example\.com" ignoring case, got string "someone-else"$/);
    // The human output is still there: the github reporter was added, not swapped in.
    expect(r.stdout).toContain('Steps: ');
    expect(readFileSync(join(ws, 'summary.md'), 'utf8')).toContain('scim-check');
  });

  it('with a document on stdout, the annotations move to stderr and stdout stays one document', async () => {
    const ws = workspace();
    const baseUrl = await wrongServer();
    const r = await runCli(['run', 'scim/create-and-read.yaml', '--base-url', baseUrl, '--reporter', 'json'], { cwd: ws, env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws, SCIM_TOKEN: 't' } });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(annotations(r.stderr).length).toBeGreaterThan(0);
  });

  it('outside GitHub Actions nothing is annotated unless asked', async () => {
    const ws = workspace();
    const baseUrl = await wrongServer();
    const r = await runCli(['run', 'scim/create-and-read.yaml', '--base-url', baseUrl], { cwd: ws, env: { SCIM_TOKEN: 't' } });
    expect(r.exitCode).toBe(1);
    expect(annotations(r.stdout + r.stderr)).toEqual([]);
  });

  it('built-in suites: named by id, never by a path the user does not have; at most 10 of each kind', async () => {
    const ws = workspace();
    const token = 'gha-token-1';
    const server = await startServer({ port: 0, token, quirks: ['string-counts', 'create-empty-body', 'patch-pathless-500'].map(parseQuirk) });
    onTestFinished(() => server.close());
    const r = await runCli(['run', '--base-url', server.baseUrl], { cwd: ws, env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ws, SCIM_TOKEN: token } });
    expect(r.exitCode, r.stderr).not.toBe(0);
    const found = annotations(r.stdout);
    const errors = found.filter((l) => l.startsWith('::error'));
    const warnings = found.filter((l) => l.startsWith('::warning'));
    expect(errors).toHaveLength(10);
    expect(errors[9]).toMatch(/^::error title=scim-check%3A \d+ more failures::/);
    expect(warnings.length).toBeLessThanOrEqual(10);
    expect(found.every((l) => !l.includes('file='))).toBe(true);
    // No expectation twice: no two annotations share a title.
    const titles = found.map((l) => /title=([^:]*)::/.exec(l)?.[1]);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
