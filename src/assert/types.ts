// The result of comparing one exchange with one expectation. Checks are data, not exceptions.
import type { SourceLocation } from '../errors.js';
import type { Level } from '../suite/types.js';

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
