// The data `scim-check diagnose` produces: one result per rung of the ladder and Okta's verdict.
// This is also the documented `--json` shape (version 1); add fields, never rename or remove them.
import type { Exchange, Target, Transport } from '../http/types.js';

/** The rungs, in the order they are climbed (issue 6 §1). */
export type RungName = 'url' | 'dns' | 'tcp' | 'tls' | 'http' | 'auth' | 'scim-shape' | 'verdict';

/** pass: fine for Okta; warn: works, but something to fix or know; fail: Okta breaks here; skip: not checked. */
export type RungStatus = 'pass' | 'warn' | 'fail' | 'skip';

export interface RungResult {
  rung: RungName;
  /** Display name ("SCIM shape"). */
  title: string;
  status: RungStatus;
  /** One line: what this rung saw. */
  summary: string;
  /** What was observed, one fact per line (already redacted). */
  evidence: string[];
  /** Why it is a problem, in plain words (warn and fail). */
  cause?: string;
  /** What to change (warn and fail). */
  fix?: string;
  /** Set when the rung probed under other conditions than Okta's (TLS verification off, a suggested base URL). */
  probe?: string;
}

/** How Okta's "Test API Credentials" would end for this server. */
export interface OktaVerdict {
  /** Would Okta's Test API Credentials pass? */
  passes: boolean;
  /** The text Okta's Admin Console would show (a success line when it passes). */
  message: string;
  /** `observed`: this exact wording has been seen in the field; `inferred`: our best guess (okta-protocol.md §4.1, §7). */
  wording: 'observed' | 'inferred';
}

/** An Authorization form tried by the auth rung. */
export interface AuthVariantResult {
  /** Stable id: as-configured, bearer, raw, double-bearer, x-api-key, basic. */
  id: string;
  /** The header as sent, with the secret shown as <token> / <password>: `Authorization: Bearer <token>`. */
  shape: string;
  /** HTTP status, or null when the request did not get an answer. */
  status: number | null;
}

export interface DiagnoseReport {
  version: 1;
  /** The base URL as given (no secrets: query strings are kept, user info is dropped). */
  baseUrl: string;
  /** ISO 8601 time the diagnosis started. */
  startedAt: string;
  rungs: RungResult[];
  /** The first rung that failed, or null. */
  firstFailure: RungName | null;
  /** A base URL that answered like SCIM when the given one did not. */
  suggestedBaseUrl?: string;
  /** Every Authorization form tried, in order (only when the given credentials were refused). */
  authVariants?: AuthVariantResult[];
  okta: OktaVerdict;
  /** 0 when Okta's Test API Credentials would pass, 1 otherwise. */
  exitCode: 0 | 1;
}

/** Builds the transport used for the HTTP, auth and SCIM-shape rungs (the CLI passes the undici one). */
export type TransportFactory = (target: Target) => { transport: Transport; close(): Promise<void> };

/** What the ladder needs from the outside world. */
export interface DiagnoseDeps {
  transportFactory: TransportFactory;
  /** Called with each exchange as it happens (for --har); exchanges are redacted. */
  onExchange?: (exchange: Exchange) => void;
  /** TCP connect budget in ms (default: min(target.timeoutMs, 10 000)). */
  connectTimeoutMs?: number;
}
