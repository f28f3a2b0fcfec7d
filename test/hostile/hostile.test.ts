// The hostile server, one mode per case, against the built CLI: for each, the exit code, no stack trace, no raw
// control byte on stdout or stderr, a peak-memory bound where size is the attack, no secret in any artefact in any
// transformed form, and nothing left on the server. Time bounds are outcomes (the run ends on its own, with the
// expected code), never timed assertions; the kill timer in runHostile is only a safety net.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';
import { makeCert, REASON_ESCAPES, startHostile } from './hostile-server.js';
import type { HostileMode, HostileOptions, HostileServer } from './hostile-server.js';
import { compareLeft, listedAsLeft } from './left-behind.js';
import { findLeak, hasStackTrace, rawControl, runHostile } from './run-hostile.js';
import type { HostileRun } from './run-hostile.js';

const TOKEN = 'tkn_Z9q8W7e6R5t4Y3u2I1o0';
const PASSWORD = 'Pw_Hx7Kq2Lm9Nb4Vc';
const CREATE_AND_READ = 'test/e2e/suites/create-and-read.yaml';
const LIST = 'test/hostile/suites/list.yaml';
const WITH_PASSWORD = 'test/hostile/suites/password.yaml';

let cert: ReturnType<typeof makeCert>;
let out: string;
const servers: HostileServer[] = [];

beforeAll(() => {
  cert = makeCert();
  out = mkdtempSync(join(tmpdir(), 'scim-check-hostile-out-'));
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  cert.cleanup();
  rmSync(out, { recursive: true, force: true });
});

async function server(mode: HostileMode, options: HostileOptions = {}): Promise<HostileServer> {
  const s = await startHostile(mode, options);
  servers.push(s);
  return s;
}

function run(s: HostileServer, args: string[], extra: { env?: Record<string, string>; killAfterMs?: number; onSpawn?: (pid: number) => void } = {}): Promise<HostileRun> {
  return runHostile(['run', ...args, '--base-url', s.baseUrl, ...(s.baseUrl.startsWith('https') ? ['--insecure'] : [])], { ...extra, env: { SCIM_TOKEN: TOKEN, ...extra.env } });
}

/** Peak RSS any hostile case may reach, unless size is the attack (a CLI at rest is about 100 MiB). */
const PEAK_MIB = 400;

/** What every hostile case must hold whatever the mode. */
function expectComposure(result: HostileRun, maxMiB = PEAK_MIB): void {
  // NaN (no figure from /usr/bin/time: the process was killed) fails too.
  expect(result.peakMiB, 'peak RSS in MiB').toBeLessThan(maxMiB);
  expect(hasStackTrace(result.stdout + result.stderr), result.stdout + result.stderr).toBe(false);
  expect(rawControl(result.stdout), result.stdout).toBeUndefined();
  expect(rawControl(result.stderr), result.stderr).toBeUndefined();
  expect(findLeak(result.stdout + result.stderr, TOKEN)).toBeUndefined();
}

/**
 * What the server still holds is what the run lists as maybe left: nothing held goes unlisted, and nothing is listed
 * without cause (a listed create the server does not hold is allowed only when its request was cut or unanswered).
 */
async function expectLeftAsListed(s: HostileServer, result: HostileRun): Promise<void> {
  // A 'slow' server may still be finishing what the run sent; what it holds is read once it is done.
  await s.idle();
  const { unlisted, listedWithoutCause } = compareLeft(s.held(), listedAsLeft(result.stdout));
  expect({ unlisted, listedWithoutCause }, result.stdout).toEqual({ unlisted: [], listedWithoutCause: [] });
}

function artefacts(dir: string): string[] {
  return readdirSync(dir).map((name) => readFileSync(join(dir, name), 'utf8'));
}

describe.each([
  ['loopback', false],
  ['TLS', true],
])('hostile server over %s', (_label, tls) => {
  const opts = (o: HostileOptions = {}): HostileOptions => (tls ? { ...o, tls: cert } : o);

  it('escape sequences in reason phrases and bodies reach no terminal raw, and are shown escaped', async () => {
    const s = await server('escapes', opts());
    const result = await run(s, [CREATE_AND_READ]);
    expect(result.exitCode).toBe(1);
    expectComposure(result);
    expect(result.stdout).toMatch(/\\(e|u001b)\]0;pwned/);
    expect(s.users()).toEqual([]);
    await expectLeftAsListed(s, result);
    // --verbose prints every exchange whole: headers and bodies escaped the same way.
    const verbose = await run(s, [CREATE_AND_READ, '--verbose']);
    expect(verbose.exitCode).toBe(1);
    expectComposure(verbose);
    expect(verbose.stdout).toContain('pwned');
    await expectLeftAsListed(s, verbose);
    // diagnose quotes reason phrases and bodies in its evidence: the same sanitiser applies.
    const diagnosed = await runHostile(['diagnose', '--base-url', s.baseUrl, ...(tls ? ['--insecure'] : [])], { env: { SCIM_TOKEN: TOKEN } });
    expectComposure(diagnosed);
  });

  it('an unsolicited 100 Continue before every answer breaks nothing', async () => {
    const s = await server('continue', opts());
    const result = await run(s, [CREATE_AND_READ]);
    expect(result.stdout).toContain('2 passed');
    expect(result.exitCode).toBe(0);
    expectComposure(result);
    expect(s.users()).toEqual([]);
    await expectLeftAsListed(s, result);
  });

  it('a kept-alive socket closed before any byte is retried for idempotent requests, not blamed as a crash', async () => {
    const s = await server('keepalive-close', opts());
    const result = await run(s, [CREATE_AND_READ]);
    expect(result.stdout).not.toMatch(/crash|Connection closed/);
    expect(result.exitCode).toBe(0);
    expectComposure(result);
    expect(s.users()).toEqual([]);
    await expectLeftAsListed(s, result);
  });

  it('JSON nested 100 000 levels deep is named as such, not a crash', async () => {
    const s = await server('deep-json', opts());
    const result = await run(s, [CREATE_AND_READ]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('nested more than 256 levels deep');
    expectComposure(result);
    expect(s.users()).toEqual([]);
    await expectLeftAsListed(s, result);
  });
});

describe('hostile server: size', () => {
  it('a 5 MB body is judged, and cut in the JSON, HAR and JUnit reports with the cut stated', async () => {
    const s = await server('big-body');
    const dir = mkdtempSync(join(out, 'big-'));
    const result = await run(s, [CREATE_AND_READ, '--reporter', `json=${dir}/r.json`, '--reporter', `har=${dir}/r.har`, '--reporter', `junit=${dir}/r.xml`]);
    expect(result.exitCode).toBe(0);
    expectComposure(result);
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as { notices: string[]; suites: Array<{ steps: Array<{ exchanges: Array<{ response: { body: string; bodyCut?: number; json?: unknown } }> }> }> };
    const read = report.suites[0]?.steps[1]?.exchanges[0]?.response;
    expect(read?.bodyCut).toBeGreaterThan(5 * 1024 * 1024);
    expect(read?.body.length).toBeLessThanOrEqual(64 * 1024);
    expect(read?.json).toBeUndefined();
    expect(report.notices.join('\n')).toContain('--report-body-bytes');
    const har = JSON.parse(readFileSync(join(dir, 'r.har'), 'utf8')) as { log: { comment?: string; entries: Array<{ response: { content: { comment?: string } } }> } };
    expect(har.log.comment).toContain('--report-body-bytes');
    expect(har.log.entries.some((e) => e.response.content.comment?.includes('cut to') === true)).toBe(true);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toContain('scim-check.notice');
    expect(s.users()).toEqual([]);
    await expectLeftAsListed(s, result);
  });

  it('a 1 MB header and 10 000 headers on every answer are refused by name, and the user the create made is listed', async () => {
    const s = await server('big-headers');
    const dir = mkdtempSync(join(out, 'headers-'));
    const result = await run(s, [CREATE_AND_READ, '--reporter', `json=${dir}/r.json`, '--reporter', `har=${dir}/r.har`]);
    // The create reached the server, which stored the user; its answer could not be read, so the user may be left.
    expect(result.exitCode, result.stdout + result.stderr).toBe(5);
    expect(result.stdout).toContain('Headers Overflow');
    expectComposure(result);
    expect(artefacts(dir)).toHaveLength(2);
    expect(s.users()).toHaveLength(1);
    await expectLeftAsListed(s, result);
  });

  it('a page of 1 000 000 resources is judged in bounded memory, reported as a finding, and paging stops', async () => {
    const s = await server('huge-page', { size: 1_000_000 });
    const result = await run(s, [LIST, '--max-response-bytes', String(64 * 1024 * 1024)], { killAfterMs: 120_000 });
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('holds 1000000 resources; only the first 1000 were checked');
    expect(s.requests()).toBe(1);
    expectComposure(result, 1024);
    await expectLeftAsListed(s, result);
  }, 180_000);

  it('SIGTERM while a huge page is being judged ends the run with the interrupted code', async () => {
    const s = await server('huge-page', { size: 1_000_000 });
    let pid = 0;
    const started = run(s, [LIST, '--max-response-bytes', String(64 * 1024 * 1024)], { killAfterMs: 120_000, onSpawn: (p) => (pid = p) });
    while (s.requests() === 0) await new Promise((r) => setTimeout(r, 20));
    // /usr/bin/time forwards nothing: signal the CLI itself, the time process's only child.
    const cli = Number(execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).trim().split('\n')[0]);
    process.kill(cli, 'SIGTERM');
    const result = await started;
    // The signal is handled once the page's judgement yields: the run is then interrupted, whatever it had found.
    expect(result.exitCode, result.stdout + result.stderr).toBe(130);
    expectComposure(result, 1024);
    await expectLeftAsListed(s, result);
  }, 180_000);
});

describe('hostile server: time', () => {
  it('--timeout 100 fails a 740 ms answer; --timeout 1000 lets a 150 ms answer pass', async () => {
    const slow = await server('slow', { delayMs: 740 });
    const strict = await run(slow, [CREATE_AND_READ, '--timeout', '100']);
    // The create got no complete answer, so the user may exist: listed as maybe left, exit 5 (cleanup's rule).
    expect(strict.exitCode).toBe(5);
    expect(strict.stdout).toContain('no complete answer within 100 ms');
    expectComposure(strict);
    // The server stores the user once its 740 ms are up; the run named it by its userName.
    await expectLeftAsListed(slow, strict);
    expect(listedAsLeft(strict.stdout)).toHaveLength(1);
    const quick = await server('slow', { delayMs: 150 });
    const relaxed = await run(quick, [CREATE_AND_READ, '--timeout', '1000']);
    expect(relaxed.exitCode).toBe(0);
    await expectLeftAsListed(quick, relaxed);
    expect(quick.users()).toEqual([]);
  });

  it('--run-timeout bounds a run against a server that never answers', async () => {
    const s = await server('never');
    const result = await run(s, [CREATE_AND_READ, '--run-timeout', '1500', '--timeout', '60000'], { killAfterMs: 40_000 });
    // The unanswered create may exist; cleanup's bounded look-ups cannot confirm it, so it is listed and the code is 5.
    expect(result.exitCode).toBe(5);
    expect(result.stdout).toContain('--run-timeout');
    expectComposure(result);
    await expectLeftAsListed(s, result);
    // killAfterMs is the bound: a CLI still running at 40 s is killed and fails the exit-code check above.
  }, 90_000);
});

describe('hostile server: TLS not verified', () => {
  it('the --insecure notice is in every report format: pretty, JSON, JUnit, HAR, HTML and the GitHub summary', async () => {
    const s = await server('ok', { tls: cert });
    const dir = mkdtempSync(join(out, 'insecure-'));
    const result = await run(s, [CREATE_AND_READ, '--reporter', 'pretty', '--reporter', `json=${dir}/r.json`, '--reporter', `har=${dir}/r.har`, '--reporter', `junit=${dir}/r.xml`, '--reporter', `html=${dir}/r.html`, '--reporter', 'github'], {
      env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') },
    });
    expect(result.exitCode, result.stdout + result.stderr).toBe(0);
    expectComposure(result);
    const documents = { stdout: result.stdout, ...Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')])) };
    expect(Object.keys(documents).sort()).toEqual(['r.har', 'r.html', 'r.json', 'r.xml', 'stdout', 'summary.md']);
    for (const [name, text] of Object.entries(documents)) expect(text, name).toContain('--insecure');
    await expectLeftAsListed(s, result);
  });
});

describe('hostile server: a base URL nothing answers near', () => {
  it('--run-timeout also bounds the probes that explain a failed credentials check', async () => {
    const s = await server('lost-base');
    const result = await run(s, ['--only', 'test-credentials', '--run-timeout', '1500', '--timeout', '600000'], { killAfterMs: 40_000 });
    expect(result.exitCode, result.stdout + result.stderr).toBe(4);
    expect(result.stdout).toContain('--run-timeout');
    expectComposure(result);
    await expectLeftAsListed(s, result);
  }, 60_000);
});

describe('hostile server: wrong scheme', () => {
  it('http:// to a TLS port names the TLS port, https:// to a plain port names the plain port', async () => {
    const tlsServer = await server('ok', { tls: cert });
    const plain = await server('ok');
    const toTls = await runHostile(['run', CREATE_AND_READ, '--base-url', tlsServer.baseUrl.replace('https:', 'http:')], { env: { SCIM_TOKEN: TOKEN } });
    // A POST answered with something that is not HTTP may have been acted on: listed as maybe left, exit 5.
    expect(toTls.exitCode).toBe(5);
    expect(toTls.stdout).toContain('speaks TLS on this port');
    expectComposure(toTls);
    await expectLeftAsListed(tlsServer, toTls);
    const toPlain = await runHostile(['run', CREATE_AND_READ, '--base-url', plain.baseUrl.replace('http:', 'https:')], { env: { SCIM_TOKEN: TOKEN } });
    expect(toPlain.exitCode).toBe(4);
    expect(toPlain.stdout).toContain('does not speak TLS on this port');
    expectComposure(toPlain);
    await expectLeftAsListed(plain, toPlain);
  });
});

describe('hostile server: secrets echoed back transformed', () => {
  it('no reporter and no output carries the token or the password in any form', async () => {
    const s = await server('echo-secrets');
    const dir = mkdtempSync(join(out, 'echo-'));
    const result = await run(s, [WITH_PASSWORD, '--reporter', `json=${dir}/r.json`, '--reporter', `har=${dir}/r.har`, '--reporter', `junit=${dir}/r.xml`, '--reporter', `html=${dir}/r.html`, '--reporter', 'github'], {
      env: { GITHUB_STEP_SUMMARY: join(dir, 'summary.md') },
    });
    expect(result.exitCode).toBe(1);
    expectComposure(result);
    await expectLeftAsListed(s, result);
    for (const text of [result.stdout, result.stderr, ...artefacts(dir)]) {
      expect(findLeak(text, TOKEN)).toBeUndefined();
      expect(findLeak(text, `Bearer ${TOKEN}`, false)).toBeUndefined();
      expect(findLeak(text, PASSWORD, false)).toBeUndefined();
    }
    expect(artefacts(dir)).toHaveLength(5);
  });

  it('diagnose, as text, JSON and HAR, carries no token in any form', async () => {
    const s = await server('echo-secrets');
    const dir = mkdtempSync(join(out, 'diag-'));
    const text = await runHostile(['diagnose', '--base-url', s.baseUrl], { env: { SCIM_TOKEN: TOKEN } });
    const json = await runHostile(['diagnose', '--base-url', s.baseUrl, '--json', '--har', join(dir, 'd.har')], { env: { SCIM_TOKEN: TOKEN } });
    for (const result of [text, json]) {
      expect(result.peakMiB).toBeLessThan(PEAK_MIB);
      expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
      expect(rawControl(result.stdout)).toBeUndefined();
    }
    for (const output of [text.stdout, text.stderr, json.stdout, json.stderr, ...artefacts(dir)]) {
      expect(findLeak(output, TOKEN)).toBeUndefined();
      expect(findLeak(output, `Bearer ${TOKEN}`, false)).toBeUndefined();
    }
  });

  // Every way a credential is configured, with the server echoing each Authorization value (and a Basic one decoded)
  // in every transformed form: --verbose prints every exchange, diagnose quotes the server in its evidence.
  const HEADER_SECRET = 'hdr_Qm3Xv8Rk2Tz7Wn4Py6';
  const BASIC_USER = 'scim-basic-user';
  const BASIC_PASSWORD = 'bpw_Lx5Gh9Jd3Sa8Fk2';
  const basicValue = `Basic ${Buffer.from(`${BASIC_USER}:${BASIC_PASSWORD}`).toString('base64')}`;
  const authModes: Array<[string, Record<string, string>, Array<[string, boolean]>]> = [
    ['bearer token', { SCIM_TOKEN: TOKEN }, [[TOKEN, true], [`Bearer ${TOKEN}`, false]]],
    ['whole Authorization header', { SCIM_AUTH_HEADER: `SSWS ${HEADER_SECRET}` }, [[HEADER_SECRET, true], [`SSWS ${HEADER_SECRET}`, false]]],
    ['HTTP Basic', { SCIM_BASIC_USER: BASIC_USER, SCIM_PASSWORD: BASIC_PASSWORD }, [[BASIC_PASSWORD, true], [basicValue, false], [basicValue.slice(6), false]]],
  ];
  it.each(authModes)('%s: --verbose output and diagnose (text, JSON, HAR) carry no secret in any transformed form', async (_mode, env, secrets) => {
    const s = await server('echo-secrets');
    const dir = mkdtempSync(join(out, 'verbose-'));
    const verbose = await runHostile(['run', WITH_PASSWORD, '--verbose', '--base-url', s.baseUrl], { env });
    expect(verbose.exitCode).toBe(1);
    // --verbose prints each request and the server's echo of it: the proof the echo reached the output at all.
    expect(verbose.stdout).toContain('rejected request');
    const text = await runHostile(['diagnose', '--base-url', s.baseUrl], { env });
    const json = await runHostile(['diagnose', '--base-url', s.baseUrl, '--json', '--har', join(dir, 'd.har')], { env });
    for (const result of [verbose, text, json]) {
      expect(result.peakMiB).toBeLessThan(PEAK_MIB);
      expect(hasStackTrace(result.stdout + result.stderr), result.stdout + result.stderr).toBe(false);
      expect(rawControl(result.stdout)).toBeUndefined();
      expect(rawControl(result.stderr)).toBeUndefined();
    }
    const outputs = { 'run --verbose stdout': verbose.stdout, 'run --verbose stderr': verbose.stderr, 'diagnose stdout': text.stdout, 'diagnose stderr': text.stderr, 'diagnose --json stdout': json.stdout, 'diagnose --json stderr': json.stderr, 'diagnose --har file': artefacts(dir).join('\n') };
    for (const [where, output] of Object.entries(outputs)) {
      for (const [secret, slices] of secrets) expect(findLeak(output, secret, slices), `${where}: a form of ${JSON.stringify(secret)}`).toBeUndefined();
      expect(findLeak(output, PASSWORD, false), `${where}: the suite's password`).toBeUndefined();
    }
    await expectLeftAsListed(s, verbose);
  });
});

describe('hostile server: a real terminal', () => {
  it('no escape sequence from the server reaches a pseudo-terminal; ours are colour only, and none under NO_COLOR or CI', async () => {
    const s = await server('escapes');
    const command = (env: string): string =>
      `env ${env} SCIM_TOKEN=${TOKEN} TERM=xterm-256color ${process.execPath} bin/scim-check.js run ${CREATE_AND_READ} --base-url ${s.baseUrl}`;
    // script exits with the CLI's code (1: a check failed), so read its output whatever the status. Not spawnSync:
    // the server answering it lives in this process.
    const tty = (env: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const child = spawn('script', ['-qfec', command(env), '/dev/null'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
        let text = '';
        child.stdout.setEncoding('latin1').on('data', (d: string) => (text += d));
        child.on('error', reject);
        child.on('close', () => resolve(text));
      });
    const coloured = await tty('-u NO_COLOR -u CI -u FORCE_COLOR');
    for (const raw of [REASON_ESCAPES, '\u001b]', '\u001b[2J', '\u0007']) expect(coloured).not.toContain(raw);
    // Every ESC left is a colour (SGR) or a spinner's cursor/erase sequence, none from the server.
    expect(coloured.replace(/\u001b\[[0-9;?]*[mKGAhl]/g, '')).not.toContain('\u001b');
    expect(coloured, JSON.stringify(coloured)).toMatch(/\\(e|u001b)\]0;pwned/);
    for (const env of ['NO_COLOR=1', 'CI=true']) {
      const plain = await tty(`-u FORCE_COLOR ${env}`);
      expect(plain).not.toContain('\u001b');
      expect(plain).toMatch(/\\(e|u001b)\]0;pwned/);
    }
    expect(s.users()).toEqual([]);
  });
});
