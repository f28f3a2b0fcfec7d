// `watch` between a client and the reference server gives the verdicts the suites give: `scim-check run` plays
// Okta (it sends the catalogue's requests) through the proxy, and for every exchange the proxy recognised as the
// step the runner was running, both verdicts agree, with and without server quirks. The session's HAR then
// replays to the same verdicts against a fresh server, and cleans up what it created.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import { jsonReportErrors } from '../report/support/json-report-validator.js';
import { runCli } from '../support/run-cli.js';
import { startWatch } from '../watch/start-watch.js';

const TOKEN = 'okta-token-5e1f0c9a7b3d42e8';
const dir = mkdtempSync(join(tmpdir(), 'scim-check-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tokenFile = join(dir, 'token.txt');
writeFileSync(tokenFile, `${TOKEN}\n`);
const FEATURES = 'testCredentials,createUsers,updateUsers,deactivateUsers,pushGroups';

interface ReportStep {
  id: string;
  title: string;
  status: string;
  exchanges: Array<{ request: { method: string; url: string; body?: string } }>;
}
interface Report {
  suites: Array<{ id: string; steps: ReportStep[] }>;
}

function relative(url: string): string {
  const u = new URL(url);
  return `${u.pathname.replace(/^\/scim\/v2/, '')}${u.search}`;
}

function keyOf(request: { method: string; url: string; body?: string }): string {
  return `${request.method} ${relative(request.url)} ${request.body ?? ''}`;
}

/** suite › step → status for every single-exchange step, keyed by the request it sent. */
function byRequest(report: Report): Map<string, Array<{ step: string; status: string; seq: number }>> {
  const out = new Map<string, Array<{ step: string; status: string; seq: number }>>();
  for (const suite of report.suites) {
    for (const step of suite.steps) {
      if (step.exchanges.length !== 1 || step.exchanges[0] === undefined) continue;
      const key = keyOf(step.exchanges[0].request);
      const seq = Number(/^#(\d+) /.exec(step.title)?.[1] ?? '0');
      out.set(key, [...(out.get(key) ?? []), { step: `${suite.id} › ${step.id}`, status: step.status, seq }]);
    }
  }
  return out;
}

/** Per arrival number: suite › step and status, from a watch or replay report. */
function bySeq(report: Report): Map<number, string> {
  const out = new Map<number, string>();
  for (const suite of report.suites) for (const step of suite.steps) out.set(Number(/^#(\d+) /.exec(step.title)?.[1]), `${suite.id} › ${step.id}: ${step.status}`);
  return out;
}

const cases: Array<{ quirk: string | undefined; failing: string[] }> = [
  { quirk: undefined, failing: [] },
  { quirk: 'string-counts', failing: ['test-credentials › users'] },
  { quirk: 'patch-pathless-400', failing: ['users.deactivate › deactivate', 'groups.push › rename'] },
];

describe.each(cases)('watch with quirk $quirk', ({ quirk, failing }) => {
  it('gives each recognised exchange the verdict of the suite step that sent it, and the HAR replays to the same', async () => {
    const name = quirk ?? 'none';
    const server = await startServer({ port: 0, token: TOKEN, quirks: quirk === undefined ? [] : [parseQuirk(quirk)] });
    const har = join(dir, `${name}.har`);
    const watchReport = join(dir, `${name}-watch.json`);
    const runReport = join(dir, `${name}-run.json`);
    let watched;
    try {
      const watch = await startWatch(['--target', server.baseUrl, '--expect-token-file', tokenFile, '--har', har, '--reporter', `json=${watchReport}`, '--reporter', `junit=${join(dir, `${name}.xml`)}`]);
      const run = await runCli(['run', '--base-url', `${watch.url}/scim/v2`, '--feature', FEATURES, '--reporter', `json=${runReport}`], { env: { SCIM_TOKEN: TOKEN } });
      watched = await watch.stop();
      expect(run.exitCode, run.stderr).toBe(failing.length === 0 ? 0 : 1);
    } finally {
      await server.close();
    }
    const fromRun = byRequest(JSON.parse(readFileSync(runReport, 'utf8')) as Report);
    const watchDoc = JSON.parse(readFileSync(watchReport, 'utf8')) as Report;
    // The same document `run --reporter json` writes, valid against its published schema.
    expect(jsonReportErrors(watchDoc)).toEqual([]);
    const fromWatch = byRequest(watchDoc);
    const compared = new Set<string>();
    for (const [key, runSteps] of fromRun) {
      // The same request sent twice (a create, then its duplicate) pairs up in arrival order.
      const watchSteps = (fromWatch.get(key) ?? []).sort((a, b) => a.seq - b.seq);
      for (const [i, runStep] of runSteps.entries()) {
        const w = watchSteps[i];
        if (w === undefined || w.step !== runStep.step) continue;
        expect(`${w.step}: ${w.status}`, key).toBe(`${runStep.step}: ${runStep.status}`);
        compared.add(runStep.step);
      }
    }
    // The calls Okta makes in these features were all compared, so agreement is not vacuous.
    for (const step of ['test-credentials › users', 'test-credentials › groups', 'users.create › lookup', 'users.create › create', 'users.create › lookup-exact', 'users.update › get', 'users.update › put', 'users.deactivate › deactivate', 'users.deactivate › reactivate', 'groups.push › lookup', 'groups.push › create', 'groups.push › add-members', 'groups.push › rename', 'groups.push › remove-member', 'groups.push › replace-empty', 'groups.push › delete']) {
      expect(compared, step).toContain(step);
    }
    const watchFailed = [...bySeq(watchDoc).values()].filter((v) => v.endsWith(': failed')).map((v) => v.replace(/: failed$/, ''));
    for (const step of failing) expect(watchFailed).toContain(step);
    expect(watched.exitCode, watched.stderr).toBe(watchFailed.length > 0 ? 1 : 0);
    expect(watched.stdout).toMatch(/Okta features \(profile okta\):/);
    expect(watched.stdout).toMatch(/Test API Credentials › users {2}GET \/Users\?startIndex=1&count=2 {2}200 /);

    // Replay the session against a fresh server with the same behaviour: same call, same verdict, per exchange.
    const fresh = await startServer({ port: 0, token: TOKEN, quirks: quirk === undefined ? [] : [parseQuirk(quirk)] });
    const replayReport = join(dir, `${name}-replay.json`);
    try {
      const replay = await runCli(['replay', har, '--base-url', fresh.baseUrl, '--reporter', `json=${replayReport}`], { env: { SCIM_TOKEN: TOKEN } });
      expect(replay.exitCode, replay.stderr).toBe(watched.exitCode);
      expect(replay.stdout).toMatch(/scim-check-[0-9a-f]{8}-create%40example\.com/);
      const replayed = bySeq(JSON.parse(readFileSync(replayReport, 'utf8')) as Report);
      const original = bySeq(watchDoc);
      expect(replayed.size).toBe(original.size);
      for (const [seq, verdict] of original) expect(replayed.get(seq), `#${seq}`).toBe(verdict);
      // Everything the replay created is gone again.
      expect(fresh.store.map('User').size).toBe(0);
      expect(fresh.store.map('Group').size).toBe(0);
      for (const text of [replay.stdout, replay.stderr, readFileSync(replayReport, 'utf8')]) expect(text).not.toContain(TOKEN);
    } finally {
      await fresh.close();
    }
    for (const text of [watched.stdout, watched.stderr, readFileSync(har, 'utf8'), readFileSync(watchReport, 'utf8'), readFileSync(join(dir, `${name}.xml`), 'utf8')]) {
      expect(text).not.toContain(TOKEN);
    }
    // A run, a watch and a replay of five features each: minutes on a loaded machine; not a speed assertion.
  }, 300_000);
});
