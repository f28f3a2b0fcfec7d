// No auth mode's secret reaches any output or report when requests cannot complete (refused, timed out, not HTTP),
// nor when the server echoes the credentials back in its error text.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.js';
import { startTinyServer } from '../support/tiny-server.js';

const SECRET = 'zq-distinctive-secret-7c41e9';
const SUITE = 'test/e2e/suites/create-and-read.yaml';
const dir = mkdtempSync(join(tmpdir(), 'scim-check-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modes: Array<{ name: string; env: Record<string, string>; args: string[] }> = [
  { name: 'bearer', env: { SCIM_TOKEN: SECRET }, args: [] },
  { name: 'verbatim header', env: { SCIM_AUTH_HEADER: `Bearer ${SECRET}` }, args: [] },
  { name: 'basic', env: { SCIM_BASIC_USER: 'admin', SCIM_PASSWORD: SECRET }, args: [] },
  { name: 'x-api-key', env: {}, args: ['--header', `x-api-key: ${SECRET}`] },
];

async function garbageServer(): Promise<{ baseUrl: string; close: () => void }> {
  const server = createServer((socket) => socket.end(`NOT HTTP AT ALL ${SECRET}\r\n\r\n`));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`, close: () => server.close() };
}

function assertClean(text: string): void {
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(Buffer.from(`admin:${SECRET}`).toString('base64'));
}

describe.each(modes)('secrets with $name auth', (mode) => {
  it('never appear when the server answers garbage, or echoes them in an error', async () => {
    const garbage = await garbageServer();
    const echo = await startTinyServer((req, res) => {
      // A server that quotes the credentials back, as some error pages do.
      const text = JSON.stringify({ detail: `bad credentials: ${req.headers.authorization ?? ''} ${String(req.headers['x-api-key'] ?? '')}`, status: '400' });
      res.writeHead(400, { 'content-type': 'application/json' }).end(text);
    });
    try {
      for (const baseUrl of [garbage.baseUrl, echo.baseUrl, 'http://127.0.0.1:1/scim/v2']) {
        const report = join(dir, `${mode.name.replace(/\W/g, '')}-${baseUrl.length}.json`);
        const r = await runCli(['run', SUITE, '--base-url', baseUrl, '--timeout', '2000', '--reporter', `json=${report}`, ...mode.args], { env: mode.env });
        // 5: a create answered with garbage may have made a user that no look-up can confirm gone.
        expect([1, 4, 5]).toContain(r.exitCode);
        assertClean(r.stdout);
        assertClean(r.stderr);
        assertClean(readFileSync(report, 'utf8'));
      }
      const dry = await runCli(['run', SUITE, '--base-url', echo.baseUrl, '--dry-run', ...mode.args], { env: mode.env });
      expect(dry.exitCode).toBe(0);
      assertClean(dry.stdout + dry.stderr);
    } finally {
      garbage.close();
      await echo.close();
    }
  });
});
