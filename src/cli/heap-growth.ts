// How far V8 lets the heap grow past what the last full collection kept. By default it may grow to four times that
// before collecting again, which suits servers; a run holds its suite and every step's result to the end and makes
// short-lived garbage per request, so a 30 000-step run peaked near 500 MiB for about 120 MiB of live data. At 50 %
// it peaks near 250 MiB, with no measurable cost in time (test/bench/README.md). Small runs never reach V8's first
// limit, so they are unaffected. The flag is read at each collection, so setting it at start-up takes effect.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 50;

export function limitHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * For `serve`, a long-lived process with a small live set: V8 doubles the young generation (up to 16 MiB per
 * semi-space) whenever many objects survive a scavenge, and a server's bursts of requests do that early, so `serve`
 * grew from 76 to 99 MiB over its first 100 000 requests and stayed there. Kept at its first size, scavenges are more
 * frequent and each stays small; RSS levels off near 71 MiB (test/bench/README.md). Read at each scavenge, so
 * setting it when `serve` starts takes effect.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}
