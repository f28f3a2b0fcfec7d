// README stays true: its suite, profile and settings examples pass `validate` as written, its fixture table matches
// the fixtures, and its "Writing your own suite" example (own fixture file, one header block) runs green against the
// reference server, with the requests Okta would send.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { ROOT, runCli } from '../support/run-cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'scim-check-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Block {
  lang: string;
  text: string;
  /** The backticked file name in the paragraph right before the block ("`my-suite.yaml`:"), if any. */
  file?: string;
}

function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const fence = /^```(\w*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(markdown); m !== null; m = fence.exec(markdown)) {
    const before = markdown.slice(0, m.index).trimEnd().split('\n').pop() ?? '';
    const file = /`([\w./-]+\.(?:ya?ml|json))`[^`]*:$/.exec(before)?.[1];
    blocks.push({ lang: m[1] ?? '', text: m[2] ?? '', ...(file === undefined ? {} : { file }) });
  }
  return blocks;
}

const blocks = codeBlocks(README);
const yamlBlocks = blocks.filter((b) => b.lang === 'yaml');
const kindOf = (text: string): 'suite' | 'profile' | 'config' | 'ci' =>
  /^steps:/m.test(text) ? 'suite' : /^features:/m.test(text) ? 'profile' : /^baseUrl:/m.test(text) ? 'config' : 'ci';

function write(relative: string, text: string): string {
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}

describe('README examples', () => {
  it('has suite, profile and settings examples to check', () => {
    const kinds = yamlBlocks.map((b) => kindOf(b.text));
    expect(kinds.filter((k) => k === 'suite').length).toBeGreaterThanOrEqual(2);
    expect(kinds).toContain('profile');
    expect(kinds).toContain('config');
  });

  it('every suite, profile and settings example passes validate as written', async () => {
    for (const b of blocks.filter((x) => x.file !== undefined && x.lang === 'json')) write(b.file ?? '', b.text);
    const suites: string[] = [];
    const profiles: string[] = [];
    let configs = 0;
    yamlBlocks.forEach((b, i) => {
      const kind = kindOf(b.text);
      if (kind === 'suite') suites.push(b.file ?? `readme-suite-${i}.yaml`);
      if (kind === 'profile') profiles.push(`readme-profile-${i}.yaml`);
      if (kind === 'config') configs += 1;
      if (kind === 'suite') write(b.file ?? `readme-suite-${i}.yaml`, b.text);
      if (kind === 'profile') write(`readme-profile-${i}.yaml`, b.text);
      if (kind === 'config') write(join(`config-${i}`, 'scim-check.yaml'), b.text);
    });
    const configFiles = readdirSync(dir).filter((d) => d.startsWith('config-')).map((d) => join(d, 'scim-check.yaml'));
    expect(configFiles).toHaveLength(configs);
    const r = await runCli(['validate', ...suites, ...configFiles, ...profiles.flatMap((p) => ['--profile', p])], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('✓'))).toHaveLength(suites.length + profiles.length + configs);
  });

  it('lists, for each built-in fixture, exactly the variables it uses', () => {
    const table = README.slice(README.indexOf('| built-in fixture |'));
    const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
    const documented = new Map<string, string[]>();
    for (const row of rows) {
      const [files = '', vars = ''] = row.split('|').slice(1, 3);
      const names = vars.trim() === 'none' ? [] : [...vars.matchAll(/`([^`]+)`/g)].map((m) => m[1] ?? '');
      for (const f of files.matchAll(/`([^`]+)`/g)) documented.set(f[1] ?? '', names.sort());
    }
    const fixtures = readdirSync(join(ROOT, 'fixtures', 'okta')).filter((f) => f.endsWith('.json'));
    expect([...documented.keys()].sort()).toEqual(fixtures.map((f) => `okta/${f}`).sort());
    for (const f of fixtures) {
      const used = [...new Set([...readFileSync(join(ROOT, 'fixtures', 'okta', f), 'utf8').matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1] ?? ''))].sort();
      expect(documented.get(`okta/${f}`), f).toEqual(used);
    }
  });

  it('the "Writing your own suite" example runs green against the reference server, sending Okta\'s headers', async () => {
    const suite = blocks.find((b) => b.file === 'my-suite.yaml');
    const fixture = blocks.find((b) => b.file === 'bodies/new-user.json');
    expect(suite?.text).toContain('$fixture: bodies/new-user.json');
    // One header block for the whole suite.
    expect(suite?.text.match(/headers:/g)).toHaveLength(1);
    const own = mkdtempSync(join(dir, 'own-'));
    writeFileSync(join(own, 'my-suite.yaml'), suite?.text ?? '');
    mkdirSync(join(own, 'bodies'));
    writeFileSync(join(own, 'bodies', 'new-user.json'), fixture?.text ?? '');
    const token = 'readme-e2e-token-5c1';
    const server = await startServer({ port: 0, token });
    try {
      const har = join(own, 'run.har');
      const r = await runCli(['run', 'my-suite.yaml', '--base-url', server.baseUrl, '--reporter', `har=${har}`], { cwd: own, env: { SCIM_TOKEN: token } });
      expect(r.stdout).toContain('Steps: 3 passed (3)');
      expect(r.exitCode).toBe(0);
      const entries = (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: Array<{ request: { method: string; headers: Array<{ name: string; value: string }>; postData?: { text: string } } }> } }).log.entries;
      // The suite's own three requests, then cleanup's (DELETE, the GET that confirms it, the end-of-run sweep).
      const sent = entries.slice(0, 3);
      expect(sent.map((e) => e.request.method)).toEqual(['POST', 'PATCH', 'GET']);
      expect(entries[3]?.request.method).toBe('DELETE');
      for (const e of sent) {
        const headers = Object.fromEntries(e.request.headers.map((h) => [h.name.toLowerCase(), h.value]));
        expect(headers['user-agent']).toBe('Okta SCIM Client 1.0.0');
        expect(headers['content-type']).toBe(e.request.method === 'GET' ? undefined : 'application/scim+json; charset=utf-8');
      }
      const created = JSON.parse(sent[0]?.request.postData?.text ?? '{}') as Record<string, unknown>;
      expect(created['title']).toBe('Engineer');
      expect(String(created['userName'])).toMatch(/^scim-check-[0-9a-f]{8}-ada@example\.com$/);
      // Cleanup removed the user.
      expect(server.store.users.size).toBe(0);
    } finally {
      await server.close();
    }
  });
});
