// Where each node of a suite or profile document starts, without the YAML document: what a loaded Suite's locate()
// reads for file:line:col, so neither a run nor a compiled built-in keeps the parse tree alive. Kept for the whole
// run, so it is compact: a scalar is its offset alone, a collection one object and one array, and offsets become
// lines and columns only when asked (a 30 000-step suite's tree took 54 MB as objects with line and column each).
import type { SourceLocation } from '../errors.js';
import { parsePointer } from '../shared/json-pointer.js';

/** A mapping: its offset, and [key, offset of the key, value (null when empty)] for each first pair of a key. */
export interface MappingPositions {
  o: number;
  m: Array<string | number | PositionNode | null>;
}
/** A sequence: its offset and its items. */
export interface SequencePositions {
  o: number;
  s: Array<PositionNode | null>;
}
/** A node: the offset of a scalar (or of a collection whose items are not followed), or a collection. */
export type PositionNode = number | MappingPositions | SequencePositions;

/** A document's nodes and the offsets where its lines start. */
export interface PositionTree {
  root: PositionNode;
  lines: number[];
}

/** Offsets where the lines of `text` start. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
export function lineColumn(lines: readonly number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lines[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lines[lo] ?? 0) + 1 };
}

export const offsetOf = (node: PositionNode): number => (typeof node === 'number' ? node : node.o);

/** The node at `pointer`, with the key naming it; `complete` false when the walk stopped at an ancestor. */
export interface Found {
  node: PositionNode;
  /** Offset of the key of the pair holding `node`, when it was reached through a mapping. */
  key: number | undefined;
  complete: boolean;
}

/**
 * Walks `pointer` from `root`. A single mapping stands for a one-element list (expect, cleanup), so '/0' stays on
 * it; a key with an empty value ends the walk at the key, complete.
 */
export function findIn(root: PositionNode, pointer: string): Found {
  let node = root;
  let key: number | undefined;
  for (const segment of parsePointer(pointer) ?? []) {
    if (typeof node === 'object' && 'm' in node) {
      const m = node.m;
      let i = 0;
      while (i < m.length && m[i] !== segment) i += 3;
      if (i >= m.length) {
        if (segment === '0') continue;
        return { node, key, complete: false };
      }
      key = m[i + 1] as number;
      const value = m[i + 2] as PositionNode | null;
      if (value === null) return { node: key, key, complete: true };
      node = value;
    } else if (typeof node === 'object' && /^\d+$/.test(segment)) {
      const item = node.s[Number(segment)];
      if (item === undefined || item === null) return { node, key, complete: false };
      node = item;
      key = undefined;
    } else {
      return { node, key, complete: false };
    }
  }
  return { node, key, complete: true };
}

/** locate() over a position tree: the value at `pointer`, or the nearest existing ancestor. */
export function locateIn(tree: PositionTree, file: string, pointer: string): SourceLocation {
  return { file, ...lineColumn(tree.lines, offsetOf(findIn(tree.root, pointer).node)) };
}

/** A locate function for `file` over `tree`. */
export function locator(tree: PositionTree, file: string): (pointer: string) => SourceLocation {
  return (pointer) => locateIn(tree, file, pointer);
}
