// $match patterns run in V8's linear-time engine: catastrophic patterns finish, non-linear constructs are refused.
import { describe, expect, it } from 'vitest';
import { runMatcher } from '../../src/assert/matchers.js';
import { compileLinear } from '../../src/shared/linear-regex.js';

describe('linear-time $match', () => {
  it('runs a catastrophic-backtracking pattern on a 36-character id without backtracking', () => {
    // With the backtracking engine this takes minutes; vitest's timeout would end the test long before.
    const result = runMatcher('$match', `${'a'.repeat(36)}!`, true, '^(a+)+$');
    expect(result.passed).toBe(false);
    expect(runMatcher('$match', 'a'.repeat(36), true, '^(a+)+$').passed).toBe(true);
  });

  it('keeps the usual syntax: classes, alternation, anchors, lazy repeats, named groups, small counted repeats', () => {
    for (const [pattern, text] of [
      ['application/(scim\\+)?json', 'application/scim+json; charset=utf-8'],
      ['^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', '0f8fad5b-d9cb-469f-a165-70867728950e'],
      ['\\S', 'x'],
      ['^(?<user>[^@]+)@example\\.com$', 'alice@example.com'],
      ['a+?b|c', 'aab'],
    ] as const) {
      expect(runMatcher('$match', text, true, pattern).passed, pattern).toBe(true);
    }
  });

  it('refuses what the engine cannot run in linear time, naming the construct', () => {
    expect(compileLinear('(a)\\1')).toMatchObject({ ok: false, syntax: false, reason: expect.stringContaining('backreference') });
    expect(compileLinear('(?=a)a')).toMatchObject({ ok: false, syntax: false, reason: expect.stringContaining('lookahead') });
    expect(compileLinear('(?<!a)b')).toMatchObject({ ok: false, syntax: false, reason: expect.stringContaining('lookbehind') });
    expect(compileLinear('.{36}')).toMatchObject({ ok: false, syntax: false, reason: expect.stringContaining('.{16}.{16}.{4}') });
    expect(compileLinear('(unclosed')).toMatchObject({ ok: false, syntax: true });
  });

  it('fails a match whose expanded pattern the engine refuses, saying why, instead of running it', () => {
    const result = runMatcher('$match', 'aa', true, '(a)\\1');
    expect(result.passed).toBe(false);
    expect(result.describe).toContain('not run: it uses a backreference');
  });
});
