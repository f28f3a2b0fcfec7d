// The commands besides `run` and `diagnose` that print what a server says: `watch` (a proxy in front of it) and
// `replay` (a recorded session sent to it). Against a server whose answers carry terminal escape sequences, and one
// that echoes every credential back transformed: no raw control byte on stdout or stderr, no stack trace, no secret
// in any form in any output or artefact, and nothing left on the server that the command does not list.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startWatch } from '../watch/start-watch.js';
import { startHostile } from './hostile-server.js';
import type { HostileMode, HostileServer } from './hostile-server.js';
import { compareLeft, listedAsLeft } from './left-behind.js';
import { findLeak, hasStackTrace, rawControl } from './run-hostile.js';

const TOKEN = 'tkn_Cw4Vb7Nm1Qa9Zs3Xd6';
let dir: string;
let tokenFile: string;
const servers: HostileServer[] = [];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scim-check-hostile-commands-'));
  tokenFile = join(dir, 'token.txt');
  writeFileSync(tokenFile, TOKEN);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

async function server(mode: HostileMode): Promise<HostileServer> {
  const s = await startHostile(mode);
  servers.push(s);
  return s;
}

const OKTA: Record<string, string> = {
  'User-Agent': 'Okta SCIM Client 1.0.0',
  Accept: 'application/scim+json',
  Authorization: `Bearer ${TOKEN}`,
};

/** What Okta sends first when it imports and creates: a credentials check, then a create. */
async function oktaCalls(origin: string): Promise<Array<number | undefined>> {
  const send = (method: string, path: string, body?: string): Promise<number | undefined> =>
    new Promise((resolve) => {
      const u = new URL(origin);
      const headers = { ...OKTA, ...(body === undefined ? {} : { 'Content-Type': 'application/scim+json; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)) }) };
      const req = httpRequest({ host: u.hostname, port: u.port, method, path, headers }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
        res.on('error', () => resolve(undefined));
      });
      // watch may drop an answer it cannot relay (a reason phrase node:http refuses to write); its output says why.
      req.on('error', () => resolve(undefined));
      req.end(body);
    });
  return [await send('GET', '/scim/v2/Users?startIndex=1&count=2'), await send('POST', '/scim/v2/Users', JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ana.k@example.com', name: { givenName: 'Ana', familyName: 'K' }, password: 'Pq7xY2wzKm4L', active: true }))];
}

function expectComposed(result: { exitCode: number | null; stdout: string; stderr: string }, what: string): void {
  const all = result.stdout + result.stderr;
  expect(hasStackTrace(all), `${what}\n${all}`).toBe(false);
  expect(rawControl(result.stdout), `${what} stdout\n${result.stdout}`).toBeUndefined();
  expect(rawControl(result.stderr), `${what} stderr\n${result.stderr}`).toBeUndefined();
}

function artefacts(folder: string): Record<string, string> {
  return Object.fromEntries(readdirSync(folder).map((name) => [name, readFileSync(join(folder, name), 'utf8')]));
}

describe.each(['escapes', 'echo-secrets'] as const)('a hostile server (%s) behind watch, then replayed to', (mode) => {
  it('watch and replay print no raw control byte and no secret, and list what they may have left', async () => {
    const s = await server(mode);
    const out = mkdtempSync(join(dir, `${mode}-`));
    const har = join(out, 'session.har');
    const watch = await startWatch(['--target', s.baseUrl, '--expect-token-file', tokenFile, '--har', har, '--reporter', `json=${join(out, 'watch.json')}`]);
    const statuses = await oktaCalls(watch.url);
    const watched = await watch.stop();
    expect([0, 1, 4], watched.stdout + watched.stderr).toContain(watched.exitCode);
    expectComposed(watched, 'watch');
    // watch forwards and never cleans up: the user Okta created is Okta's, not watch's to list.

    const replayDir = mkdtempSync(join(dir, `${mode}-replay-`));
    const replayed = await runCli(['replay', har, '--base-url', s.baseUrl, '--reporter', `json=${join(replayDir, 'replay.json')}`, '--reporter', `har=${join(replayDir, 'replay.har')}`], { env: { SCIM_TOKEN: TOKEN } });
    expect([0, 1, 4, 5], replayed.stdout + replayed.stderr).toContain(replayed.exitCode);
    expectComposed(replayed, 'replay');

    const outputs: Record<string, string> = {
      'watch stdout': watched.stdout,
      'watch stderr': watched.stderr,
      'replay stdout': replayed.stdout,
      'replay stderr': replayed.stderr,
      ...artefacts(out),
      ...artefacts(replayDir),
    };
    for (const [where, text] of Object.entries(outputs)) {
      expect(findLeak(text, TOKEN), `${where}: a form of the token`).toBeUndefined();
      expect(findLeak(text, `Bearer ${TOKEN}`, false), `${where}: a form of the Authorization value`).toBeUndefined();
      expect(findLeak(text, 'Pq7xY2wzKm4L', false), `${where}: a form of the password Okta sent`).toBeUndefined();
    }
    // watch relayed both answers to Okta, also those whose reason phrase node:http cannot write (that was a crash).
    expect(statuses).toEqual(mode === 'escapes' ? [200, 201] : [400, 400]);
    expect(watched.stdout).toMatch(/#2 Create Users › create {2}POST \/Users {2}(201|400)/);

    // replay cleans up what it created: Okta's own user (from watch) aside, the server holds what replay lists.
    await s.idle();
    const replayedUsers = s.held().filter((h) => h.name !== 'ana.k@example.com');
    const { unlisted, listedWithoutCause } = compareLeft(replayedUsers, listedAsLeft(replayed.stdout));
    expect({ unlisted, listedWithoutCause }, replayed.stdout).toEqual({ unlisted: [], listedWithoutCause: [] });
  }, 120_000);
});
