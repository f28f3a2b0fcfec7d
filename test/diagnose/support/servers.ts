// Small loopback servers for the diagnose tests: plain http and https with certificates made by openssl at test
// time, each one answering with a handler the test writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Running {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  port: number;
  close(): Promise<void>;
}

function listen(server: ReturnType<typeof createHttpServer>, scheme: string): Promise<Running> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        origin: `${scheme}://127.0.0.1:${port}`,
        port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

export function startHttp(handler: Handler): Promise<Running> {
  return listen(createHttpServer(handler), 'http');
}

export function startHttps(handler: Handler, cert: { key: string; cert: string }): Promise<Running> {
  return listen(createHttpsServer(cert, handler), 'https');
}

/** A port nothing listens on: bind to get a free one, then close it. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface TestCerts {
  selfSigned: { key: string; cert: string };
  expired: { key: string; cert: string };
  wrongHost: { key: string; cert: string };
  cleanup(): void;
}

/** Certificates generated with openssl into a temp dir (openssl is on the machine). */
export function makeCerts(): TestCerts {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-diag-'));
  const run = (args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  };
  const selfSigned = (name: string, san: string): void =>
    run(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-subj', '/CN=scim-check test', '-addext', `subjectAltName=${san}`, '-days', '2']);
  selfSigned('self', 'IP:127.0.0.1,DNS:localhost');
  selfSigned('wrong', 'DNS:other.example');
  run(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'old.key', '-out', 'old.csr', '-subj', '/CN=127.0.0.1']);
  // -days -1: notAfter lies before the signing time, i.e. the certificate is already expired.
  run(['x509', '-req', '-in', 'old.csr', '-signkey', 'old.key', '-out', 'old.pem', '-days', '-1']);
  const read = (name: string): { key: string; cert: string } => ({
    key: readFileSync(join(dir, `${name}.key`), 'utf8'),
    cert: readFileSync(join(dir, `${name}.pem`), 'utf8'),
  });
  return {
    selfSigned: read('self'),
    expired: read('old'),
    wrongHost: read('wrong'),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export const LIST_BODY = JSON.stringify({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
  totalResults: 1,
  startIndex: 1,
  itemsPerPage: 1,
  Resources: [{ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: 'u1', userName: 'alice@example.com' }],
});

export function scimError(res: ServerResponse, status: number, detail: string): void {
  res.writeHead(status, { 'content-type': 'application/scim+json' });
  res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail }));
}

/** A minimal SCIM /Users list at `basePath` that accepts `accept(authorizationHeader, headers)`. */
export function scimHandler(options: {
  basePath?: string;
  accept: (authorization: string | undefined, req: IncomingMessage) => boolean;
  listBody?: string;
  noErrorBody?: boolean;
}): Handler {
  const basePath = options.basePath ?? '/scim/v2';
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname !== `${basePath}/Users`) return scimError(res, 404, 'not found');
    if (!options.accept(req.headers.authorization, req)) {
      if (options.noErrorBody) {
        res.writeHead(401);
        return void res.end();
      }
      return scimError(res, 401, 'bad token');
    }
    res.writeHead(200, { 'content-type': 'application/scim+json' });
    res.end(options.listBody ?? LIST_BODY);
  };
}

/** A TCP server that answers every request with `raw` bytes (for status lines node:http will not write). */
export function startRaw(raw: string): Promise<Running> {
  const server = createNetServer((socket) => {
    socket.once('data', () => socket.end(raw));
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
