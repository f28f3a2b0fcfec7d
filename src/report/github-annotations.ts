// Which GitHub annotations a run gets, and in what order. GitHub shows at most 10 error and 10 warning annotations
// per step (and drops the rest silently), so the most important come first and, past the limit, one annotation says
// how many more there are and where to read them. Problems are grouped as the terminal groups them
// (group-findings.ts): one annotation per cause, a first cause or a crash as one, repeated transport errors as one.
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { SourceLocation } from '../errors.js';
import type { RunSummary, StepResult } from '../runner/types.js';
import { builtinSuitesDir } from '../suite/builtin.js';
import type { Level } from '../suite/types.js';
import { formatGroup } from './format-check.js';
import { groupProblems } from './group-findings.js';
import type { Finding } from './group-findings.js';

export type Command = 'error' | 'warning';

export interface Annotation {
  command: Command;
  /** Shown on the file's line when the file is the user's; omitted for built-in suites. */
  location?: SourceLocation | undefined;
  title: string;
  message: string;
}

/** GitHub's per-step limit for each of ::error and ::warning. */
export const ANNOTATIONS_PER_KIND = 10;

/**
 * Maps a suite location's file to the path GitHub should annotate (relative to the repository root), or undefined
 * when the file is not in the user's repository: a built-in suite, something under node_modules, or outside it.
 */
export type FileResolver = (file: string) => string | undefined;

export function repositoryFileResolver(cwd: string, env: Record<string, string | undefined>): FileResolver {
  const root = realOrSelf(env['GITHUB_WORKSPACE'] !== undefined && env['GITHUB_WORKSPACE'] !== '' ? env['GITHUB_WORKSPACE'] : cwd);
  const builtin = realOrSelf(builtinSuitesDir());
  const cache = new Map<string, string | undefined>();
  return (file) => {
    if (cache.has(file)) return cache.get(file);
    let shown: string | undefined;
    const path = resolve(cwd, file);
    if (existsSync(path)) {
      const real = realOrSelf(path);
      const inRepo = inside(root, real) && !inside(builtin, real) && !real.split(sep).includes('node_modules');
      if (inRepo) shown = relative(root, real).split(sep).join('/');
    }
    cache.set(file, shown);
    return shown;
  };
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function inside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** A format-check block without its first line (the title) and its "at file:line:col" line (the properties). */
function blockMessage(block: string): { title: string; message: string } {
  const [head = '', second = '', ...rest] = block.split('\n');
  // A crash block has no "at" line to drop.
  const body = second.startsWith('  at ') ? rest : [second, ...rest];
  return { title: head.replace(/^\S+ /, ''), message: body.map((l) => l.replace(/^ {2}/, '')).join('\n') };
}

const LEVEL_RANK: Record<Level, number> = { required: 0, recommended: 2, optional: 3 };

interface Ranked extends Annotation {
  rank: number;
  order: number;
}

function findingAnnotation(finding: Finding, block: string, fileOf: FileResolver): Omit<Ranked, 'order'> {
  const lead = finding.check;
  const { title, message } = blockMessage(block);
  // The block's label names the pointer of body, schema and header checks only; a paging check of a different count
  // would otherwise share its title with the next one.
  const shown = lead.kind === 'paging' && lead.pointer !== '' ? title.replace(/( \((?:recommended|optional)\))?$/, ` ${lead.pointer}$1`) : title;
  return { command: finding.warning ? 'warning' : 'error', location: located(lead.location, fileOf), title: shown, message, rank: LEVEL_RANK[lead.level] };
}

function located(location: SourceLocation, fileOf: FileResolver): SourceLocation | undefined {
  const file = fileOf(location.file);
  return file === undefined ? undefined : { ...location, file };
}

/** Every annotation of a run, merged, most important first, within GitHub's limits. */
export function runAnnotations(summary: RunSummary, fileOf: FileResolver = (file) => file): Annotation[] {
  const all: Ranked[] = [];
  const push = (a: Omit<Ranked, 'order'>): void => void all.push({ ...a, order: all.length });
  for (const group of groupProblems(summary.suites.flatMap((s) => s.steps))) {
    const { step } = group;
    const blocks = formatGroup(group);
    if (step.firstCause !== undefined) {
      // The first cause explains everything after it: it leads, as one annotation.
      for (const block of blocks) push({ command: 'error', location: located(group.findings[0]?.check.location ?? step.location, fileOf), ...blockMessage(block), rank: -2 });
      continue;
    }
    let i = 0;
    // A step that could not complete is usually the first cause of what follows: it leads.
    if (step.status === 'errored' && step.error !== undefined) push({ command: 'error', location: located(step.location, fileOf), ...blockMessage(blocks[i++] ?? ''), rank: -1 });
    for (const finding of group.findings) push(findingAnnotation(finding, blocks[i++] ?? '', fileOf));
    for (; i < blocks.length; i++) push({ command: 'error', location: located(step.location, fileOf), ...blockMessage(blocks[i] ?? ''), rank: -1 });
  }
  for (const item of summary.cleanup) {
    if (item.outcome !== 'failed' && item.outcome !== 'not-run') continue;
    push({ command: 'error', title: `Cleanup incomplete: ${item.suiteId} › ${item.stepId}`, message: `${item.detail} (on ${summary.baseUrl})`, rank: 1 });
  }
  // A notice (TLS verification off) changes what every result means: it leads the warnings.
  for (const notice of summary.notices) push({ command: 'warning', title: 'scim-check', message: notice, rank: -1 });
  return [...capped(all, 'error', summary), ...capped(all, 'warning', summary)];
}

function capped(all: Ranked[], command: Command, summary: RunSummary): Annotation[] {
  const mine = all.filter((a) => a.command === command).sort((a, b) => a.rank - b.rank || a.order - b.order);
  if (mine.length <= ANNOTATIONS_PER_KIND) return mine.map(strip);
  const shown = mine.slice(0, ANNOTATIONS_PER_KIND - 1).map(strip);
  const rest = mine.length - shown.length;
  const what = command === 'error' ? 'failures' : 'warnings';
  shown.push({
    command,
    title: `scim-check: ${rest} more ${what}`,
    message: `GitHub shows ${ANNOTATIONS_PER_KIND} ${command} annotations per step; ${rest} more ${what} of run ${summary.runId} are in the job summary and in the JUnit/HTML reports.`,
  });
  return shown;
}

function strip(a: Ranked): Annotation {
  return { command: a.command, location: a.location, title: a.title, message: a.message };
}
