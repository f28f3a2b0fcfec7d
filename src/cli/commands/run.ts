// `scim-check run`: load and validate everything, plan, send, report, and return the exit code.
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { resolveTarget } from '../../config/resolve-target.js';
import type { TargetFlags } from '../../config/resolve-target.js';
import { UsageError } from '../../errors.js';
import type { Target } from '../../http/types.js';
import { MACHINE_REPORTERS, parseReporterSpec, reporters as reporterFactories } from '../../report/index.js';
import type { Reporter, ReporterSpec } from '../../report/index.js';
import { createPrettyReporter } from '../../report/pretty.js';
import type { Spinner } from '../../report/pretty.js';
import { buildPlan, runPlan } from '../../runner/index.js';
import type { Plan, RunSummary, Selection } from '../../runner/index.js';
import { TOOL } from '../../version.js';
import { exitCodeFor } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import type { Inputs } from '../load-inputs.js';
import { createStyle } from '../style.js';

export interface RunFlags extends TargetFlags {
  suites?: string[] | undefined;
  profile?: string | undefined;
  config?: string | undefined;
  level?: string | undefined;
  reporter?: string[] | undefined;
  output?: string | undefined;
  grep?: string | undefined;
  tags?: string | undefined;
  feature?: string | undefined;
  only?: string | undefined;
  readOnly?: boolean | undefined;
  bail?: boolean | undefined;
  dryRun?: boolean | undefined;
}

function list(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function selectionOf(flags: RunFlags): Selection {
  let grep: RegExp | undefined;
  if (flags.grep !== undefined) {
    try {
      grep = new RegExp(flags.grep, 'i');
    } catch {
      throw new UsageError('usage.badGrep', 'Invalid --grep', `--grep ${flags.grep}: not a valid regular expression`);
    }
  }
  return { grep, tags: list(flags.tags), features: list(flags.feature), only: list(flags.only), readOnly: flags.readOnly === true };
}

/** A fresh id for this run; every name a suite creates carries it. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/** Opens the outputs of every reporter; returns them and a flush for file writers. */
export async function createReporters(specs: ReporterSpec[], io: CliIo, cwd: string): Promise<{ reporters: Reporter[]; flush: () => void }> {
  const files = new Map<string, string[]>();
  const stdoutTaken = specs.some((s) => s.file === undefined && MACHINE_REPORTERS.includes(s.name));
  const reporters: Reporter[] = [];
  for (const spec of specs) {
    if (spec.name === 'pretty') {
      // Human output goes to stdout unless a machine reporter owns stdout; then it moves to stderr.
      const write = spec.file !== undefined ? fileWriter(files, resolve(cwd, spec.file)) : stdoutTaken ? io.stderr : io.stdout;
      const human = spec.file === undefined;
      const style = createStyle(human ? io.terminal.colorLevel : 0);
      let spinner: Spinner | undefined;
      if (human && io.terminal.spinner) spinner = await createSpinner(io);
      reporters.push(createPrettyReporter({ write, style, spinner, toolVersion: TOOL.version }));
      continue;
    }
    const factory = await reporterFactories[spec.name]();
    // GitHub reads workflow commands from stderr too, so annotations step aside when a document owns stdout.
    const toStderr = spec.name === 'github' && stdoutTaken;
    const write = spec.file !== undefined ? fileWriter(files, resolve(cwd, spec.file)) : toStderr ? io.stderr : io.stdout;
    reporters.push(await factory({ spec, write, tool: TOOL, env: io.env, exitCode: (s: RunSummary) => exitCodeFor(s) }));
  }
  const flush = (): void => {
    for (const [path, chunks] of files) {
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, chunks.join(''));
      } catch (error) {
        throw new UsageError('output.unwritable', 'Cannot write report', `${path}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
      }
    }
  };
  return { reporters, flush };
}

function fileWriter(files: Map<string, string[]>, path: string): (text: string) => void {
  const chunks = files.get(path) ?? [];
  files.set(path, chunks);
  return (text) => {
    chunks.push(text);
  };
}

async function createSpinner(io: CliIo): Promise<Spinner> {
  const { default: ora } = await import('ora');
  const spinner = ora({ stream: io.stderrStream, isEnabled: true, discardStdin: false });
  return { start: (text) => spinner.start(text), stop: () => spinner.stop() };
}

export function reporterSpecs(flags: Pick<RunFlags, 'reporter' | 'output'>): ReporterSpec[] {
  const specs = (flags.reporter ?? []).map(parseReporterSpec);
  if (flags.output !== undefined) specs.push({ name: 'json', file: flags.output });
  if (!specs.some((s) => s.name === 'pretty')) specs.unshift({ name: 'pretty' });
  return specs;
}

/** Sends the plan through a real undici transport and reports; the exit code comes from the summary. */
export async function executePlan(plan: Plan, target: Target, specs: ReporterSpec[], flags: Pick<RunFlags, 'bail'>, io: CliIo): Promise<number> {
  const { reporters, flush } = await createReporters(specs, io, io.cwd);
  const { createUndiciTransport } = await import('../../http/undici-transport.js');
  const http = createUndiciTransport(target);
  let summary: RunSummary;
  try {
    summary = await runPlan({ plan, transport: http.transport, env: io.env, reporters, signal: io.signal, hardSignal: io.hardSignal, bail: flags.bail });
  } finally {
    await http.close();
  }
  flush();
  return exitCodeFor(summary);
}

export async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const specs = reporterSpecs(flags);
  const inputs: Inputs = await loadInputs(flags, io.cwd, io.env);
  const { target, warnings } = await resolveTarget({ flags, env: io.env, cwd: io.cwd, config: inputs.config, profileBaseUrl: inputs.profile.baseUrl });
  for (const warning of warnings) io.stderr(`${warning}\n`);
  const notices = target.tls.verify ? [] : ['TLS certificate verification is OFF (--insecure): a pass here does not mean Okta can connect.'];
  const plan = buildPlan({ runId: newRunId(), baseUrl: target.baseUrl, profile: inputs.profile, suites: inputs.suites, gate: inputs.gate, selection: selectionOf(flags), notices });
  const selected = plan.suites.reduce((n, p) => n + p.steps.filter((s) => s.runs).length, 0);
  if (selected === 0) {
    // A CI gate that checked nothing must not pass.
    throw new UsageError('usage.emptySelection', 'Nothing to run', `no step of the selected suites runs for profile ${inputs.profile.id} with the given --grep/--tags/--feature/--only/--read-only; \`scim-check list\` with the same flags shows why each step is left out`);
  }
  if (flags.readOnly === true) plan.notices.push(...readOnlyNotice(plan));
  if (flags.dryRun === true) {
    const { printDryRun } = await import('./dry-run.js');
    return printDryRun(plan, target, io);
  }
  return executePlan(plan, target, specs, flags, io);
}

/** With --read-only, the Okta features whose writes are skipped: a read-only run cannot vouch for them. */
export function readOnlyNotice(plan: Plan): string[] {
  const cut = plan.suites
    .filter((p) => p.steps.some((s) => !s.runs && s.reason?.startsWith('--read-only') === true))
    .map((p) => p.suite.okta ?? p.suite.title);
  return cut.length === 0 ? [] : [`--read-only skips every write, so these Okta features are not checked (only their reads run): ${cut.join(', ')}.`];
}
