import { describe, expect, it } from 'vitest';
import { ExitCode, ScimCheckError } from '../src/errors.js';

describe('ScimCheckError', () => {
  it('carries a stable code and exit code', () => {
    const e = new ScimCheckError({ code: 'x.y', exitCode: ExitCode.USAGE, title: 'Bad', detail: 'very bad' });
    expect(e.code).toBe('x.y');
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe('Bad: very bad');
    expect(e.name).toBe('ScimCheckError');
  });
});
