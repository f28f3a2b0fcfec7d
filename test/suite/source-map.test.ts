import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/suite/source-map.js';

const text = `id: s
steps:
  - id: a
    expect:
      status: 200
    cleanup: { method: DELETE, path: /x }
  - id: b
    expect:
      - status: 201
      - body: { "a/b": 1, "t~": 2 }
    capture:
`;

describe('source map', () => {
  const { map, errors, value } = parseYaml(text, 'f.yaml');

  it('parses without errors', () => {
    expect(errors).toEqual([]);
    expect(value).toMatchObject({ id: 's' });
  });

  it('maps pointers to 1-based line and column of the value', () => {
    expect(map.locate('/id')).toEqual({ file: 'f.yaml', line: 1, column: 5 });
    expect(map.locate('/steps/0/expect/status')).toEqual({ file: 'f.yaml', line: 5, column: 15 });
    expect(map.locate('/steps/1/expect/1/body/a~1b')).toMatchObject({ line: 10, column: 24 });
    expect(map.locate('/steps/1/expect/1/body/t~0')).toMatchObject({ line: 10, column: 33 });
  });

  it('treats a single mapping as a one-element list (expect, cleanup)', () => {
    expect(map.locate('/steps/0/expect/0/status')).toEqual(map.locate('/steps/0/expect/status'));
    expect(map.locate('/steps/0/cleanup/0/path')).toMatchObject({ line: 6, column: 38 });
  });

  it('falls back to the parent mapping for a missing key', () => {
    expect(map.locate('/steps/1/title')).toMatchObject({ line: 7, column: 5 });
    expect(map.locate('/steps/9')).toMatchObject({ line: 3, column: 3 });
  });

  it('points at the key for locateKey and at a key with no value', () => {
    expect(map.locateKey('/steps/0/expect')).toMatchObject({ line: 4, column: 5 });
    expect(map.locate('/steps/1/capture')).toMatchObject({ line: 11, column: 5 });
  });

  it('finds text inside a scalar', () => {
    const { map: m } = parseYaml("path: '/Users/{{ userId }}'\n", 'g.yaml');
    expect(m.locateText('/path', '{{ userId }}')).toMatchObject({ line: 1, column: 15 });
    expect(m.locateText('/path', 'absent')).toMatchObject({ line: 1, column: 7 });
  });

  it('lists mapping keys in document order', () => {
    const { map: m } = parseYaml('q: { b: 1, "2": x, a: 2 }\n', 'q.yaml');
    expect(m.keysAt('/q')).toEqual(['b', '2', 'a']);
    expect(m.keysAt('/nope')).toBeUndefined();
  });

  it('turns YAML syntax errors into suite.yaml errors at their place', () => {
    const parsed = parseYaml('a: 1\nb: [1,\n', 'bad.yaml');
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors[0]).toMatchObject({ code: 'suite.yaml', location: { file: 'bad.yaml', line: 3 } });
    expect(parsed.errors[0]?.detail).not.toContain('\n');
  });
});
