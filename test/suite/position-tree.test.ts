// A loaded suite's locate() reads a position tree, not the YAML document; it must answer exactly as the source
// map's walk of the document does, for every pointer, including aliases, merges, empty values and missing keys.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { listBuiltinProfiles, listBuiltinSuiteFiles, builtinProfilePath } from '../../src/suite/index.js';
import { locator } from '../../src/suite/position-tree.js';
import { parseYaml } from '../../src/suite/source-map.js';

function pointers(value: unknown, at = '', out: string[] = []): string[] {
  out.push(at, `${at}/0`, `${at}/1`, `${at}/x`, `${at}/0/x`, `${at}/-`);
  if (Array.isArray(value)) value.forEach((v, i) => pointers(v, `${at}/${i}`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pointers(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, out);
  }
  return out;
}

function same(text: string): void {
  const { map } = parseYaml(text, 'f.yaml');
  const locate = locator(map.positions(), 'f.yaml');
  const all = [...new Set([...pointers(parse(text, { merge: true, maxAliasCount: 1000 })), '/nothing/here', 'not-a-pointer'])];
  expect(all.map((p) => [p, locate(p)])).toEqual(all.map((p) => [p, map.locate(p)]));
}

const files = [...(await listBuiltinSuiteFiles()), ...(await listBuiltinProfiles()).map(builtinProfilePath)];

describe('position tree', () => {
  it('answers as the source map does for aliases, merges, empty values, flow collections and odd keys', () => {
    same(`
id: x
empty:
nulls: ~
base: &b { a: 1, b: [1, 2, { c: 3 }] }
merged:
  <<: *b
  d: 4
alias: *b
list:
  - one
  -
  - { k: v, "a/b": 1, "t~n": 2 }
  - [x, [y, z]]
200: numeric key
dup: 1
expect: { status: 200 }
`);
  });

  it('finds the built-in files', () => expect(files.length).toBeGreaterThan(5));
  it.each(files)('answers as the source map does for %s', (file) => same(readFileSync(file, 'utf8')), 60_000);
});
