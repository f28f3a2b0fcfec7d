// The named points of the request handler where a quirk may bend the server's behaviour. A quirk is one module
// (src/server/quirks/) that fills in some of these hooks; the handler calls them and holds no quirk branches.
import type { PatchOperation } from './apply-patch.js';
import type { Json } from './normalize-resource.js';
import type { ResourceKind } from './resource-schemas.js';
import type { ResourceStore, StoredResource } from './resource-store.js';
import type { ScimHttpError } from './scim-http-error.js';

/** What the handler is doing for a request, known from its method and path before it runs. */
export type Action = 'list' | 'create' | 'read' | 'replace' | 'patch' | 'delete' | 'discovery' | 'other';

export interface Operation {
  method: string;
  action: Action;
  /** Users or Groups, when the path names one. */
  kind: ResourceKind | undefined;
  /** Lower-case query parameter names → values. */
  query: ReadonlyMap<string, string>;
  /** Set when the answer is an error. */
  error?: ScimHttpError | undefined;
}

/** One HTTP answer before it is written: quirks may rewrite any part of it. */
export interface Answer {
  status: number;
  headers: Record<string, string>;
  /** A JSON body; undefined with `text` undefined means an empty body. */
  body?: unknown;
  /** Text sent instead of a JSON body (an HTML error page, a CDN message). */
  text?: string | undefined;
  /** undefined: no Content-Type header (only for empty bodies). */
  contentType: string | undefined;
}

export interface QuirkHooks {
  /** First, before authentication: may wait, or answer the request itself (a CDN page, a rate limiter). */
  intercept?(request: { method: string; path: string }, wait: (ms: number) => Promise<void>): Promise<Answer | undefined> | Answer | undefined;
  /** Replaces the credential check; true accepts the Authorization header. */
  authorize?(authorization: string | undefined, token: string): boolean;
  /** How a 401 tells the client to send the token, when `authorize` changes it. */
  authHint?: string;
  /** May refuse a request for its Accept header, or a body for its Content-Type, by throwing a ScimHttpError. */
  negotiate?(headers: { accept: string | undefined; contentType: string | undefined }): void;
  /** How userName uniqueness is judged: 'exact' compares case-exactly, 'off' allows duplicates. */
  uniqueness?: 'exact' | 'off';
  /** Lower-case attribute names that filters compare case-exactly whatever the schema says. */
  caseExactFilter?: readonly string[];
  /** The resources a list answers, after filtering (may throw, e.g. 404 for an empty result). */
  listMatches?(kind: ResourceKind, matches: StoredResource[], filterText: string | undefined): StoredResource[];
  /** Sees a PATCH body before it is read; may throw to refuse it. */
  patchBody?(body: Json): void;
  /** true: a PATCH the server should refuse (this error) is answered with the resource unchanged instead. */
  swallowPatchError?(error: ScimHttpError): boolean;
  /** The operations a PATCH applies (may drop some, or throw). */
  patchOps?(kind: ResourceKind, ops: PatchOperation[]): PatchOperation[];
  /** Stores a user's new attributes in its own way; undefined leaves it to the server. */
  commit?(kind: ResourceKind, old: StoredResource, attrs: Json, store: ResourceStore): StoredResource | undefined;
  /** Rewrites the /ServiceProviderConfig document (what the server declares). */
  serviceProviderConfig?(config: Json): Json;
  /** Rewrites every answer, success or error, just before it is sent. */
  answer?(op: Operation, answer: Answer): Answer;
}

export interface QuirkDefinition<N extends string = string> {
  name: N;
  /** What the server does wrong. */
  description: string;
  /** What an Okta admin sees when a real server does this. */
  oktaSymptom: string;
  /** True for quirks written NAME=VALUE (slow=MS). */
  takesValue?: boolean;
  /** The hooks for one server; state a quirk keeps lives in this closure, so servers never share it. */
  hooks(value: number | undefined): QuirkHooks;
}

export function defineQuirk<const N extends string>(definition: QuirkDefinition<N>): QuirkDefinition<N> {
  return definition;
}
