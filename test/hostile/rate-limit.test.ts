// A server that answers 429 to everything: the run waits out Retry-After as Okta does, but only up to one budget of
// waiting per run (60 s), then takes the 429 as the answer and says Okta's import would be throttled here. The run
// ends on its own; the kill timer is only a safety net (a killed run fails the exit-code check).
import { afterAll, expect, it } from 'vitest';
import { startHostile } from './hostile-server.js';
import type { HostileServer } from './hostile-server.js';
import { compareLeft, listedAsLeft } from './left-behind.js';
import { findLeak, hasStackTrace, rawControl, runHostile } from './run-hostile.js';

const TOKEN = 'tkn_Rl8Kp3Wd6Yh1Ms4Vq9';
let s: HostileServer | undefined;
afterAll(async () => s?.close());

it('a server that always answers 429 costs the run its one waiting budget, and the finding says so', async () => {
  // Retry-After: 30 is the longest single wait; two of them spend the budget, the third 429 is not waited out.
  s = await startHostile('always-429', { retryAfter: '30' });
  const result = await runHostile(['run', 'test/hostile/suites/list.yaml', '--base-url', s.baseUrl], { env: { SCIM_TOKEN: TOKEN }, killAfterMs: 120_000 });
  expect(result.exitCode, result.stdout + result.stderr).toBe(1);
  expect(result.stdout).toContain("not waited out. Okta's import would be throttled here");
  expect(s.requests()).toBe(3);
  expect(hasStackTrace(result.stdout + result.stderr)).toBe(false);
  expect(rawControl(result.stdout)).toBeUndefined();
  expect(findLeak(result.stdout + result.stderr, TOKEN)).toBeUndefined();
  const { unlisted, listedWithoutCause } = compareLeft(s.held(), listedAsLeft(result.stdout));
  expect({ unlisted, listedWithoutCause }).toEqual({ unlisted: [], listedWithoutCause: [] });
}, 150_000);
