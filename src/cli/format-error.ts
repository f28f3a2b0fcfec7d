// Renders errors for humans: one paragraph per ScimCheckError, a short apology and a scrubbed stack for bugs.
import { homedir } from 'node:os';
import { ScimCheckError, ScimCheckErrors } from '../errors.js';
import { sanitizeText } from '../shared/sanitize-text.js';

/**
 * One problem as every command prints it (validate, run, list, …): `file:line:col  Title` when the place is known,
 * `error: Title` otherwise, then the detail and hint indented. README "Checking files without running them" shows it.
 */
export function formatProblem(error: ScimCheckError): string {
  const loc = error.location;
  // A detail may quote a server (TLS reason, a body) or a file name: escaped, like every other server text.
  const lines = [loc === undefined ? `error: ${sanitizeText(error.title)}` : `${sanitizeText(`${loc.file}:${loc.line}:${loc.column}`)}  ${sanitizeText(error.title)}`];
  lines.push(...sanitizeText(error.detail, { multiline: true }).split('\n').map((l) => `    ${l}`));
  if (error.hint !== undefined) lines.push(`    hint: ${sanitizeText(error.hint)}`);
  return `${lines.join('\n')}\n`;
}

/** Text for stderr; never includes a stack for a ScimCheckError. */
export function formatError(error: unknown): string {
  if (error instanceof ScimCheckErrors) {
    return `${error.title}\n${error.errors.map(formatProblem).join('')}`;
  }
  if (error instanceof ScimCheckError && error.code !== 'internal') return formatProblem(error);
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  const home = homedir();
  const scrubbed = home.length > 1 ? stack.split(home).join('~') : stack;
  return [
    'error: scim-check hit a bug (this is not a problem with your SCIM server).',
    '  Please report it with the lines below at https://github.com/scim-check/scim-check/issues/new',
    ...scrubbed.split('\n').map((l) => `  ${l}`),
    '',
  ].join('\n');
}
