import { describe, expect, it } from 'vitest';
import { joinPointer, parsePointer, resolvePointer } from '../../src/shared/json-pointer.js';

describe('JSON pointers (RFC 6901)', () => {
  it('escapes and unescapes ~ and /, decoding ~1 before ~0', () => {
    expect(joinPointer('/a', 'b/c~d')).toBe('/a/b~1c~0d');
    expect(parsePointer('/b~1c~0d')).toEqual(['b/c~d']);
    expect(parsePointer('/~01')).toEqual(['~1']);
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('a')).toBeUndefined();
  });

  it('resolves objects and arrays, telling absent from null', () => {
    const doc = { Resources: [{ id: 'a', manager: null }], '': 1 };
    expect(resolvePointer(doc, '/Resources/0/id')).toEqual({ present: true, value: 'a' });
    expect(resolvePointer(doc, '/Resources/0/manager')).toEqual({ present: true, value: null });
    expect(resolvePointer(doc, '/Resources/1/id').present).toBe(false);
    expect(resolvePointer(doc, '/Resources/01').present).toBe(false);
    expect(resolvePointer(doc, '/Resources/-').present).toBe(false);
    expect(resolvePointer(doc, '/Resources/0/id/x').present).toBe(false);
    expect(resolvePointer(doc, '/')).toEqual({ present: true, value: 1 });
    expect(resolvePointer(doc, '/toString').present).toBe(false);
  });
});
