// Parses suite/profile YAML keeping node positions, and maps JSON pointers back to file:line:col.
// YAML syntax errors come out as SuiteErrors with their own line and column.
import { createRequire } from 'node:module';
import type * as JsYaml from 'js-yaml';
import type { SourceLocation } from '../errors.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { parsePointer } from '../shared/json-pointer.js';
import type { PositionNode, PositionTree } from './position-tree.js';
import { findIn, lineColumn, lineStarts, locateIn, offsetOf } from './position-tree.js';
import { SuiteError } from './suite-error.js';
import { PositionBuilder } from './yaml-positions.js';
import type { ParserState } from './yaml-positions.js';
import { coreSchema } from './yaml-schema.js';

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

interface Yaml {
  module: typeof JsYaml;
  schema: JsYaml.Schema;
}
let yamlModule: Yaml | undefined;

/**
 * Loads js-yaml's single-file ES module build, which loads in about half the time of its CommonJS files; the async
 * loaders call it first. parseYaml works without it (requiring the CommonJS build of the same version).
 */
export async function preloadYaml(): Promise<void> {
  if (yamlModule !== undefined) return;
  const module = (await import('js-yaml')) as typeof JsYaml;
  yamlModule ??= { module, schema: coreSchema(module) };
}

/** js-yaml is loaded on first parse, so modules that only expand templates stay light. */
function yaml(): Yaml {
  if (yamlModule === undefined) {
    const module = createRequire(import.meta.url)('js-yaml') as typeof JsYaml;
    yamlModule = { module, schema: coreSchema(module) };
  }
  return yamlModule;
}

/** One parse: the documents, and the position builder that watched it. */
function load(body: string, shift: number, recordEnds: boolean): { documents: unknown[]; builder: PositionBuilder } {
  const { module, schema } = yaml();
  const builder = new PositionBuilder(body, shift, recordEnds);
  const listener = function (this: unknown, event: 'open' | 'close', state: unknown): void {
    builder.listener(event, state as ParserState);
  };
  // maxDepth: the parser recurses per level; a document nested past any sane suite is refused before the stack is.
  const options = { schema, listener, maxDepth: MAX_FLOW_DEPTH } as JsYaml.LoadOptions;
  return { documents: module.loadAll(body, null, options), builder };
}

/** Parses YAML text (YAML 1.2, core schema, merge keys); never throws for bad content. */
export function parseYaml(text: string, file: string, codePrefix = 'suite'): ParsedYaml {
  const lines = lineStarts(text);
  const at = (offset: number): SourceLocation => ({ file, ...lineColumn(lines, offset) });
  const error = (detail: string, offset: number): SuiteError => new SuiteError(`${codePrefix}.yaml`, detail, at(offset));
  const failed = (e: SuiteError): ParsedYaml => ({ value: undefined, map: treeMap(text, file, { root: 0, lines }, () => undefined), errors: [e] });
  const tooDeep = flowDepthOver(text, MAX_FLOW_DEPTH);
  if (tooDeep !== undefined) return failed(error(`brackets nest deeper than ${MAX_FLOW_DEPTH} levels; no suite needs that many`, tooDeep));
  // YAML allows no control characters but tab and line breaks.
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control !== null) {
    const code = `U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return failed(error(`the file contains the control character ${code}, which YAML does not allow; write it as an escape (such as "\\u0000") in a double-quoted string`, control.index));
  }
  // The parser drops a byte-order mark; its offsets then start one later in the file.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = shift === 0 ? text : text.slice(1);
  let parsed: ReturnType<typeof load>;
  try {
    parsed = load(body, shift, false);
  } catch (e) {
    const { reason, mark } = e as { reason?: unknown; mark?: { position?: unknown } };
    const offset = typeof mark?.position === 'number' ? mark.position + shift : 0;
    const message = typeof reason === 'string' ? reason : e instanceof Error ? e.message : String(e);
    return failed(error(yamlSentence(message, text, offset), offset));
  }
  const { documents, builder } = parsed;
  if (documents.length > 1) return failed(error(yamlSentence('', text, 0, 'MULTIPLE_DOCS'), secondDocument(body, builder.roots[1] ?? 0) + shift));
  let value: unknown = documents.length === 0 || documents[0] === undefined ? null : documents[0];
  if (builder.aliases > 0) {
    // An alias is one shared object here; a billion-laughs file must fail before anything walks it expanded.
    const limit = ALIAS_EXPANSION_MIN + ALIAS_EXPANSION_FACTOR * body.length;
    if (expandedSize(value, new Map(), limit) > limit) return failed(error('aliases (*name) expand to too many nodes; an alias may repeat a block, not multiply it', 0));
    value = unshare(value);
  }
  // The positions of a text range inside a scalar are only needed for an error: found by parsing again then.
  let withEnds: PositionBuilder | undefined;
  const ends = (): PositionBuilder => (withEnds ??= load(body, shift, true).builder);
  return { value, map: treeMap(text, file, { root: builder.root(), lines }, () => ends()), errors: [] };
}

const ALIAS_EXPANSION_MIN = 10_000;
const ALIAS_EXPANSION_FACTOR = 10;

/** Nodes in `value` with every alias expanded, counting no further than `limit`; linear in the shared graph. */
function expandedSize(value: unknown, memo: Map<object, number>, limit: number): number {
  if (typeof value !== 'object' || value === null) return 1;
  const known = memo.get(value);
  if (known !== undefined) return known;
  let size = 1;
  for (const child of Array.isArray(value) ? value : Object.values(value)) {
    size += expandedSize(child, memo, limit);
    if (size > limit) break;
  }
  memo.set(value, size);
  return size;
}

/** A copy in which no two places share an object, as every alias is its own value in a suite. */
function unshare(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unshare);
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) Object.defineProperty(out, key, { value: unshare(child), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Where the second document of a stream begins: its `---` line when it has one. */
function secondDocument(body: string, rootOpen: number): number {
  const before = body.slice(0, rootOpen);
  const marker = /^(?:---|\.\.\.)(?=\s|$)/gm;
  let found = -1;
  for (let m = marker.exec(before); m !== null; m = marker.exec(before)) if (/\S/.test(body.slice(0, m.index).replace(/^#.*$/gm, ''))) found = m.index;
  return found >= 0 ? found : rootOpen;
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

function yamlSentence(message: string, text: string, offset: number, code?: string): string {
  if (code === 'MULTIPLE_DOCS') return 'a file holds one YAML document; remove the second "---" and what follows, or move it to its own file';
  if (/^duplicated mapping key/.test(message)) {
    const key = /^\s*(?:"([^"]*)"|'([^']*)'|([^:\n]*?))\s*:/.exec(text.slice(offset));
    return `key "${key?.[1] ?? key?.[2] ?? key?.[3] ?? ''}" appears twice in this mapping; keep one`;
  }
  if (/call stack|maxDepth/i.test(message)) return `the document nests deeper than ${MAX_FLOW_DEPTH} levels; no suite needs that many`;
  // The parser quotes the alias or tag it could not resolve: a value that only looks like one (a token starting with
  // * or !) must not be printed, so these say what is wrong without repeating it; the location points at it.
  if (/^unidentified alias/.test(message)) return 'this alias (*name) names no anchor (&name) set above it; quote the value if it is not meant as an alias';
  if (/^unknown tag/.test(message)) return 'unknown tag; YAML\'s core tags (!!str, !!int, !!float, !!bool, !!null, !!seq, !!map) are the only ones read, so quote a value that starts with !';
  const first = (message.split('\n')[0] ?? message).replace(/ \(\d+:\d+\)$/, '').trim();
  return first.length > 0 ? first[0]?.toLowerCase() + first.slice(1) : 'unreadable YAML';
}

/** A SourceMap over a position tree; `ends` parses again to find scalars' text ranges. */
function treeMap(text: string, file: string, tree: PositionTree, ends: () => PositionBuilder | undefined): SourceMap {
  const at = (offset: number): SourceLocation => ({ file, ...lineColumn(tree.lines, offset) });
  const locate = (pointer: string): SourceLocation => locateIn(tree, file, pointer);
  return {
    locate,
    locateKey(pointer) {
      const found = findIn(tree.root, pointer);
      return at(found.complete && found.key !== undefined ? found.key : offsetOf(found.node));
    },
    locateText(pointer, needle) {
      const builder = ends();
      const found = builder === undefined ? undefined : findIn(builder.root(), pointer);
      const start = found?.complete === true && typeof found.node === 'number' ? found.node : undefined;
      const end = start === undefined ? undefined : builder?.ends?.get(start);
      if (start !== undefined && end !== undefined) {
        const index = text.slice(start, end).indexOf(needle);
        if (index >= 0) return at(start + index);
      }
      return locate(pointer);
    },
    keysAt(pointer) {
      const found = findIn(tree.root, pointer);
      const node: PositionNode = found.node;
      if (!found.complete || typeof node !== 'object' || !('m' in node)) return undefined;
      return node.m.filter((_, i) => i % 3 === 0) as string[];
    },
    positions: () => tree,
  };
}
