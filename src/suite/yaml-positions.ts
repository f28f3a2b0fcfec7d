// Builds a document's position tree while js-yaml parses it, from the parser's open/close events (one pair per node
// it composes). js-yaml has no node tree of its own, which is what makes it fast and small on long suites; the
// events give where each node opened, what it became and where it ended, and the source text gives the rest.
import type { MappingPositions, PositionNode, SequencePositions } from './position-tree.js';

/** What the listener reads of js-yaml's parser state (its typings list fewer fields than the parser sets). */
export interface ParserState {
  position: number;
  kind: string | null;
  result: unknown;
  anchor: string | null;
}

/** A composed node as its parent sees it. `tree` is null for a node with no content (an empty value). */
interface Kid {
  tree: PositionNode | null;
  open: number;
  start: number;
  end: number;
  kind: string | null;
  result: unknown;
  alias: boolean;
}

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

export class PositionBuilder {
  readonly #text: string;
  readonly #shift: number;
  readonly #stack: Kid[][] = [[]];
  readonly #opens: number[] = [];
  readonly #anchors = new Map<string, PositionNode>();
  /** Scalars' end offsets by their start offsets (in the file), when asked for (locateText). */
  readonly ends: Map<number, number> | undefined;
  /** Alias nodes met, and the offset where each document's root opened. */
  aliases = 0;
  readonly roots: number[] = [];

  /** `shift` is added to every offset the tree records (a byte-order mark the parser never saw). */
  constructor(text: string, shift: number, recordEnds = false) {
    this.#text = text;
    this.#shift = shift;
    this.ends = recordEnds ? new Map() : undefined;
  }

  /** The listener to hand to js-yaml's load. */
  readonly listener = (event: 'open' | 'close', state: ParserState): void => {
    if (event === 'open') {
      if (this.#opens.length === 0) this.roots.push(state.position);
      this.#opens.push(state.position);
      this.#stack.push([]);
      return;
    }
    const kids = this.#stack.pop() ?? [];
    const open = this.#opens.pop() ?? 0;
    const start = this.#contentStart(open);
    const alias = this.#text.charCodeAt(start) === 42; /* * */
    const kind = state.kind;
    let tree: PositionNode | null;
    if (alias) {
      this.aliases += 1;
      tree = this.#anchors.get(this.#aliasName(start)) ?? this.#leaf(start);
    } else if (kind === 'mapping' || kind === 'sequence') {
      const only = kids.length === 1 ? kids[0] : undefined;
      // A collection read through a probe for a mapping key arrives as its own child; the child holds the items.
      if (only !== undefined && only.kind === kind && only.result === state.result && only.tree !== null) tree = only.tree;
      else tree = kind === 'mapping' ? this.#mapping(start, kids, state.result) : this.#sequence(start, kids, state.result);
    } else if (kind === null) {
      tree = null;
    } else {
      tree = this.#leaf(start);
      this.ends?.set(tree, state.position + this.#shift);
    }
    if (tree !== null && state.anchor !== null && !alias) this.#anchors.set(state.anchor, tree);
    this.#stack[this.#stack.length - 1]?.push({ tree, open, start, end: state.position, kind, result: state.result, alias });
  };

  /** The root node of the (first) document, or the file's first offset when it is empty. */
  root(): PositionNode {
    return this.#stack[0]?.[0]?.tree ?? 0;
  }

  #leaf(offset: number): number {
    return offset + this.#shift;
  }

  /**
   * Where a node's content starts: past separating white space, comments and its anchor or tag, which the parser
   * reads inside the node (a node's place is its content, as the YAML library used before placed it).
   */
  #contentStart(offset: number): number {
    const text = this.#text;
    let i = offset;
    for (;;) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) i += 1;
      else if (c === 35 /* # */ && (i === 0 || isBlank(text.charCodeAt(i - 1)))) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else if (c === 38 /* & */ || c === 33 /* ! */) {
        while (i < text.length && !isBlank(text.charCodeAt(i)) && !',[]{}'.includes(text[i] ?? '')) i += 1;
      } else return i;
    }
  }

  #aliasName(start: number): string {
    const match = /^\*([^\s,[\]{}]+)/.exec(this.#text.slice(start, start + 1024));
    return match?.[1] ?? '';
  }

  /**
   * True when `:` follows the key that ended at `offset`: on the same line, or for an explicit key (`? key`) after
   * line breaks and comments.
   */
  #colonAfter(key: Kid): boolean {
    const text = this.#text;
    let before = key.start - 1;
    while (before >= 0 && isBlank(text.charCodeAt(before))) before -= 1;
    const explicit = text.charCodeAt(before) === 63; /* ? */
    let i = key.end;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || (explicit && isBlank(c))) i += 1;
      else if (explicit && c === 35 /* # */) {
        const end = text.indexOf('\n', i);
        i = end < 0 ? text.length : end;
      } else return c === 58; /* : */
    }
  }

  #mapping(start: number, kids: Kid[], result: unknown): PositionNode {
    const m: MappingPositions['m'] = [];
    const seen = new Set<string>();
    let i = 0;
    while (i < kids.length) {
      const key = kids[i++];
      // A probe for one more key that found none: the mapping ended there.
      if (key === undefined || key.tree === null) continue;
      const value = this.#colonAfter(key) ? kids[i++] : undefined;
      if (key.kind !== 'scalar' && !key.alias) continue;
      const name = String(key.result);
      if (seen.has(name)) continue;
      seen.add(name);
      m.push(name, typeof key.tree === 'number' ? key.tree : key.tree.o, value?.tree ?? null);
    }
    // Explicit keys (`? key`) and other shapes this pairing does not follow: keep the mapping's own place only.
    const keys = typeof result === 'object' && result !== null ? Object.keys(result) : [];
    const names = m.filter((_, j) => j % 3 === 0) as string[];
    const named = names.filter((name) => name !== '<<');
    if (named.some((name) => !Object.hasOwn(result as object, name)) || (named.length === names.length && named.length !== keys.length)) return this.#leaf(start);
    // An array grown by push keeps room for 17 elements or more; the copy is exactly as long (half a 30 000-step
    // suite's tree was that room).
    return { o: this.#leaf(start), m: m.slice() };
  }

  #sequence(start: number, kids: Kid[], result: unknown): PositionNode {
    const length = Array.isArray(result) ? result.length : -1;
    if (kids.length === length) return { o: this.#leaf(start), s: kids.map((k) => k.tree ?? this.#leaf(k.start)) } satisfies SequencePositions;
    // A block sequence's empty items (`-` and nothing) are not composed: find every item's dash in the text.
    const items = this.#blockItems(start);
    if (items === undefined || items.length !== length) return this.#leaf(start);
    // An item's node opens past its dash and before the next dash; an empty item has none and stands after its dash.
    let k = 0;
    const s = items.map((dash, i) => {
      const next = items[i + 1] ?? Number.POSITIVE_INFINITY;
      const kid = kids[k];
      if (kid !== undefined && kid.open > dash && kid.open < next) {
        k += 1;
        return kid.tree ?? this.#leaf(dash + 1);
      }
      return this.#leaf(dash + 1);
    });
    return k === kids.length ? { o: this.#leaf(start), s } : this.#leaf(start);
  }

  /** Offsets of the `-` of each item of the block sequence whose first dash is at `start`. */
  #blockItems(start: number): number[] | undefined {
    const text = this.#text;
    if (text.charCodeAt(start) !== 45 /* - */) return undefined;
    let lineStart = text.lastIndexOf('\n', start - 1) + 1;
    const column = start - lineStart;
    const dashes: number[] = [];
    while (lineStart < text.length) {
      const lineEnd = text.indexOf('\n', lineStart) < 0 ? text.length : text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, lineEnd);
      const indent = line.length - line.trimStart().length;
      const content = line.trim();
      // Item content is indented past the dashes; a line back at their column that is no item ends the sequence.
      if (content !== '' && !content.startsWith('#') && indent <= column) {
        if (indent < column || !/^-(?:\s|$)/.test(content)) break;
        dashes.push(lineStart + indent);
      }
      lineStart = lineEnd + 1;
    }
    return dashes;
  }
}
