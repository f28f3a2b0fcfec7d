// Parses suite/profile YAML keeping node positions, and maps JSON pointers back to file:line:col.
// YAML syntax errors come out as SuiteErrors with their own line and column.
import { createRequire } from 'node:module';
import type { Document, Node } from 'yaml';
import type * as YamlModule from 'yaml';
import type { SourceLocation } from '../errors.js';
import { parsePointer } from '../shared/json-pointer.js';
import type { PositionTree } from './position-tree.js';
import { SuiteError } from './suite-error.js';

/** Positions of a parsed document, by JSON pointer ('/steps/2/expect/0/status'). */
export interface SourceMap {
  /** The value at `pointer`; for a missing key, the nearest existing ancestor (the parent mapping). */
  locate(pointer: string): SourceLocation;
  /** The key naming the value at `pointer` (for "unknown key" errors); falls back to locate. */
  locateKey(pointer: string): SourceLocation;
  /** Like locate, but at `needle` inside the scalar when it appears there verbatim (a template in a string). */
  locateText(pointer: string, needle: string): SourceLocation;
  /** The keys of the mapping at `pointer` in document order (JS objects reorder integer-like keys). */
  keysAt(pointer: string): string[] | undefined;
  /** Node positions alone, for a locate() that outlives the parse without keeping the YAML document alive. */
  positions(): PositionTree;
}

export interface ParsedYaml {
  value: unknown;
  map: SourceMap;
  /** YAML syntax errors; when not empty, `value` is not to be trusted. */
  errors: SuiteError[];
}

let yamlModule: typeof YamlModule | undefined;

/** yaml costs tens of ms to import; required on first parse so modules that only expand templates stay light. */
function yaml(): typeof YamlModule {
  yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule;
  return yamlModule;
}

/** Parses YAML text; never throws for bad content. */
export function parseYaml(text: string, file: string, codePrefix = 'suite'): ParsedYaml {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  // merge: `<<: *anchor` lets a suite share a block of expectations or headers between steps.
  const tooDeep = flowDepthOver(text, MAX_FLOW_DEPTH);
  // The parser recurses per level: refuse a document nested past any sane suite before it can overflow the stack.
  const doc = parseDocument(tooDeep === undefined ? text : '', { lineCounter, prettyErrors: false, merge: true });
  const at = (offset: number): SourceLocation => {
    if (tooDeep !== undefined) {
      const before = text.slice(0, offset);
      const line = before.split('\n').length;
      return { file, line, column: offset - before.lastIndexOf('\n') };
    }
    const pos = lineCounter.linePos(offset);
    return { file, line: pos.line, column: pos.col };
  };
  if (tooDeep !== undefined) {
    const error = new SuiteError(`${codePrefix}.yaml`, `brackets nest deeper than ${MAX_FLOW_DEPTH} levels; no suite needs that many`, at(tooDeep));
    return { value: undefined, map: createSourceMap(doc, '', at), errors: [error] };
  }
  const seen = new Set<string>();
  const errors = doc.errors.flatMap((e) => {
    const key = e.code === 'DUPLICATE_KEY' ? /^\s*(?:"([^"]*)"|'([^']*)'|([^:\n]*?))\s*:/.exec(text.slice(e.pos[0])) : null;
    const detail = key === null ? yamlSentence(e.message, e.code) : `key "${key[1] ?? key[2] ?? key[3] ?? ''}" appears twice in this mapping; keep one`;
    // One parser failure can repeat at every following character (a stack overflow on deep nesting): say it once.
    if (seen.has(detail)) return [];
    seen.add(detail);
    return [new SuiteError(`${codePrefix}.yaml`, detail, at(e.pos[0]))];
  });
  // YAML allows no control characters but tab and line breaks; the parser lets some through into strings.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control !== null) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    errors.push(new SuiteError(`${codePrefix}.yaml`, `the file contains the control character ${code}, which YAML does not allow; write it as an escape (such as "\\u0000") in a double-quoted string`, at(control.index)));
  }
  let value: unknown;
  if (errors.length === 0) {
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (error) {
      errors.push(new SuiteError(`${codePrefix}.yaml`, yamlSentence(error instanceof Error ? error.message : String(error)), at(0)));
    }
  }
  return { value, map: createSourceMap(doc, text, at), errors };
}

const MAX_FLOW_DEPTH = 100;

/** Offset of the first `[` or `{` (outside quotes and comments) that opens level `max + 1`; undefined if none. */
function flowDepthOver(text: string, max: number): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== undefined) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote starts a quoted scalar only where a value can begin, not inside a plain word such as don't.
      const prev = text[i - 1];
      if (prev === undefined || /[\s,[{:]/.test(prev)) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      depth += 1;
      if (depth > max) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth -= 1;
  }
  return undefined;
}

function yamlSentence(message: string, code?: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a file holds one YAML document; remove the second "---" and what follows, or move it to its own file';
  if (/call stack/i.test(message)) return 'the document nests too deeply to be read';
  if (/excessive alias count/i.test(message)) return 'aliases (*name) expand to too many nodes; a file may expand at most 1000 aliases';
  const first = (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '').trim();
  return first.length > 0 ? first[0]?.toLowerCase() + first.slice(1) : 'unreadable YAML';
}

interface Found {
  node: Node | undefined;
  /** The key node of the pair holding `node`, when it was reached through a mapping. */
  key: Node | undefined;
  /** True when the whole pointer resolved. */
  complete: boolean;
}

function createSourceMap(doc: Document, text: string, at: (offset: number) => SourceLocation): SourceMap {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yaml();
  const start = (node: Node | undefined): number | undefined => node?.range?.[0];
  const resolve = (node: unknown): Node | undefined => {
    if (isAlias(node)) return resolve(node.resolve(doc));
    return isMap(node) || isSeq(node) || isScalar(node) ? node : undefined;
  };

  const find = (pointer: string): Found => {
    let node = resolve(doc.contents);
    let key: Node | undefined;
    const segments = parsePointer(pointer) ?? [];
    for (const segment of segments) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === segment);
        if (pair === undefined) {
          // A single mapping stands for a one-element list (expect, cleanup), so '/0' stays on it.
          if (segment === '0') continue;
          return { node, key, complete: false };
        }
        key = resolve(pair.key);
        const value = resolve(pair.value);
        if (value === undefined || (isScalar(value) && value.value === null && value.source === '')) return { node: key, key, complete: true };
        node = value;
      } else if (isSeq(node) && /^\d+$/.test(segment)) {
        const item = resolve(node.items[Number(segment)]);
        if (item === undefined) return { node, key, complete: false };
        node = item;
        key = undefined;
      } else {
        return { node, key, complete: false };
      }
    }
    return { node, key, complete: true };
  };

  const locate = (pointer: string): SourceLocation => at(start(find(pointer).node) ?? 0);
  return {
    locate,
    locateKey(pointer) {
      const found = find(pointer);
      return at(start(found.complete ? (found.key ?? found.node) : found.node) ?? 0);
    },
    locateText(pointer, needle) {
      const found = find(pointer);
      const range = found.node?.range;
      if (found.complete && isScalar(found.node) && range !== undefined && range !== null) {
        const index = text.slice(range[0], range[1]).indexOf(needle);
        if (index >= 0) return at(range[0] + index);
      }
      return locate(pointer);
    },
    keysAt(pointer) {
      const found = find(pointer);
      if (!found.complete || !isMap(found.node)) return undefined;
      return found.node.items.flatMap((p) => (isScalar(p.key) ? [String(p.key.value)] : []));
    },
    positions() {
      // The same walk as find(), recorded for every node: first pair per key, an empty value stands at its key.
      const tree = (node: Node | undefined, depth: number): PositionTree => {
        const where = at(start(node) ?? 0);
        const here: PositionTree = { l: where.line, c: where.column };
        if (depth > 500) return here;
        if (isMap(node)) {
          here.m = [];
          const seen = new Set<string>();
          for (const pair of node.items) {
            if (!isPair(pair) || !isScalar(pair.key)) continue;
            const name = String(pair.key.value);
            if (seen.has(name)) continue;
            seen.add(name);
            const keyAt = at(start(resolve(pair.key)) ?? 0);
            const value = resolve(pair.value);
            const empty = value === undefined || (isScalar(value) && value.value === null && value.source === '');
            here.m.push([name, keyAt.line, keyAt.column, empty ? null : tree(value, depth + 1)]);
          }
        } else if (isSeq(node)) {
          here.s = node.items.map((item) => {
            const value = resolve(item);
            return value === undefined ? null : tree(value, depth + 1);
          });
        }
        return here;
      };
      return tree(resolve(doc.contents), 0);
    },
  };
}
