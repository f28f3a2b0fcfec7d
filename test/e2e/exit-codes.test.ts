// One case per documented exit code, through the real CLI over real loopback sockets.
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, signalWhen } from '../support/run-cli.js';
import { json, startTinyServer } from '../support/tiny-server.js';
import type { Received, TinyServer } from '../support/tiny-server.js';

const SUITE = 'test/e2e/suites/create-and-read.yaml';
const TOKEN = 'e2e-token-5f1d2c9a7b';
let server: TinyServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A tiny user store; `deleteStatus` lets a case make cleanup fail. */
function users(options: { createStatus?: number; deleteStatus?: number; slowMs?: number; slowDeleteMs?: number } = {}) {
  const store = new Map<string, Record<string, unknown>>();
  return (req: Received, res: ServerResponse): void => {
    const reply = (): void => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return json(res, 401, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '401', detail: 'no' });
      const id = /\/Users\/([^/?]+)/.exec(req.url)?.[1];
      if (req.method === 'POST') {
        const user = { ...(JSON.parse(req.body) as Record<string, unknown>), id: `u${store.size + 1}` };
        store.set(String(user.id), user);
        return json(res, options.createStatus ?? 201, user);
      }
      if (req.method === 'GET' && id !== undefined) return store.has(id) ? json(res, 200, store.get(id)) : json(res, 404, { status: '404' });
      if (req.method === 'DELETE' && id !== undefined) {
        if (options.deleteStatus !== undefined) return json(res, options.deleteStatus, { status: String(options.deleteStatus) });
        store.delete(id);
        res.writeHead(204).end();
        return;
      }
      json(res, 404, { status: '404' });
    };
    if (options.slowMs !== undefined && req.method === 'GET') setTimeout(reply, options.slowMs);
    else if (options.slowDeleteMs !== undefined && req.method === 'DELETE') setTimeout(reply, options.slowDeleteMs);
    else reply();
  };
}

const env = { SCIM_TOKEN: TOKEN };

describe('exit codes', () => {
  it('0: every check passed, and the created user was deleted', async () => {
    server = await startTinyServer(users());
    const r = await runCli(['run', SUITE, '--base-url', server.baseUrl], { env });
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('Steps: 2 passed (2)');
    expect(server.received.map((x) => x.method)).toEqual(['POST', 'GET', 'DELETE', 'GET', 'GET']);
  });

  it('1: a check failed', async () => {
    server = await startTinyServer(users({ createStatus: 200 }));
    const r = await runCli(['run', SUITE, '--base-url', server.baseUrl], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('✗ e2e.create-and-read › create: status');
    expect(r.stdout).toContain('at test/e2e/suites/create-and-read.yaml:13:15');
    expect(r.stdout).toContain('expected 201 Created, got 200 OK');
  });

  it('2: a bad flag, with commander\'s suggestion', async () => {
    const r = await runCli(['run', '--bse-url', 'x']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain("unknown option '--bse-url'");
    expect(r.stderr).toContain('--base-url');
  });

  it('3: an invalid suite names file:line:col, suggests the key, and sends nothing', async () => {
    server = await startTinyServer(users());
    const r = await runCli(['run', 'test/e2e/suites/invalid.yaml', '--base-url', server.baseUrl], { env });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('test/e2e/suites/invalid.yaml:9:7');
    expect(r.stderr).toContain('did you mean "body"?');
    expect(r.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
    expect(server.received).toHaveLength(0);
  });

  it('4: the target cannot be reached', async () => {
    server = await startTinyServer(users());
    const dead = server.baseUrl;
    await server.close();
    server = undefined;
    const r = await runCli(['run', SUITE, '--base-url', dead], { env });
    expect(r.exitCode).toBe(4);
    expect(r.stdout).toMatch(/refused/i);
  });

  it('5: cleanup could not delete what the run created, and the run lists it', async () => {
    server = await startTinyServer(users({ deleteStatus: 500 }));
    const r = await runCli(['run', SUITE, '--base-url', server.baseUrl], { env });
    expect(r.exitCode).toBe(5);
    expect(r.stdout).toContain('Cleanup incomplete');
    expect(r.stdout).toContain('DELETE /scim/v2/Users/u1 answered 500');
  });

  it('130: SIGINT stops the run, and cleanup still removes what was created', async () => {
    server = await startTinyServer(users({ slowMs: 3000 }));
    const srv = server;
    const r = await runCli(['run', SUITE, '--base-url', srv.baseUrl], {
      env,
      // Interrupt once the slow GET is in flight (the POST has been answered by then).
      onSpawn: signalWhen(() => srv.received.some((x) => x.method === 'GET')),
    });
    expect(r.exitCode).toBe(130);
    expect(srv.received.map((x) => x.method)).toEqual(['POST', 'GET', 'DELETE', 'GET', 'GET']);
    expect(r.stdout).toContain('Interrupted');
  });

  it('130: a second SIGINT cuts cleanup short and lists what may be left', async () => {
    server = await startTinyServer(users({ slowMs: 3000, slowDeleteMs: 5000 }));
    const srv = server;
    const r = await runCli(['run', SUITE, '--base-url', srv.baseUrl], {
      env,
      onSpawn: (child) => {
        let sent = 0;
        const poll = setInterval(() => {
          if (sent === 0 && srv.received.some((x) => x.method === 'GET')) {
            sent = 1;
            child.kill('SIGINT');
          } else if (sent === 1 && srv.received.some((x) => x.method === 'DELETE')) {
            sent = 2;
            clearInterval(poll);
            child.kill('SIGINT');
          }
        }, 20);
      },
    });
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toContain('Cleanup incomplete: 1 resource(s) may be left');
    expect(r.stdout).toContain('DELETE /scim/v2/Users/u1');
  });

  it('130: after one SIGINT, --run-timeout still bounds a cleanup the server stalls, and lists what may be left', async () => {
    // The DELETE would take a minute and --timeout allows it; the run ends at --run-timeout plus cleanup's grace.
    server = await startTinyServer(users({ slowMs: 3000, slowDeleteMs: 60_000 }));
    const srv = server;
    const r = await runCli(['run', SUITE, '--base-url', srv.baseUrl, '--timeout', '60000', '--run-timeout', '2000'], {
      env,
      killAfterMs: 40_000,
      onSpawn: signalWhen(() => srv.received.some((x) => x.method === 'GET')),
    });
    // A CLI still waiting on the DELETE would have been killed (signal, no exit code) by the safety net.
    expect(r.signal).toBeNull();
    expect(r.exitCode).toBe(130);
    expect(r.stdout).toContain('Cleanup incomplete: 1 resource(s) may be left');
    expect(r.stdout).toContain('DELETE /scim/v2/Users/u1');
  });

  it('no output leaks the token, on success or failure', async () => {
    server = await startTinyServer(users({ createStatus: 200 }));
    const r = await runCli(['run', SUITE, '--base-url', server.baseUrl, '--reporter', 'json'], { env });
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(r.stdout).toContain('[REDACTED]');
  });
});

describe('--read-only and --dry-run', () => {
  it('--dry-run sends nothing and prints the requests; --read-only names the features it leaves unchecked', async () => {
    server = await startTinyServer(users());
    const r = await runCli(['run', '--read-only', '--dry-run', '--base-url', server.baseUrl], { env });
    expect(r.exitCode).toBe(0);
    expect(server.received).toHaveLength(0);
    expect(r.stdout).toContain('--read-only skips every write, so these Okta features can be checked only in part (their reads): Import Users, Create Users');
    expect(r.stdout).toContain('GET http://127.0.0.1:');
    expect(r.stdout).not.toMatch(/\n\s+(POST|PUT|PATCH|DELETE) http/);
    expect(r.stdout).not.toContain(TOKEN);
  });
});

describe('an empty selection', () => {
  it('is a usage error (2), not a silent pass', async () => {
    const r = await runCli(['run', '--base-url', 'http://127.0.0.1:1/scim/v2', '--only', 'users.nope']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toContain('Nothing to run');
  });
});
