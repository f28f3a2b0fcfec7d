// The reporters map: one name → one factory. `--reporter` choices come from these names.
import { UsageError } from '../errors.js';
import type { Reporter } from '../runner/events.js';

export type { Reporter } from '../runner/events.js';
export { formatSummary, formatCounts } from './format-summary.js';
export { formatStepProblems, formatCheckFailure, formatLocation } from './format-check.js';
export { plainStyle } from './style.js';
export type { Style } from './style.js';
import type { Style } from './style.js';

export const REPORTER_NAMES = ['pretty', 'json', 'junit', 'github', 'har', 'html'] as const;
export type ReporterName = (typeof REPORTER_NAMES)[number];

/** Machine reporters write a document; without `=file` they write it to stdout. */
export const MACHINE_REPORTERS: readonly ReporterName[] = ['json', 'junit', 'har'];

export interface ReporterSpec {
  name: ReporterName;
  /** File to write, or undefined for the reporter's default stream. */
  file?: string | undefined;
}

/** "junit=reports/junit.xml" → { name: 'junit', file: 'reports/junit.xml' }. */
export function parseReporterSpec(text: string): ReporterSpec {
  const eq = text.indexOf('=');
  const name = (eq === -1 ? text : text.slice(0, eq)).trim();
  const file = eq === -1 ? undefined : text.slice(eq + 1).trim();
  if (!(REPORTER_NAMES as readonly string[]).includes(name)) {
    throw new UsageError('usage.unknownReporter', 'Unknown reporter', `--reporter ${name}: expected one of ${REPORTER_NAMES.join(', ')} (optionally name=file)`);
  }
  if (file === '') throw new UsageError('usage.badReporter', 'Invalid --reporter', `--reporter ${text}: the file after "=" is empty`);
  // A page of HTML on a terminal or in a CI log helps no one: the HTML report is always a file.
  if (name === 'html' && file === undefined) throw new UsageError('usage.badReporter', 'Invalid --reporter', '--reporter html writes a file: use --reporter html=FILE, e.g. html=reports/scim-check.html');
  return { name: name as ReporterName, file };
}

export type ReporterFactory = (context: ReporterContext) => Reporter | Promise<Reporter>;

export interface ReporterContext {
  spec: ReporterSpec;
  /** Writes the reporter's output to its file or stream; flushes before the run ends. */
  write: (text: string) => void;
  tool: { name: string; version: string };
  env: Record<string, string | undefined>;
  /** The directory the run was started from (suite paths are relative to it). */
  cwd?: string | undefined;
  exitCode: (summary: import('../runner/types.js').RunSummary) => number;
  /** Colour for human output (plain when the output is a file or colour is off). */
  style: Style;
  /** Present only when a spinner may animate (a TTY, not CI). */
  spinner?: import('./pretty.js').Spinner | undefined;
  /** Columns human output wraps at (the terminal's width); undefined: no wrapping. */
  width?: number | undefined;
}

/** Lazily imported so a run loads only the reporters it uses. */
export const reporters: Record<ReporterName, () => Promise<ReporterFactory>> = {
  pretty: async () => {
    const { createPrettyReporter } = await import('./pretty.js');
    return (ctx) => createPrettyReporter({ write: ctx.write, style: ctx.style, spinner: ctx.spinner, toolVersion: ctx.tool.version, width: ctx.width });
  },
  json: async () => {
    const { createJsonReporter } = await import('./json.js');
    return (ctx) => createJsonReporter({ write: ctx.write, tool: ctx.tool, exitCode: ctx.exitCode });
  },
  junit: async () => {
    const { createJunitReporter } = await import('./junit.js');
    return (ctx) => createJunitReporter({ write: ctx.write });
  },
  github: async () => {
    const { createGithubReporter } = await import('./github.js');
    const { repositoryFileResolver } = await import('./github-annotations.js');
    return (ctx) =>
      createGithubReporter({ write: ctx.write, env: ctx.env, exitCode: ctx.exitCode, fileOf: ctx.cwd === undefined ? undefined : repositoryFileResolver(ctx.cwd, ctx.env) });
  },
  html: async () => {
    const { createHtmlReporter } = await import('./html.js');
    return (ctx) => createHtmlReporter({ write: ctx.write, tool: ctx.tool, exitCode: ctx.exitCode });
  },
  har: async () => {
    const { createHarReporter } = await import('./har-reporter.js');
    return (ctx) => createHarReporter({ write: ctx.write, tool: ctx.tool });
  },
};
