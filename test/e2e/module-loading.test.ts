// Commands load only what they use: the ones that send nothing never load undici, the ajv compiler or the server,
// and a run loads undici's dispatcher files rather than its whole index. Measured on the built CLI, via a preloaded
// probe that lists every module the process loaded.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { BIN, ROOT } from '../support/run-cli.js';

const probe = new URL('../support/module-probe.mjs', import.meta.url).href;
const dir = mkdtempSync(join(tmpdir(), 'scim-check-modules-'));
let count = 0;

/** Runs the CLI with the probe and resolves with the exit code and the loaded modules, relative to the package. */
function loaded(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; modules: string[] }> {
  const file = join(dir, `modules-${count++}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', probe, BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', MODULE_PROBE_FILE: file, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', (code) => {
      const prefix = new URL(`file://${ROOT}`).href.replace(/\/?$/, '/');
      const modules = [...new Set(readFileSync(file, 'utf8').split('\n').filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length)))];
      resolve({ code, modules });
    });
  });
}

const undiciIndex = (m: string): boolean => m === 'node_modules/undici/index.js';
const anyUndici = (m: string): boolean => m.startsWith('node_modules/undici/');
// The generated validators need ajv's small runtime helpers; the compiler is what costs.
const ajvCompiler = (m: string): boolean => m.startsWith('node_modules/ajv/') && !m.startsWith('node_modules/ajv/dist/runtime/');
const server = (m: string): boolean => m.startsWith('dist/server/');
const chalk = (m: string): boolean => m.startsWith('node_modules/chalk/');

describe('modules each command loads', () => {
  it('the probe sees both ES modules and CommonJS ones (so an empty match below means something)', async () => {
    const { code, modules } = await loaded(['list']);
    expect(code).toBe(0);
    expect(modules).toContain('dist/cli/commands/list.js');
    expect(modules).toContain('node_modules/commander/index.js');
  });

  it.each([[['--help']], [['list']], [['list', '--profile', 'postman']], [['validate', 'suites/okta/users-create.yaml']], [['run', '--help']], [['explain', 'Error authenticating: Unauthorized']]])(
    '%j loads no undici, no ajv compiler, no server and (without colour) no chalk',
    async (args) => {
      const { code, modules } = await loaded(args);
      expect(code).toBe(0);
      expect(modules.filter((m) => anyUndici(m) || ajvCompiler(m) || server(m) || chalk(m))).toEqual([]);
    },
  );

  it('list of the built-in suites loads neither the runner (only its planner) nor the YAML loader: they come compiled', async () => {
    const { code, modules } = await loaded(['list']);
    expect(code).toBe(0);
    expect(modules).toContain('dist/runner/plan.js');
    expect(modules).toContain('dist/suite/builtins.js');
    expect(modules.filter((m) => (m.startsWith('dist/runner/') && m !== 'dist/runner/plan.js') || m === 'dist/suite/load-suite.js' || m === 'dist/suite/profile.js')).toEqual([]);
  });

  it('serve --help loads the quirk table, which nothing else needs', async () => {
    expect((await loaded(['serve', '--help'])).modules).toContain('dist/server/quirks.js');
    expect((await loaded(['--help'])).modules).not.toContain('dist/server/quirks.js');
  });

  it('a run loads undici dispatcher files and its prebuilt SCIM validators, not undici\'s index nor the ajv compiler', async () => {
    const s = await startServer({ token: 'module-test', record: false });
    try {
      const { code, modules } = await loaded(['run', '--base-url', s.baseUrl, '--only', 'discovery', '--reporter', `json=${join(dir, 'r.json')}`], { SCIM_TOKEN: 'module-test' });
      expect(code).toBe(0);
      expect(modules).toContain('node_modules/undici/lib/dispatcher/agent.js');
      expect(modules).toContain('dist/assert/scim-validators.cjs');
      expect(modules.filter((m) => undiciIndex(m) || ajvCompiler(m) || chalk(m))).toEqual([]);
      // Built-in suites come compiled: the YAML loader and its schema checks stay unloaded.
      expect(modules.filter((m) => m === 'dist/suite/load-suite.js' || m === 'dist/suite/profile.js')).toEqual([]);
      // Without --proxy, undici's ProxyAgent (and the SOCKS files it brings) stays unloaded.
      expect(modules.filter((m) => m.startsWith('node_modules/undici/') && /proxy|socks/.test(m))).toEqual([]);
    } finally {
      await s.close();
    }
  });
});
