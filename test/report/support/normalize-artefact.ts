// Stabilises reporter artefacts for golden files: test/support/stabilize.ts, plus what only artefacts carry
// (the run id inside names, server-made uuids, HTTP dates, JUnit second-valued times, the tool version).
import { readFileSync } from 'node:fs';
import { stabilize } from '../../support/stabilize.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

export function normalizeArtefact(text: string, runId: string): string {
  return stabilize(text)
    .split(runId)
    .join('<run>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
    .replace(/(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT/g, '<http-date>')
    .replace(/ time="\d+\.\d+"/g, ' time="<s>"')
    .replace(/"version": "(\d+\.\d+\.\d+[^"]*)"/g, (whole, v: string) => (v === VERSION ? '"version": "<version>"' : whole));
}

/** The run id a run printed ("run 0a1b2c3d" in the pretty summary line, or "runId" in a JSON report). */
export function runIdOf(...texts: string[]): string {
  for (const text of texts) {
    const match = /\brun ([0-9a-f]{8})\b/.exec(text) ?? /"runId": "([0-9a-f]{8})"/.exec(text);
    if (match?.[1] !== undefined) return match[1];
  }
  throw new Error('no run id in the output');
}
