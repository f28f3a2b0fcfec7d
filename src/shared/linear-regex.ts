// Suite patterns ($match) run in V8's linear-time regular expression engine, so no pattern and no server answer can
// make a run backtrack for minutes. The engine refuses what it cannot run in linear time (backreferences, lookarounds,
// large counted repeats); the suite loader reports that at validate time, at the pattern's place in the file.
import { setFlagsFromString } from 'node:v8';

let enabled = false;

/** Turns the engine on once per process; V8 reads the flag when a RegExp with the `l` flag is created. */
function enable(): void {
  if (enabled) return;
  setFlagsFromString('--enable-experimental-regexp-engine');
  enabled = true;
}

export type LinearRegexResult = { ok: true; regex: RegExp } | { ok: false; reason: string; syntax: boolean };

const cache = new Map<string, LinearRegexResult>();

/**
 * Compiles `source` for the linear engine. `syntax` is true when the pattern is not a regular expression at all,
 * false when it is one the linear engine cannot run (then `reason` names the construct).
 */
export function compileLinear(source: string): LinearRegexResult {
  const hit = cache.get(source);
  if (hit !== undefined) return hit;
  enable();
  let result: LinearRegexResult;
  try {
    new RegExp(source);
    try {
      result = { ok: true, regex: new RegExp(source, 'l') };
    } catch {
      result = { ok: false, syntax: false, reason: whyNotLinear(source) };
    }
  } catch (error) {
    result = { ok: false, syntax: true, reason: error instanceof Error ? error.message.replace(/^.*: /, '') : String(error) };
  }
  // Patterns come from suites (a few dozen) and templates expanded per run; bound the cache anyway.
  if (cache.size > 1000) cache.clear();
  cache.set(source, result);
  return result;
}

/** Names the construct the linear engine refused, with what to write instead. */
function whyNotLinear(source: string): string {
  const plain = source.replace(/\\\\/g, '').replace(/\[(?:\\.|[^\]\\])*\]/g, '[]');
  if (/\\[1-9]|\\k</.test(plain)) return 'it uses a backreference (\\1, \\k<name>), which cannot run in linear time';
  if (/\(\?<?[=!]/.test(plain)) return 'it uses a lookahead or lookbehind ((?=…), (?!…), (?<=…), (?<!…)), which cannot run in linear time';
  if (/\{\d+(,\d*)?\}/.test(plain)) {
    return 'a counted repeat is too large for the linear-time engine (at most {16}, nested repeats multiplied); use + or *, or split it as .{16}.{16}.{4}';
  }
  return 'it uses a construct the linear-time engine cannot run';
}
