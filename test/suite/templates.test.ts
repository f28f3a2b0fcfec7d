import { describe, expect, it } from 'vitest';
import { TemplateError, createScope, expandTemplates, templateRefs, templateRoots } from '../../src/suite/index.js';

const scope = createScope({
  run: { id: 'abcd1234' },
  user: { userName: 'Alice Example', emails: [{ value: 'a@example.com' }] },
  userId: 42,
  active: true,
  meta: { a: 1 },
});

describe('expandTemplates', () => {
  it('keeps the type of a string that is exactly one template', () => {
    expect(expandTemplates('{{ userId }}', scope)).toBe(42);
    expect(expandTemplates('{{active}}', scope)).toBe(true);
    expect(expandTemplates('{{ meta }}', scope)).toEqual({ a: 1 });
  });

  it('writes values as text inside longer strings', () => {
    expect(expandTemplates('/Users/{{ userId }}', scope)).toBe('/Users/42');
    expect(expandTemplates('scim-check-{{ run.id }}-{{ user.emails.0.value }}', scope)).toBe('scim-check-abcd1234-a@example.com');
    expect(expandTemplates('m={{ meta }}', scope)).toBe('m={"a":1}');
  });

  it('applies filters left to right', () => {
    expect(expandTemplates('{{ user.userName | upper }}', scope)).toBe('ALICE EXAMPLE');
    expect(expandTemplates('{{ user.userName | lower | urlencode }}', scope)).toBe('alice%20example');
    expect(expandTemplates('{{ userId | json }}', scope)).toBe('42');
    expect(expandTemplates('x={{ user.userName | json }}', scope)).toBe('x="Alice Example"');
  });

  it('goes deep over arrays and object values but never keys', () => {
    const out = expandTemplates({ '{{ userId }}': ['{{ userId }}', { id: 'u{{ userId }}' }], n: 3, z: null }, scope);
    expect(out).toEqual({ '{{ userId }}': [42, { id: 'u42' }], n: 3, z: null });
  });

  it('throws template.unknown with the pointer of the failing string', () => {
    let caught: unknown;
    try {
      expandTemplates({ a: ['ok', 'x {{ nope.x }}'] }, scope);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TemplateError);
    expect((caught as TemplateError).code).toBe('template.unknown');
    expect((caught as TemplateError).pointer).toBe('/a/1');
    expect((caught as TemplateError).detail).toContain('nope.x');
  });

  it('throws template.syntax for an unclosed template or an unknown filter', () => {
    expect(() => expandTemplates('{{ userId', scope)).toThrow(expect.objectContaining({ code: 'template.syntax' }));
    expect(() => expandTemplates('{{ userId | shout }}', scope)).toThrow(expect.objectContaining({ code: 'template.syntax' }));
  });
});

describe('createScope', () => {
  it('serves fresh random values at each lookup', () => {
    const a = expandTemplates('{{ random.uuid }}', scope);
    const b = expandTemplates('{{ random.uuid }}', scope);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(expandTemplates('{{ random.hex }}', scope)).toMatch(/^[0-9a-f]{8}$/);
    expect(Number.isInteger(expandTemplates('{{ random.int }}', scope))).toBe(true);
  });

  it('does not find inherited or missing properties', () => {
    expect(scope.lookup(['user', 'toString'])).toEqual({ found: false });
    expect(scope.lookup(['user', 'emails', '5'])).toEqual({ found: false });
    expect(scope.lookup(['random', 'other'])).toEqual({ found: false });
  });
});

describe('templateRefs', () => {
  it('lists every template with its path, filters and pointer', () => {
    const refs = templateRefs({ path: '/Users/{{ userId }}', q: [{ f: '{{ user.userName | lower | urlencode }} {{ run.id }}' }] }, '/steps/0/request');
    expect(refs.map(({ path, filters, pointer }) => ({ path, filters, pointer }))).toEqual([
      { path: ['userId'], filters: [], pointer: '/steps/0/request/path' },
      { path: ['user', 'userName'], filters: ['lower', 'urlencode'], pointer: '/steps/0/request/q/0/f' },
      { path: ['run', 'id'], filters: [], pointer: '/steps/0/request/q/0/f' },
    ]);
  });

  it('marks malformed templates', () => {
    const [ref] = templateRefs('a {{ 1abc }}');
    expect(ref?.error).toMatch(/not a name/);
    expect(templateRefs('{{ }}')[0]?.error).toMatch(/empty template/);
    expect(templateRefs('{{ a | }}')[0]?.error).toMatch(/empty filter/);
    expect(templateRefs('plain { text }')).toEqual([]);
  });
});

describe('templateRoots', () => {
  it('gives the first name of each template in templateRefs order, malformed ones included', () => {
    const value = { path: '/Users/{{ userId }}', q: [{ f: '{{ user.userName | lower }} {{ run.id }}', n: 3, z: null }], bad: '{{ }} {{ 1x }} {{ a', body: { nested: ['{{ group.id }}'] } };
    expect(templateRoots(value)).toEqual(templateRefs(value).map((ref) => ref.path[0]));
    expect(templateRoots(value)).toEqual(['userId', 'user', 'run', undefined, '1x', undefined, 'group']);
    expect(templateRoots('no templates here')).toEqual([]);
  });
});
