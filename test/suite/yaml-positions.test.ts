// Positions and values of YAML documents as the parser reads them. fixtures/yaml-positions.json pins, for documents
// full of YAML's corners (empty items, explicit keys, anchors and merges, block scalars, comments, a byte-order mark,
// CRLF, flow collections over several lines), every pointer's locate and locateKey as the `yaml` library placed them
// before the parser changed to js-yaml: users' file:line:col must not move with the parser.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/suite/source-map.js';

interface Case {
  name: string;
  text: string;
  positions: string[];
}
const cases = JSON.parse(readFileSync(new URL('./fixtures/yaml-positions.json', import.meta.url), 'utf8')) as Case[];

describe('YAML positions', () => {
  it('has the pinned cases', () => expect(cases.length).toBeGreaterThanOrEqual(12));

  it.each(cases.map((c) => [c.name, c] as const))('places every node of case %s as pinned', (_name, c) => {
    const { map, errors } = parseYaml(c.text, 'f.yaml');
    expect(errors).toEqual([]);
    const got = c.positions.map((line) => {
      const pointer = line.slice(0, line.lastIndexOf(' ', line.lastIndexOf(' ') - 1));
      const l = map.locate(pointer);
      const k = map.locateKey(pointer);
      return `${pointer} ${l.line}:${l.column} ${k.line}:${k.column}`;
    });
    expect(got).toEqual(c.positions);
  });

  it('resolves plain scalars by the YAML 1.2 core schema', () => {
    const { value } = parseYaml('n: [1, -2, +3, 007, 0o17, 0x1F, 1_000, 0b11, 1e3, .5, 2., -.inf, .NaN]\nb: [true, False, yes, on, null, Null, ~, ""]\nd: 2024-01-01\n', 'f.yaml');
    expect(value).toEqual({
      n: [1, -2, 3, 7, 15, 31, '1_000', '0b11', 1000, 0.5, 2, Number.NEGATIVE_INFINITY, Number.NaN],
      b: [true, false, 'yes', 'on', null, null, null, ''],
      d: '2024-01-01',
    });
  });

  it('gives every alias its own copy, so a change to one step never reaches another', () => {
    const { value } = parseYaml('a: &h { x: 1 }\nb: *h\nc: { <<: *h, y: 2 }\n', 'f.yaml');
    const v = value as Record<string, Record<string, number>>;
    expect(v).toEqual({ a: { x: 1 }, b: { x: 1 }, c: { x: 1, y: 2 } });
    expect(v['a']).not.toBe(v['b']);
  });

  it('refuses a document whose aliases multiply it, before anything walks it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) levels.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const { errors } = parseYaml(`${levels.join('\n')}\n`, 'bomb.yaml');
    expect(errors.map((e) => e.detail)).toEqual(['aliases (*name) expand to too many nodes; an alias may repeat a block, not multiply it']);
  });

  it('keeps a key named __proto__ as data', () => {
    const { value } = parseYaml('__proto__: { polluted: 1 }\n', 'f.yaml');
    expect(Object.keys(value as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('says where the second document starts and where a text range inside a scalar is', () => {
    expect(parseYaml('a: 1\n---\nb: 2\n', 'f.yaml').errors.map((e) => `${e.location?.line}:${e.location?.column}`)).toEqual(['2:1']);
    const { map } = parseYaml('\ufeffpath: "/Users/{{ id }}"\nlist:\n  - |\n    text {{ x }}\n', 'f.yaml');
    expect(map.locateText('/path', '{{ id }}')).toMatchObject({ line: 1, column: 16 });
    expect(map.locateText('/list/0', '{{ x }}')).toMatchObject({ line: 4, column: 10 });
  });
});

describe('YAML errors never repeat a value', () => {
  const SECRET = 'Zq7-yaml-SECRET-41c9';
  it.each([
    ['an unterminated quote', `id: s\ntoken: "${SECRET}\n`],
    ['a value read as an alias', `id: s\ntoken: *${SECRET}\n`],
    ['a value read as a tag', `id: s\ntoken: !${SECRET} x\n`],
    ["a mapping under a plain value", `id: s\ntoken: ${SECRET}\n  nested: x\n`],
    ['an unclosed flow mapping', `id: s\nheaders: { Authorization: ${SECRET}\n`],
  ])('%s', (_name, text) => {
    const { errors } = parseYaml(text, 'config.yaml', 'config');
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) expect(`${e.title} ${e.detail} ${e.hint ?? ''}`).not.toContain(SECRET);
  });
});
