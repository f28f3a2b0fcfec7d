import { describe, expect, it } from 'vitest';
import { isTerminalSafe, sanitizeText } from '../../src/shared/sanitize-text.js';

describe('sanitizeText', () => {
  it('shows escape sequences, CR, BEL, C1 controls and bidi overrides escaped', () => {
    expect(sanitizeText('a\u001b]0;t\u0007\u001b[2Jb\rc\u009b1m\u202ed')).toBe('a\\e]0;t\\x07\\e[2Jb\\rc\\x9b1m\\u202ed');
  });
  it('keeps LF and tab only in multi-line text', () => {
    expect(sanitizeText('a\nb\tc')).toBe('a\\nb\\tc');
    expect(sanitizeText('a\nb\tc', { multiline: true })).toBe('a\nb\tc');
  });
  it('leaves ordinary text, accents and emoji alone', () => {
    const text = 'José ✓ 200 OK — naïve 🙂';
    expect(sanitizeText(text)).toBe(text);
    expect(isTerminalSafe(sanitizeText('\u001b[31m', { multiline: true }))).toBe(true);
  });
});
