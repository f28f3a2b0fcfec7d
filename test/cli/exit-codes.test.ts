import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../src/cli/exit-codes.js';
import type { RunCounts } from '../../src/runner/types.js';

const counts = (over: Partial<RunCounts> = {}): RunCounts => ({ passed: 1, failed: 0, errored: 0, skipped: 0, unsupported: 0, warnings: 0, total: 1, ...over });

describe('exitCodeFor', () => {
  it('is 0 when everything passed, warnings and unsupported included', () => {
    expect(exitCodeFor({ reason: 'passed', cleanupIncomplete: false, counts: counts({ warnings: 3, unsupported: 2 }) })).toBe(0);
  });
  it('is 1 for failed checks', () => {
    expect(exitCodeFor({ reason: 'failed', cleanupIncomplete: false, counts: counts({ failed: 1 }) })).toBe(1);
  });
  it('prefers 4 (target error) over failed checks', () => {
    expect(exitCodeFor({ reason: 'failed', cleanupIncomplete: false, counts: counts({ failed: 2, errored: 1 }) })).toBe(4);
  });
  it('prefers 5 (cleanup incomplete) over target errors', () => {
    expect(exitCodeFor({ reason: 'failed', cleanupIncomplete: true, counts: counts({ errored: 1 }) })).toBe(5);
  });
  it('is 130 when interrupted, whatever else happened', () => {
    expect(exitCodeFor({ reason: 'interrupted', cleanupIncomplete: true, counts: counts({ failed: 1 }) })).toBe(130);
  });
});
