// The embedded reference SCIM server: starts node:http on loopback with an in-memory store, for `serve`, `demo`
// and the end-to-end tests. The protocol lives in handle-request.ts; this file owns lifecycle and seeding.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import { RequestHandler } from './handle-request.js';
import { ResourceStore } from './resource-store.js';
import type { ReceivedRequest, RunningServer, ServerOptions } from './server-types.js';

export { parseQuirk, formatQuirk, QUIRKS } from './quirks.js';
export type { Quirk, QuirkName, QuirkInfo } from './quirks.js';
export type { ServerOptions, RunningServer, ReceivedRequest, Emulation } from './server-types.js';
export { ResourceStore } from './resource-store.js';
export type { StoredResource } from './resource-store.js';

export const DEFAULT_BASE_PATH = '/scim/v2';
/** How many requests RunningServer.received keeps by default (the newest ones). */
export const DEFAULT_RECORD_LIMIT = 10_000;

/** Starts the server and resolves once it listens; rejects with a UsageError when the address cannot be bound. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const basePath = normalizeBasePath(options.basePath ?? DEFAULT_BASE_PATH);
  const token = options.token === undefined ? randomBytes(18).toString('base64url') : (options.token ?? '');
  const quirks = options.quirks ?? [];
  const store = new ResourceStore();
  const received: ReceivedRequest[] = [];
  const handler = new RequestHandler(
    {
      basePath,
      token,
      emulate: options.emulate,
      quirks,
      patch204: options.patch204 ?? false,
      maxPageSize: options.maxPageSize ?? 1000,
      maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
      record: options.record ?? true,
      recordLimit: options.recordLimit ?? DEFAULT_RECORD_LIMIT,
    },
    store,
    received,
  );
  const server = createServer({ keepAliveTimeout: 5000 }, handler.handle);
  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => reject(bindError(error, host, options.port ?? 0));
    server.once('error', onError);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  store.baseUrl = `${url}${basePath}`;
  seed(store, options.seedUsers ?? 0, options.seedGroups ?? 0);

  let closing: Promise<void> | undefined;
  return {
    url,
    baseUrl: store.baseUrl,
    token,
    received,
    store,
    quirks,
    emulate: options.emulate,
    close() {
      closing ??= new Promise<void>((resolve) => {
        handler.cancelDelays();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function normalizeBasePath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function bindError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  if (error.code === 'EADDRINUSE') {
    return new UsageError('serve.portInUse', 'Port in use', `${host}:${port} is already in use; pass --port 0 to pick a free port.`);
  }
  if (error.code === 'EACCES') {
    return new UsageError('serve.portDenied', 'Port not allowed', `binding ${host}:${port} was refused; pick a port above 1024 with --port.`);
  }
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') {
    return new UsageError('serve.badHost', 'Bad host', `--host ${host} is not an address of this machine; use 127.0.0.1 or 0.0.0.0.`);
  }
  return error;
}

/** Predictable seed data: user N is seed.user.N@example.com, group N is "Seed Group N" with no members. */
function seed(store: ResourceStore, users: number, groups: number): void {
  const width = String(Math.max(users, groups)).length;
  for (let i = 1; i <= users; i++) {
    const n = String(i).padStart(width, '0');
    store.insert('User', {
      userName: `seed.user.${n}@example.com`,
      name: { givenName: 'Seed', familyName: `User${n}` },
      displayName: `Seed User${n}`,
      emails: [{ value: `seed.user.${n}@example.com`, type: 'work', primary: true }],
      active: true,
    });
  }
  for (let i = 1; i <= groups; i++) {
    store.insert('Group', { displayName: `Seed Group ${String(i).padStart(width, '0')}` });
  }
}
