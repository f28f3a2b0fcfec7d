// The harness's own check, held to what it must catch: a resource left unlisted, one listed without cause, and a
// "may be left" block whose count and lines disagree.
import { describe, expect, it } from 'vitest';
import { compareLeft, listedAsLeft } from './left-behind.js';

const STDOUT = [
  'Other suites (no Okta feature):',
  '  ✗ Create and read a user  not ready — 1 step errored',
  '',
  'Cleanup incomplete: 2 resource(s) may be left on http://127.0.0.1:1/scim/v2:',
  '  s › create: /Users/u1 (id "u1") may be left on the server: DELETE /scim/v2/Users/u1 answered 500; GET /scim/v2/Users/u1 still answers it',
  '  s › create-two: the create timed out; userName eq "scim-check-abcd1234-two@example.com" found nothing; a resource may still be created by the server (its create never answered)',
  '',
  'Steps: 0 passed (2) · 1 s · run abcd1234',
].join('\n');

describe('left-behind', () => {
  it('reads the listed lines, and refuses a block whose count disagrees with its lines', () => {
    expect(listedAsLeft(STDOUT).map((l) => l.line.slice(0, 12))).toEqual(['s › create: ', 's › create-t']);
    expect(listedAsLeft('Steps: 1 passed (1)')).toEqual([]);
    expect(() => listedAsLeft(STDOUT.replace('Cleanup incomplete: 2', 'Cleanup incomplete: 3'))).toThrow(/announces 3 resource\(s\) but lists 2/);
  });

  it('matches held resources by id, path or name; flags the unlisted and the listed without cause', () => {
    const listed = listedAsLeft(STDOUT);
    const u1 = { collection: 'Users' as const, id: 'u1', name: 'scim-check-abcd1234-one@example.com' };
    const two = { collection: 'Users' as const, id: 'u2', name: 'SCIM-CHECK-ABCD1234-TWO@example.com' };
    const stray = { collection: 'Groups' as const, id: 'g9', name: 'scim-check-abcd1234-g' };
    expect(compareLeft([u1, two], listed)).toEqual({ unlisted: [], listedWithoutCause: [], listedUncertain: [] });
    // The timed-out create may or may not exist: listed without being held is allowed for it, not for u1.
    expect(compareLeft([u1], listed)).toMatchObject({ unlisted: [], listedWithoutCause: [], listedUncertain: [listed[1]] });
    expect(compareLeft([two], listed)).toMatchObject({ unlisted: [], listedWithoutCause: [listed[0]] });
    expect(compareLeft([u1, two, stray], listed).unlisted).toEqual([stray]);
  });
});
