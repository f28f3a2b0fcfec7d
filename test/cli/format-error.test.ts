import { homedir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { formatError } from '../../src/cli/format-error.js';
import { ExitCode, InternalError, ScimCheckError, ScimCheckErrors } from '../../src/errors.js';

describe('formatError', () => {
  it('prints a ScimCheckError as one paragraph with its place and hint, never a stack', () => {
    const e = new ScimCheckError({ code: 'suite.unknownKey', exitCode: ExitCode.INVALID_INPUT, title: 'Unknown key', detail: 'unknown key "bodu" in expect; did you mean "body"?', location: { file: 'a.yaml', line: 9, column: 7 }, hint: 'fix it' });
    expect(formatError(e)).toBe('a.yaml:9:7  Unknown key\n    unknown key "bodu" in expect; did you mean "body"?\n    hint: fix it\n');
    const placeless = new ScimCheckError({ code: 'input.notFound', exitCode: ExitCode.INVALID_INPUT, title: 'File not found', detail: 'cannot read x.yaml: no such file' });
    expect(formatError(placeless)).toBe('error: File not found\n    cannot read x.yaml: no such file\n');
  });

  it('lists every error of a batch', () => {
    const one = new ScimCheckError({ code: 'a', exitCode: 3, title: 'A', detail: 'first' });
    const two = new ScimCheckError({ code: 'b', exitCode: 3, title: 'B', detail: 'second' });
    expect(formatError(new ScimCheckErrors([one, two], '2 problems found; nothing was sent'))).toBe('2 problems found; nothing was sent\nerror: A\n    first\nerror: B\n    second\n');
  });

  it('apologises for a bug, with the stack and the home directory scrubbed', () => {
    const bug = new TypeError('boom');
    bug.stack = `TypeError: boom\n    at f (${homedir()}/x/dist/cli/main.js:1:1)`;
    const text = formatError(bug);
    expect(text).toContain('scim-check hit a bug');
    expect(text).toContain('at f (~/x/dist/cli/main.js:1:1)');
    expect(text).not.toContain(homedir() + '/');
    expect(new InternalError('x').exitCode).toBe(70);
  });
});
