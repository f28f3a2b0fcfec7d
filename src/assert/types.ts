// The result of comparing one exchange with one expectation. Checks are data, not exceptions.
import type { SourceLocation } from '../errors.js';
import type { Level } from '../shared/level.js';

export type CheckKind = 'status' | 'header' | 'body' | 'schema' | 'timing' | 'paging';

export interface Check {
  kind: CheckKind;
  /** JSON pointer into the response body ('/totalResults'), a header name, or '' for status/timing. */
  pointer: string;
  expected: unknown;
  actual: unknown;
  passed: boolean;
  /** One line for humans, typed when types differ: `expected integer 0, got string "0"`. */
  message: string;
  /** What to change, when we know something Okta-specific. */
  hint?: string | undefined;
  /** Why the expectation exists, with its source (from the suite). */
  why?: string | undefined;
  level: Level;
  /** Where the expectation is written in the suite YAML. */
  location: SourceLocation;
}

/** What checkExchange needs besides the exchange: the (template-expanded) expectation and where it lives. */
export interface CheckContext {
  /** Maps a JSON pointer of the suite document to a file location. */
  locate: (pointer: string) => SourceLocation;
}

/** One group of expectations that share a level and a reason. */
export interface Expectation {
  /** One status or a list of acceptable ones. */
  status?: number | number[] | undefined;
  /** Header name (any case) → exact string or a matcher object. */
  headers?: Record<string, unknown> | undefined;
  /** Matcher tree (subset match, strict types, `$…` matchers, keys starting with `/` are JSON pointers). */
  body?: unknown;
  /** Name of a SCIM JSON Schema (shared/scim-schema-names.ts) (User, Group, ListResponse, Error, …). */
  schema?: string | undefined;
  maxTimeMs?: number | undefined;
  /** Defaults to the step's level, which defaults to the suite's. */
  level: Level;
  /** Why this expectation exists, with its source. Shown with a failure. */
  why?: string | undefined;
  /** Okta-aware advice shown when it fails. */
  hint?: string | undefined;
  /** JSON pointer of this expectation group in the suite document. */
  pointer: string;
}
