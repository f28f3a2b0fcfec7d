// The public shapes of the embedded server: how it is started, what a running one exposes to tests and commands.
import type { Quirk } from './quirks.js';
import type { ResourceStore } from './resource-store.js';

export type Emulation = 'postman';

export interface ServerOptions {
  /** Interface to bind; default 127.0.0.1 (loopback only). */
  host?: string | undefined;
  /** 0 (the default) picks a free port. */
  port?: number | undefined;
  /** Default /scim/v2 (what Okta suggests, okta-protocol.md §1.3). */
  basePath?: string | undefined;
  /** Accepted token; undefined = a random one (see RunningServer.token); null or '' = no authentication. */
  token?: string | null | undefined;
  emulate?: Emulation | undefined;
  quirks?: readonly Quirk[] | undefined;
  /** Answer successful PATCH with 204 No Content instead of 200 + resource. */
  patch204?: boolean | undefined;
  seedUsers?: number | undefined;
  seedGroups?: number | undefined;
  /** Largest page a list returns, whatever `count` asks (default 1000). */
  maxPageSize?: number | undefined;
  /** Largest request body accepted before 413 (default 1 MiB). */
  maxBodyBytes?: number | undefined;
  /** Keep every request in RunningServer.received (default true; benchmarks turn it off). */
  record?: boolean | undefined;
  /** Most requests kept in RunningServer.received, the newest (default 10 000); older ones are dropped. */
  recordLimit?: number | undefined;
}

/** One request exactly as it arrived, for tests that pin the bytes a suite sends. */
export interface ReceivedRequest {
  method: string;
  /** Path without the query, as sent (not decoded). */
  path: string;
  /** The query string without "?", as sent ('' when none). */
  rawQuery: string;
  /** Lower-case names, as Node received them (repeated headers joined with ", "). */
  headers: Record<string, string>;
  /** The request body as UTF-8 text ('' when none). */
  body: string;
}

export interface RunningServer {
  /** Origin, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Origin + base path, e.g. http://127.0.0.1:40123/scim/v2 */
  baseUrl: string;
  /** The token clients must send ('' when authentication is off). */
  token: string;
  /** The requests received, in arrival order: the newest `recordLimit` of them (empty when `record` is false). */
  received: ReceivedRequest[];
  /** The in-memory data, for tests that arrange or inspect state directly. */
  store: ResourceStore;
  quirks: readonly Quirk[];
  emulate: Emulation | undefined;
  /** Stops listening, drops open connections and pending slow answers. */
  close(): Promise<void>;
}
