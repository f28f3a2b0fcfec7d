// Preloaded with `node --import` by module-loading.test.ts: writes every module the process loaded (ES modules via
// a load hook, CommonJS ones from the require cache) to MODULE_PROBE_FILE, one file URL a line.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env.MODULE_PROBE_FILE ?? '';
register('./module-probe-hooks.mjs', import.meta.url, { data: { out } });
process.on('exit', () => {
  const cjs = Object.keys(Module._cache).map((f) => pathToFileURL(f).href);
  appendFileSync(out, `${cjs.join('\n')}\n`);
});
