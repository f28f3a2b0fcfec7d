// `--reporter har`: every exchange of the run (steps, then that suite's cleanup; the cleanup sweep last) as one HAR 1.2 log, for browser
// devtools and support tickets. Built by http/har.ts from exchanges src/http already redacted.
import { toHar } from '../http/har.js';
import type { Har } from '../http/har.js';
import type { Exchange } from '../http/types.js';
import type { RunSummary } from '../runner/types.js';
import type { Reporter } from '../runner/events.js';

/** The HAR of a run; each entry's comment names the step (or cleanup) that sent it. */
export function toRunHar(summary: RunSummary, tool: { name: string; version: string }): Har {
  const exchanges: Exchange[] = [];
  const comments: string[] = [];
  for (const suite of summary.suites) {
    for (const step of suite.steps) {
      for (const exchange of step.exchanges) {
        exchanges.push(exchange);
        comments.push(`${suite.suiteId} › ${step.stepId}: ${step.title}`);
      }
    }
    // The ledger drains per suite, so a suite's cleanup follows its steps on the wire too.
    for (const item of summary.cleanup) {
      if (item.suiteId !== suite.suiteId || item.phase === 'sweep') continue;
      for (const exchange of item.exchanges ?? []) {
        exchanges.push(exchange);
        comments.push(`cleanup of ${item.suiteId} › ${item.stepId}`);
      }
    }
  }
  // The end-of-run sweep goes out after every suite.
  for (const item of summary.cleanup) {
    if (item.phase !== 'sweep') continue;
    for (const exchange of item.exchanges ?? []) {
      exchanges.push(exchange);
      comments.push(`end-of-run cleanup sweep for ${item.suiteId} › ${item.stepId}`);
    }
  }
  const har = toHar(exchanges, tool);
  har.log.entries = har.log.entries.map((entry, i) => ({ ...entry, comment: comments[i] ?? '' }));
  // HAR's place for a note on the whole log: the --insecure warning and other notices go with the transcript.
  if (summary.notices.length > 0) har.log.comment = summary.notices.join('\n');
  return har;
}

export function createHarReporter(options: { write: (text: string) => void | Promise<void>; tool: { name: string; version: string } }): Reporter {
  return {
    exchanges: 'run-end',
    async onRunEnd(summary) {
      await options.write(`${JSON.stringify(toRunHar(summary, options.tool), null, 2)}\n`);
    },
  };
}
