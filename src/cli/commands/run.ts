// `scim-check run`: load and validate everything, plan, send, report, and return the exit code.
import { resolveTarget } from '../../config/resolve-target.js';
import type { TargetFlags } from '../../config/resolve-target.js';
import { hasCredentials } from '../../diagnose/check-auth.js';
import { UsageError } from '../../errors.js';
import type { Target } from '../../http/types.js';
import { buildPlan } from '../../runner/index.js';
import type { Plan } from '../../runner/index.js';
import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import type { Inputs } from '../load-inputs.js';
import { checkStdoutOwners, reporterSpecs } from '../output-sinks.js';
import { executePlan, newRunId, selectionOf } from '../run-api.js';
import type { SelectionFlags } from '../run-api.js';

export interface RunFlags extends TargetFlags, SelectionFlags {
  suites?: string[] | undefined;
  profile?: string | undefined;
  config?: string | undefined;
  level?: string | undefined;
  reporter?: string[] | undefined;
  output?: string | undefined;
  bail?: boolean | undefined;
  keepGoing?: boolean | undefined;
  recoverWait?: string | undefined;
  dryRun?: boolean | undefined;
  /** `--var name=value`, repeatable. */
  var?: string[] | undefined;
  /** Print each exchange (redacted) as its step ends. */
  verbose?: boolean | undefined;
  maxPages?: string | undefined;
  runTimeout?: string | undefined;
  reportBodyBytes?: string | undefined;
}

export const NO_CREDENTIAL_NOTICE =
  'No credential is configured (SCIM_TOKEN, --token-file, --auth-header-file, --basic-user or --header): every request goes out without one, as from an Okta app whose token field is empty.';

/** --recover-wait SECONDS → milliseconds (0 means do not wait). */
export function recoverWaitMs(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (text.trim() === '' || !Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
    throw new UsageError('usage.badRecoverWait', 'Invalid --recover-wait', `--recover-wait ${text}: expected a number of seconds from 0 to 3600`);
  }
  return Math.round(seconds * 1000);
}

/** --max-pages N: a whole number of pages, at least 1. */
export function maxPagesOf(flags: Pick<RunFlags, 'maxPages'>): number | undefined {
  if (flags.maxPages === undefined) return undefined;
  const n = Number(flags.maxPages);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError('usage.badMaxPages', 'Invalid --max-pages', `--max-pages ${flags.maxPages}: give a whole number of pages, at least 1 (e.g. --max-pages 500)`);
  }
  return n;
}

export async function runCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const specs = reporterSpecs(flags, io.env);
  checkStdoutOwners(specs);
  const recoverWait = recoverWaitMs(flags.recoverWait);
  const maxPages = maxPagesOf(flags);
  const inputs: Inputs = await loadInputs(flags, io.cwd, io.env);
  const { target, warnings, notices } = await resolveTarget({ flags, env: io.env, cwd: io.cwd, config: inputs.config, profileBaseUrl: inputs.profile.baseUrl });
  for (const warning of warnings) io.stderr(`${warning}\n`);
  if (!hasCredentials(target)) notices.push(NO_CREDENTIAL_NOTICE);
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
  return executePlan(plan, target, specs, { bail: flags.bail, verbose: flags.verbose, keepGoing: flags.keepGoing, recoverWaitMs: recoverWait, maxPages, runTimeout: flags.runTimeout, reportBodyBytes: flags.reportBodyBytes }, io);
}

/** With --read-only, the Okta features whose writes are skipped: a read-only run cannot vouch for them. */
export function readOnlyNotice(plan: Plan): string[] {
  const cut = plan.suites
    .filter((p) => p.steps.some((s) => !s.runs && s.reason?.startsWith('--read-only') === true))
    .map((p) => p.suite.okta ?? p.suite.title);
  return cut.length === 0 ? [] : [`--read-only skips every write, so these Okta features can be checked only in part (their reads): ${cut.join(', ')}.`];
}
