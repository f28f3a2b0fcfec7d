// Maps a run's outcome to its exit code; README documents the table and an e2e test pins each code.
import { ExitCode } from '../errors.js';
import type { ExitCodeValue } from '../errors.js';
import type { RunSummary } from '../runner/types.js';

export { ExitCode };

/** The worst outcome wins: interrupted, then cleanup incomplete, then target errors, then failed checks. */
export function exitCodeFor(summary: Pick<RunSummary, 'reason' | 'cleanupIncomplete' | 'counts'>): ExitCodeValue {
  if (summary.reason === 'interrupted') return ExitCode.INTERRUPTED;
  if (summary.cleanupIncomplete) return ExitCode.CLEANUP_INCOMPLETE;
  if (summary.counts.errored > 0) return ExitCode.TARGET_ERROR;
  if (summary.counts.failed > 0) return ExitCode.CHECKS_FAILED;
  return ExitCode.OK;
}
