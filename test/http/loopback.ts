// Test helpers: real servers on 127.0.0.1:0 and certificates made with openssl at test time.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Loopback {
  url: string;
  port: number;
  /** Sockets accepted so far (keep-alive reuse shows as 1). */
  connections: () => number;
  close: () => Promise<void>;
}

async function listen(server: Server): Promise<Loopback> {
  let count = 0;
  const sockets = new Set<Socket>();
  const onSocket = (socket: Socket): void => {
    count++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  // TLS servers report plain sockets on 'connection' too, before the handshake.
  server.on('connection', onSocket);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    connections: () => count,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

function withBody(handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  };
}

export function httpServer(handler: Handler): Promise<Loopback> {
  return listen(createHttpServer(withBody(handler)));
}

export async function httpsServer(cert: Cert, handler: Handler): Promise<Loopback> {
  const loop = await listen(createHttpsServer({ key: cert.key, cert: cert.cert }, withBody(handler)));
  return { ...loop, url: loop.url.replace('http:', 'https:') };
}

/** A TCP server that runs `onSocket` for each connection: for answers no HTTP library would write. */
export function rawServer(onSocket: (socket: Socket) => void): Promise<Loopback> {
  return listen(createNetServer(onSocket));
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const loop = await rawServer(() => undefined);
  await loop.close();
  return loop.port;
}

export interface Cert {
  key: string;
  cert: string;
}

export interface CertKit {
  /** Self-signed, SAN IP:127.0.0.1 and DNS:localhost, valid now. */
  valid: Cert;
  /** Self-signed, SAN IP:127.0.0.1, valid only on 2020-01-01. */
  expired: Cert;
  /** Self-signed, SAN DNS:other.host only. */
  otherHost: Cert;
  cleanup: () => void;
}

function openssl(dir: string, args: string[]): void {
  execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
}

function read(dir: string, key: string, cert: string): Cert {
  return { key: readFileSync(join(dir, key), 'utf8'), cert: readFileSync(join(dir, cert), 'utf8') };
}

/** Generates the certificates with openssl into a temp dir (removed by cleanup). */
export function makeCerts(): CertKit {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-certs-'));
  const selfSigned = (name: string, san: string): Cert => {
    openssl(dir, [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`,
      '-days', '2', '-subj', '/CN=scim-check test', '-addext', `subjectAltName=${san}`,
    ]);
    return read(dir, `${name}.key`, `${name}.pem`);
  };
  const valid = selfSigned('valid', 'IP:127.0.0.1,DNS:localhost');
  const otherHost = selfSigned('other', 'DNS:other.host');
  // `openssl req -x509` refuses a validity in the past; `openssl ca -selfsign` takes explicit dates.
  mkdirSync(join(dir, 'db'));
  writeFileSync(join(dir, 'db', 'index.txt'), '');
  writeFileSync(join(dir, 'db', 'serial'), '01\n');
  writeFileSync(
    join(dir, 'ca.cnf'),
    [
      '[ ca ]', 'default_ca = d', '[ d ]', 'database = db/index.txt', 'new_certs_dir = db', 'serial = db/serial',
      'default_md = sha256', 'policy = p', 'copy_extensions = copy', 'unique_subject = no', '[ p ]', 'commonName = supplied', '',
    ].join('\n'),
  );
  openssl(dir, [
    'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'expired.key', '-out', 'expired.csr',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  openssl(dir, [
    'ca', '-batch', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'expired.key', '-in', 'expired.csr', '-out', 'expired.pem',
    '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-notext',
  ]);
  const expired = read(dir, 'expired.key', 'expired.pem');
  return { valid, expired, otherHost, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
