import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, suggest } from '../../src/shared/suggest.js';

describe('suggest', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('requried', 'required')).toBe(1);
    expect(editDistance('bodu', 'body')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });

  it('suggests close names, case-insensitively', () => {
    expect(suggest('bodu', ['status', 'body', 'headers'])).toBe('body');
    expect(suggest('get', ['GET', 'POST'])).toBe('GET');
    expect(suggest('Usr', ['User', 'Group'])).toBe('User');
    expect(suggest('$mach', ['$match', '$not'])).toBe('$match');
  });

  it('stays quiet when nothing is close', () => {
    expect(suggest('foo', ['status', 'body'])).toBeUndefined();
    expect(suggest('x', ['yy'])).toBeUndefined();
    expect(didYouMean('foo', ['body'])).toBe('');
  });

  it('picks the closest of several', () => {
    expect(suggest('userNam', ['userName', 'username2', 'name'])).toBe('userName');
    expect(didYouMean('levle', ['level'])).toBe('; did you mean "level"?');
  });
});
