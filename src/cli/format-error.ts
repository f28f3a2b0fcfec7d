// Renders errors for humans: one paragraph per ScimCheckError, a short apology and a scrubbed stack for bugs.
import { homedir } from 'node:os';
import { ScimCheckError, ScimCheckErrors } from '../errors.js';

function formatOne(error: ScimCheckError): string {
  const lines = [`error: ${error.title}`];
  if (error.location !== undefined) lines.push(`  at ${error.location.file}:${error.location.line}:${error.location.column}`);
  lines.push(...error.detail.split('\n').map((l) => `  ${l}`));
  if (error.hint !== undefined) lines.push(`  hint: ${error.hint}`);
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
