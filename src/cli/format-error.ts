// Renders errors for humans: one paragraph per ScimCheckError, a short apology and a scrubbed stack for bugs.
import { homedir } from 'node:os';
import { ScimCheckError, ScimCheckErrors } from '../errors.js';
import { sanitizeText } from '../shared/sanitize-text.js';

function formatOne(error: ScimCheckError): string {
  const lines = [`error: ${sanitizeText(error.title)}`];
  if (error.location !== undefined) lines.push(`  at ${sanitizeText(`${error.location.file}:${error.location.line}:${error.location.column}`)}`);
  // A detail may quote a server (TLS reason, a body) or a file name: escaped, like every other server text.
  lines.push(...sanitizeText(error.detail, { multiline: true }).split('\n').map((l) => `  ${l}`));
  if (error.hint !== undefined) lines.push(`  hint: ${sanitizeText(error.hint)}`);
  return lines.join('\n');
}

/** Text for stderr; never includes a stack for a ScimCheckError. */
export function formatError(error: unknown): string {
  if (error instanceof ScimCheckErrors) {
    return `${error.title}\n${error.errors.map(formatOne).join('\n')}\n`;
  }
  if (error instanceof ScimCheckError && error.code !== 'internal') return `${formatOne(error)}\n`;
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
