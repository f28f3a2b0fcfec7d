// A server that dies on one request: the report names that request, waits for the server to come back, marks what
// it could not run "not run: server down", and goes on with the next suite. Real sockets on loopback, real CLI.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { jsonReportErrors } from '../report/support/json-report-validator.js';
import { runCli } from '../support/run-cli.js';

const TOKEN = 'crash-token-61f0c2d4';

interface Fragile {
  baseUrl: string;
  /** Requests seen, as "METHOD path". */
  seen: string[];
  close(): Promise<void>;
}

/**
 * Lists users and accepts creates, except a create whose body contains "boom": then it dies (the socket is cut, or,
 * with `answerFirst`, after answering), stays down for `downMs`, and listens again on the same port (`downMs`
 * undefined: it never comes back).
 */
/**
 * A server that dies on the "boom" create. While down it keeps its port but resets every connection, and it comes
 * back only once `downMs` has passed *and* the CLI has met it down at least once: on a loaded machine the CLI may
 * take longer than `downMs` to send its next request, and a server already back would hide the crash under test.
 */
async function fragileServer(options: { answerFirst?: boolean; downMs?: number | undefined }): Promise<Fragile> {
  const seen: string[] = [];
  let down = false;
  let metDown = 0;
  let stopped = false;
  const send = (res: ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (socket) => {
    if (!down) return;
    metDown += 1;
    socket.destroy();
  });
  const comeBack = (diedAt: number): void => {
    if (stopped || options.downMs === undefined) return;
    if (metDown > 0 && performance.now() - diedAt >= options.downMs) down = false;
    else setTimeout(() => comeBack(diedAt), 25);
  };
  const die = (): void => {
    down = true;
    metDown = 0;
    server.closeAllConnections();
    comeBack(performance.now());
  };
  const handle = (req: IncomingMessage, res: ServerResponse, body: string): void => {
    seen.push(`${req.method ?? ''} ${req.url ?? ''}`);
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'no' });
    if (req.method === 'POST' && body.includes('boom')) {
      if (options.answerFirst === true) {
        send(res, 201, { id: 'u-boom' });
        res.on('finish', die);
        return;
      }
      req.socket.destroy();
      die();
      return;
    }
    if (req.method === 'POST') return send(res, 201, { id: 'u1', ...(JSON.parse(body) as object) });
    return send(res, 200, { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/scim/v2`,
    seen,
    close: async () => {
      stopped = true;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const SUITES = {
  'first.yaml': `id: crash.first
title: The suite that brings the server down
steps:
  - id: list
    title: lists users
    request: { method: GET, path: /Users }
    expect: { status: 200 }
  - id: boom
    title: creates the user that crashes the server
    request: { method: POST, path: /Users, body: { userName: 'boom-{{ run.id }}', password: 'hunter2-secret' } }
    expect: { status: 201 }
  - id: after
    title: lists users again
    request: { method: GET, path: /Users }
    expect: { status: 200 }
  - id: after-2
    title: lists users once more
    request: { method: GET, path: /Users }
    expect: { status: 200 }
`,
  'second.yaml': `id: crash.second
title: The suite after it
steps:
  - id: list
    title: lists users after the restart
    request: { method: GET, path: /Users }
    expect: { status: 200 }
`,
};

let fragile: Fragile | undefined;
afterEach(async () => {
  await fragile?.close();
  fragile = undefined;
});

function suiteFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-crash-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(SUITES)) writeFileSync(join(dir, name), text);
  return [join(dir, 'first.yaml'), join(dir, 'second.yaml'), join(dir, 'report.json')];
}

describe('crash isolation', () => {
  it('cut mid-request: names that request with its redacted body, waits, and runs the next suite', async () => {
    fragile = await fragileServer({ downMs: 300 });
    const [first = '', second = '', json = ''] = suiteFiles();
    const r = await runCli(['run', first, second, '--base-url', fragile.baseUrl, '--recover-wait', '10', '--output', json], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toContain(`likely trigger: POST ${fragile.baseUrl}/Users (the connection was cut while it was being answered)`);
    expect(r.stdout).toMatch(/body: \{"userName":"boom-[0-9a-f]{8}","password":"\[REDACTED\]"\}/);
    expect(r.stdout).not.toContain('hunter2-secret');
    expect(r.stdout).toMatch(/it answered again after \d+\.\d s; the rest of this suite is not run \(2 steps: server down\), the next suite goes on/);
    expect(r.stdout).toContain('- 2 more steps not run: server down');
    expect(r.stdout).toMatch(/✓ lists users after the restart/);
    expect(r.stdout).toMatch(/Steps: 2 passed, 1 errored, 2 not run \(5\)/);
    expect(fragile.seen.at(-1)).toBe('GET /scim/v2/Users');
    const report = JSON.parse(readFileSync(json, 'utf8')) as { crashes: Array<Record<string, unknown>> };
    expect(jsonReportErrors(report)).toEqual([]);
    expect(report.crashes).toEqual([expect.objectContaining({ suiteId: 'crash.first', stepId: 'boom', triggerRole: 'in-flight', recovered: true, notRun: 2 })]);
  });

  it('dies right after answering: the answered request is named, as the trigger or as the request before it', async () => {
    fragile = await fragileServer({ answerFirst: true, downMs: 300 });
    const [first = '', second = ''] = suiteFiles();
    const r = await runCli(['run', first, second, '--base-url', fragile.baseUrl, '--recover-wait', '10'], { env: { SCIM_TOKEN: TOKEN } });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toContain('The server stopped answering at crash.first › after');
    // Refused: the POST is the trigger. Reset (the next GET went out on the connection the server was closing): the
    // GET is in flight and the POST is named as the request before it. Either way the POST and its body are named.
    expect(r.stdout).toMatch(new RegExp(`(likely trigger|or the request before it, if the server died right after answering): POST ${fragile.baseUrl.replace(/[.]/g, '\\.')}/Users`));
    expect(r.stdout).toMatch(/body: \{"userName":"boom-[0-9a-f]{8}","password":"\[REDACTED\]"\}/);
    expect(r.stdout).toMatch(/✓ lists users after the restart/);
  });

  it('never comes back within --recover-wait: every later step is "not run: server down"', async () => {
    fragile = await fragileServer({ downMs: undefined });
    const [first = '', second = ''] = suiteFiles();
    const r = await runCli(['run', first, second, '--base-url', fragile.baseUrl, '--recover-wait', '0.5'], { env: { SCIM_TOKEN: TOKEN } });
    // The create that brought the server down got no answer, so it may exist, and nothing can confirm it: exit 5.
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toMatch(/no answer within \d+\.\d s \(--recover-wait\): 3 later steps not run: server down/);
    expect(r.stdout).toMatch(/The suite after it\s+not checked \(not run: server down \(no answer within/);
    expect(r.stdout).not.toContain('lists users after the restart');
  });

  it('rejects a --recover-wait that is not a number of seconds', async () => {
    const r = await runCli(['run', '--recover-wait', 'soon', '--base-url', 'http://127.0.0.1:9/scim/v2']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('--recover-wait soon');
  });
});
