// Test helper: starts a reference server per test (closed when the test ends) and sends raw requests with fetch.
import { onTestFinished } from 'vitest';
import { startServer } from '../../src/server/index.js';
import type { RunningServer, ServerOptions } from '../../src/server/index.js';

export const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** Okta's request headers (okta-protocol.md §1.1). */
export const OKTA_HEADERS = {
  accept: 'application/scim+json',
  'accept-charset': 'utf-8',
  'user-agent': 'Okta SCIM Client 1.0.0',
  'accept-encoding': 'gzip,deflate',
};

export async function start(options: ServerOptions = {}): Promise<RunningServer> {
  const server = await startServer({ token: 'test-token', ...options });
  onTestFinished(() => server.close());
  return server;
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON (undefined when it is not JSON); read it with pick() or toHaveProperty(). */
  json: unknown;
}

/** The value at a dotted path ("Resources.0.id"), or undefined. */
export function pick(value: unknown, path: string): unknown {
  let at: unknown = value;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** The string at a dotted path; throws (failing the test) when it is not a string. */
export function str(value: unknown, path: string): string {
  const v = pick(value, path);
  if (typeof v !== 'string') throw new Error(`expected a string at ${path}, got ${JSON.stringify(v)}`);
  return v;
}

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** false = no Authorization header. */
  auth?: boolean;
}

/** Sends `method path` (path relative to the base URL, query included) the way Okta would. */
export async function scim(server: RunningServer, method: string, path: string, options: SendOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...OKTA_HEADERS };
  if (options.auth !== false && server.token !== '') headers['authorization'] = `Bearer ${server.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] = 'application/scim+json; charset=utf-8';
  }
  Object.assign(headers, options.headers ?? {});
  const res = await fetch(`${server.baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await res.text();
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

export function oktaUser(userName: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemas: [USER],
    userName,
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: userName, type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
    ...extra,
  };
}

/** Creates a user the way Okta does and returns its id. */
export async function createUser(server: RunningServer, userName: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await scim(server, 'POST', '/Users', { body: oktaUser(userName, extra) });
  if (res.status !== 201) throw new Error(`create ${userName}: ${res.status} ${res.text}`);
  return str(res.json, 'id');
}

/** Creates a group the way Okta pushes one and returns its id. */
export async function createGroup(server: RunningServer, displayName: string, members: unknown[] = []): Promise<string> {
  const res = await scim(server, 'POST', '/Groups', { body: { schemas: [GROUP], displayName, members } });
  if (res.status !== 201) throw new Error(`create group ${displayName}: ${res.status} ${res.text}`);
  return str(res.json, 'id');
}

/** Okta's existence-check query (okta-protocol.md §2.3), %20-encoded. */
export const filterQuery = (attr: string, value: string): string =>
  `?filter=${encodeURIComponent(`${attr} eq "${value}"`)}&startIndex=1&count=100`;

export const patchBody = (...Operations: unknown[]): Record<string, unknown> => ({ schemas: [PATCH_OP], Operations });
