// The load hook of module-probe.mjs (runs on the loader thread): appends each loaded URL to the probe file.
import { appendFileSync } from 'node:fs';

let out = '';
export function initialize(data) {
  out = data.out;
}
export async function load(url, context, next) {
  if (out !== '') appendFileSync(out, `${url}\n`);
  return next(url, context);
}
