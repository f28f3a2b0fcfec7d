// The HTTP contract between the runner and the network. Everything that leaves src/http/ is already redacted.

/** A request as the runner wants it sent. `url` is absolute; auth headers are added by the transport. */
export interface HttpRequest {
  method: string;
  url: string;
  /** Header names as the suite wrote them; the transport adds auth and Okta-neutral defaults only if absent. */
  headers: Record<string, string>;
  /** Body text exactly as it goes on the wire. */
  body?: string | undefined;
  /**
   * Body members whose values are secrets besides `password` (a suite's `secrets`): the transport learns their values
   * and redacts them everywhere. Never sent, never in a report.
   */
  secretFields?: readonly string[] | undefined;
}

export interface HttpResponse {
  status: number;
  /** Reason phrase as the server sent it ('' when it sent none; Okta then shows "null"). */
  statusText: string;
  httpVersion: string;
  /** Lower-case names; repeated headers joined with ", " (set-cookie joined with "\n"). */
  headers: Record<string, string>;
  /** Decoded (gunzipped) body as UTF-8 text. */
  body: string;
  /** Size of the body on the wire, before decoding. */
  bodySize: number;
  /** The body parsed as JSON when it parses, whatever the content type; `undefined` otherwise. */
  json?: unknown;
  /** Set when `body` was cut for the report (--report-body-bytes): the full body's length in bytes. */
  bodyCut?: number | undefined;
  /** Why a body that may be JSON was not parsed (e.g. nested too deep to judge safely). */
  jsonNote?: string | undefined;
}

/** Milliseconds; -1 where not measured (HAR's convention). */
export interface Timings {
  /** ISO 8601 time the request started. */
  startedAt: string;
  /** Time waiting for a connection from the pool, DNS and connect included (-1 when reused/unknown). */
  connect: number;
  /** From request start to the response headers. */
  wait: number;
  /** From response headers to the last body byte. */
  receive: number;
  /** Whole exchange. */
  total: number;
}

/** One request and its response. Redacted before it leaves src/http/. */
export interface Exchange {
  request: HttpRequest;
  response: HttpResponse;
  timings: Timings;
}

/** Sends one request. The runner depends on this type only (tests may plug in another implementation). */
export type Transport = (request: HttpRequest, signal?: AbortSignal) => Promise<Exchange>;

/** How the transport authenticates; mirrors what Okta can be configured to send. */
export type AuthConfig =
  | { kind: 'none' }
  /** `Authorization: Bearer <token>` (Okta's OAuth Bearer test app, AIW "HTTP Header" mode). */
  | { kind: 'bearer'; token: string }
  /** The whole Authorization value, verbatim (Okta's "SCIM 2.0 Test App (Header Auth)"). */
  | { kind: 'header'; value: string }
  | { kind: 'basic'; username: string; password: string };

export interface TlsConfig {
  /** false only when the user passed --insecure. */
  verify: boolean;
  /** PEM text of extra CA certificates (--ca FILE). */
  ca?: string | undefined;
}

/** Where and how to talk to the SCIM server under test. */
export interface Target {
  /** Base URL without a trailing slash, e.g. https://example.com/scim/v2 */
  baseUrl: string;
  auth: AuthConfig;
  /** Extra headers sent on every request (--header), e.g. x-api-key. Values are treated as secrets. */
  headers: Record<string, string>;
  tls: TlsConfig;
  proxy?: string | undefined;
  /** Per-request timeout in ms (Okta gives up after 60 s). */
  timeoutMs: number;
  /** Largest response body accepted, in bytes. */
  maxResponseBytes: number;
}
