// How V8 sizes the heap of this process. Its defaults suit servers with large live sets; scim-check's processes keep
// little (a run: its suite and each step's result; `serve`: its store) and allocate quickly, and two defaults made
// RSS several times the live data (figures in test/bench/README.md). V8 reads both flags at each collection, so
// setting them while the process runs takes effect.

import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

/**
 * Suite files (not built in) larger than this together keep the young generation small from before they are parsed
 * (keepYoungGenerationSmall): about 2 000 steps. Decided before loading, since parsing is what first grows it.
 */
export const LONG_SUITE_BYTES = 256 * 1024;

/**
 * Every command: the old heap may grow to four times what the last full collection kept before the next one, so a
 * 30 000-step run peaked near 500 MiB for about 120 MiB live. At 50 % growth it stays near 1.5 times; small runs
 * never reach V8's first limit and are unaffected.
 */
export function tuneHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * `serve` and long suites: the young generation doubles (up to 16 MiB per semi-space) whenever many objects survive a
 * scavenge, which a burst of requests does early: `serve` went from 76 to 99 MiB over its first 100 000 requests and
 * a long run carried 48 MiB of young generation. Kept at its first size, scavenges are more frequent and each stays
 * small. Not for short runs: there the larger young generation saves a few per cent of CPU time.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
