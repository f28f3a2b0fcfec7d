// What a watch or replay session saw: judged exchanges in arrival order, the calls it could not place, refusals;
// and the RunSummary built from them, so the reporters `run` uses (json, junit, …) write the same documents.
import type { Exchange } from '../http/types.js';
import { formatCheckFailure, formatStepError } from '../report/format-check.js';
import type { Style } from '../report/style.js';
import { supportOf } from '../runner/plan.js';
import type { CleanupItem, RunSummary, StepResult, SuiteResult } from '../runner/types.js';
import { suiteResult, summarize } from '../runner/verdict.js';
import type { Level, Profile, Suite } from '../suite/types.js';

export interface SeenExchange {
  /** Arrival number, from 1. */
  seq: number;
  method: string;
  /** Path and query below the base URL, as sent. */
  target: string;
  /** The judged step, or undefined for a request that is none of Okta's calls. */
  suite?: Suite | undefined;
  result?: StepResult | undefined;
  /** Redacted; absent when the target could not be reached. */
  exchange?: Exchange | undefined;
  status?: number | undefined;
  durationMs: number;
  time: Date;
}

export class Session {
  readonly seen: SeenExchange[] = [];
  readonly refused: Array<{ method: string; path: string; status: number; reason: string }> = [];
  readonly startedAt = new Date();
  readonly #started = performance.now();
  #seq = 0;

  next(): number {
    this.#seq += 1;
    return this.#seq;
  }

  add(seen: SeenExchange): void {
    this.seen.push(seen);
  }

  /** Every exchange that reached the target, in arrival order, with the HAR comment naming its call. */
  harEntries(): Array<{ exchange: Exchange; comment: string }> {
    return this.seen
      .filter((s): s is SeenExchange & { exchange: Exchange } => s.exchange !== undefined)
      .sort((a, b) => a.seq - b.seq)
      .map((s) => ({
        exchange: s.exchange,
        comment: s.result === undefined ? `#${s.seq} not one of Okta's calls` : `#${s.seq} ${s.result.suiteId} › ${s.result.stepId}`,
      }));
  }

  summary(input: { runId: string; baseUrl: string; profile: Profile; suites: readonly Suite[]; gate: Level; notices: string[]; cleanup?: CleanupItem[]; interrupted?: boolean }): RunSummary {
    const suites: SuiteResult[] = [];
    const judged = [...this.seen].sort((a, b) => a.seq - b.seq);
    for (const suite of input.suites) {
      const steps = judged.filter((s) => s.suite?.id === suite.id && s.result !== undefined).map((s) => s.result as StepResult);
      if (steps.length === 0) continue;
      const duration = steps.reduce((n, s) => n + s.durationMs, 0);
      suites.push(suiteResult(suite, steps, supportOf(suite, input.profile) === 'unsupported', duration));
    }
    const notices = [...input.notices];
    const others = judged.filter((s) => s.result === undefined);
    if (others.length > 0) {
      const listed = others.slice(0, 5).map((s) => `${s.method} ${s.target.split('?')[0] ?? ''}`).join(', ');
      notices.push(`${others.length} request(s) were none of Okta's calls and were forwarded without a verdict: ${listed}${others.length > 5 ? ', …' : ''}`);
    }
    if (this.refused.length > 0) notices.push(`${this.refused.length} inbound request(s) were refused and not forwarded (${[...new Set(this.refused.map((r) => r.status))].join(', ')}).`);
    return summarize({
      runId: input.runId,
      baseUrl: input.baseUrl,
      profile: input.profile.id,
      startedAt: this.startedAt.toISOString(),
      durationMs: Math.round(performance.now() - this.#started),
      gate: input.gate,
      suites,
      cleanup: input.cleanup ?? [],
      notices,
      interrupted: input.interrupted === true,
    });
  }
}

function clock(time: Date): string {
  return time.toISOString().slice(11, 19);
}

const VERDICT_MARK: Record<StepResult['status'], (style: Style) => string> = {
  passed: (s) => s.green('✓ passed'),
  failed: (s) => s.red('✗ failed'),
  errored: (s) => s.red('✗ errored'),
  skipped: (s) => s.yellow('- skipped'),
  unsupported: (s) => s.dim('○ unsupported'),
};

/** One line per exchange: time, Okta call, status, duration, verdict; then a block for each answer Okta will reject. */
export function formatSeen(seen: SeenExchange, style: Style): string {
  const shown = seen.target.length > 100 ? `${seen.target.slice(0, 99)}…` : seen.target;
  const call = seen.suite === undefined || seen.result === undefined ? style.dim('(not an Okta call)') : `${seen.suite.okta ?? seen.suite.title} › ${seen.result.stepId}`;
  const status = seen.status === undefined ? '---' : String(seen.status);
  const verdict = seen.result === undefined ? style.dim('not judged') : VERDICT_MARK[seen.result.status](style);
  const warnings = seen.result !== undefined && seen.result.warnings.length > 0 ? style.yellow(` (${seen.result.warnings.length} warning${seen.result.warnings.length === 1 ? '' : 's'})`) : '';
  const lines = [`${style.dim(clock(seen.time))}  #${seen.seq} ${call}  ${seen.method} ${shown}  ${status}  ${style.dim(`${Math.round(seen.durationMs)} ms`)}  ${verdict}${warnings}`];
  const result = seen.result;
  if (result !== undefined) {
    // Warnings are counted on the line; the blocks are for what Okta will reject.
    const blocks = result.status === 'errored' ? [formatStepError(result, style)] : [];
    for (const check of result.checks) if (!check.passed && !result.warnings.includes(check)) blocks.push(formatCheckFailure(result, check, style));
    for (const block of blocks) lines.push(block.split('\n').map((l) => `    ${l}`).join('\n'));
  }
  return `${lines.join('\n')}\n`;
}
