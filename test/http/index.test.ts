import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as http from '../../src/http/index.js';

const httpDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/http');

/** Every module the given one imports at load time (static imports only), followed transitively within src/. */
function staticImports(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/^import\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)) {
    const spec = match[1] ?? '';
    if (spec.startsWith('.')) staticImports(join(dirname(file), spec.replace(/\.js$/, '.ts')), seen);
    else seen.add(spec);
  }
  return seen;
}

describe('src/http/index.ts', () => {
  it('never loads undici, so commands that send nothing stay fast', () => {
    const loaded = [...staticImports(join(httpDir, 'index.ts'))];
    expect(loaded.some((spec) => spec === 'undici' || spec.startsWith('undici/') || spec.endsWith('undici-transport.ts'))).toBe(false);
    // The check itself can see undici where it is imported.
    expect([...staticImports(join(httpDir, 'undici-transport.ts'))].some((spec) => spec === 'undici' || spec.includes('undici-parts'))).toBe(true);
  });

  it('exposes errors, auth, redaction and HAR', () => {
    expect(Object.keys(http).sort()).toEqual(
      [
        'HttpError',
        'REDACTED',
        'authHeaders',
        'describeTlsError',
        'formatBytes',
        'redactExchange',
        'redactHeaders',
        'redactJsonBody',
        'redactJsonValue',
        'redactRequest',
        'redactResponse',
        'redactText',
        'redactUrl',
        'secretsOf',
        'toHar',
        'toHttpError',
      ].sort(),
    );
  });
});
