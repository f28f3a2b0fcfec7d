// The error model every module shares: a stable code, an exit code, a title, one sentence of detail and,
// where known, the place at fault. Only src/cli/main.ts prints these.

/** Named exit codes, stable across releases (README documents them; an e2e test pins each one). */
export const ExitCode = {
  OK: 0,
  CHECKS_FAILED: 1,
  USAGE: 2,
  INVALID_INPUT: 3,
  TARGET_ERROR: 4,
  CLEANUP_INCOMPLETE: 5,
  INTERNAL: 70,
  /** Stopped by SIGINT/SIGTERM (128 + SIGINT, as shells report it). */
  INTERRUPTED: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** A place in a file the user wrote: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

export interface ScimCheckErrorInit {
  code: string;
  exitCode: ExitCodeValue;
  title: string;
  detail: string;
  location?: SourceLocation | undefined;
  hint?: string | undefined;
}

/** An error the user can act on; printed as a one-paragraph message, never with a stack. */
export class ScimCheckError extends Error {
  readonly code: string;
  readonly exitCode: ExitCodeValue;
  readonly title: string;
  readonly detail: string;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;

  constructor(init: ScimCheckErrorInit) {
    super(`${init.title}: ${init.detail}`);
    this.name = new.target.name;
    this.code = init.code;
    this.exitCode = init.exitCode;
    this.title = init.title;
    this.detail = init.detail;
    this.location = init.location;
    this.hint = init.hint;
  }
}

/** Several errors found at once (e.g. every problem in every selected suite file). */
export class ScimCheckErrors extends ScimCheckError {
  readonly errors: readonly ScimCheckError[];
  constructor(errors: readonly ScimCheckError[], summary: string) {
    const first = errors[0];
    super({
      code: first?.code ?? 'input.invalid',
      exitCode: first?.exitCode ?? ExitCode.INVALID_INPUT,
      title: summary,
      detail: errors.map((e) => e.message).join('\n'),
    });
    this.errors = errors;
  }
}

/** Invalid user input that is not a suite: a bad flag value, an unreadable file named on the command line. */
export class UsageError extends ScimCheckError {
  constructor(code: string, title: string, detail: string, hint?: string) {
    super({ code, exitCode: ExitCode.USAGE, title, detail, hint });
  }
}

/** A bug in scim-check itself. */
export class InternalError extends ScimCheckError {
  constructor(detail: string) {
    super({ code: 'internal', exitCode: ExitCode.INTERNAL, title: 'Internal error', detail });
  }
}
