// What a run's cleanup outcome means for the exit code and the lines every reporter shows.
import type { CleanupItem } from './types.js';

/** True when the item's resource may still exist in a state the run did not choose (exit code 5). */
export function isLeft(item: CleanupItem): boolean {
  return item.outcome === 'failed' || item.outcome === 'not-run';
}

/** The notice naming each resource that was deactivated instead of deleted: left on purpose, listed with its id. */
export function cleanupNotices(items: readonly CleanupItem[], runId: string): string[] {
  const fallbacks = items.filter((c) => c.outcome === 'fallback');
  if (fallbacks.length === 0) return [];
  const where = fallbacks.map((c) => c.resource ?? (c.id === undefined ? `${c.suiteId} › ${c.stepId}` : `id ${JSON.stringify(c.id)}`));
  return [
    `${fallbacks.length} resource(s) could not be deleted and were deactivated instead; they remain on the server (names start scim-check-${runId}-): ${where.join(', ')}`,
  ];
}
