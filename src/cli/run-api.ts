// The small run API that `run`, `demo` and `list` share: selection from flags, a run id, and a plan sent and reported.
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import type { Target } from '../http/types.js';
import type { ReporterSpec } from '../report/index.js';
import { runPlan } from '../runner/index.js';
import type { Plan, RunSummary } from '../runner/index.js';
import { exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { openSinks } from './output-sinks.js';

// Re-exported so callers that send keep one import; `list` imports ./selection.js alone (it sends nothing).
export { selectionOf } from './selection.js';
export type { SelectionFlags } from './selection.js';

/** A fresh id for this run; every name a suite creates carries it. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/** A positive whole number from a flag, or a usage error naming the flag. */
function positiveFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new UsageError('usage.badNumber', 'Invalid value', `${flag} ${value}: expected a positive whole number`);
  return n;
}

/** Sends the plan through a real undici transport and reports; the exit code comes from the summary. */
export interface ExecuteOptions {
  bail?: boolean | undefined;
  verbose?: boolean | undefined;
  /** Run every suite even when Test API Credentials fails. */
  keepGoing?: boolean | undefined;
  /** How long to wait for a server that stopped answering (ms; default in the runner). */
  recoverWaitMs?: number | undefined;
  /** Safety bound on the pages one paged step reads. */
  maxPages?: number | undefined;
  /** --run-timeout and --report-body-bytes as given on the command line. */
  runTimeout?: string | undefined;
  reportBodyBytes?: string | undefined;
}

export async function executePlan(plan: Plan, target: Target, specs: ReporterSpec[], options: ExecuteOptions, io: CliIo): Promise<number> {
  const runTimeoutMs = positiveFlag(options.runTimeout, '--run-timeout');
  const reportBodyBytes = positiveFlag(options.reportBodyBytes, '--report-body-bytes');
  const sinks = await openSinks(specs, io, { verbose: options.verbose });
  try {
    const { createUndiciTransport } = await import('../http/undici-transport.js');
    const http = createUndiciTransport(target);
    let summary: RunSummary;
    try {
      summary = await runPlan({
        plan, transport: http.transport, env: io.env, reporters: sinks.reporters, signal: io.signal, hardSignal: io.hardSignal, bail: options.bail,
        keepGoing: options.keepGoing, recoverWaitMs: options.recoverWaitMs, maxPages: options.maxPages, runTimeoutMs, reportBodyBytes,
        keepExchanges: 'reporters',
        // A first cause is explained with diagnose's probes, each on its own short-lived pool.
        firstCause: { target, transportFactory: createUndiciTransport },
      });
    } finally {
      await http.close();
    }
    return exitCodeFor(summary);
  } finally {
    sinks.close();
  }
}
