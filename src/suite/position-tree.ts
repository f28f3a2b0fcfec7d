// Where each node of a suite or profile document starts, without the YAML document: what a loaded Suite's locate()
// reads for file:line:col, so neither a run nor a compiled built-in keeps the parse tree alive.
import type { SourceLocation } from '../errors.js';
import { parsePointer } from '../shared/json-pointer.js';

/**
 * Shaped like the document: a mapping lists [key, key line, key column, value] (value null when it is empty), a
 * sequence its items (null for none). Made by SourceMap.positions(), which walks as SourceMap.locate() does.
 */
export interface PositionTree {
  l: number;
  c: number;
  m?: Array<[string, number, number, PositionTree | null]>;
  s?: Array<PositionTree | null>;
}

/** locate() over a position tree: the same answers as the YAML source map's locate for every pointer. */
export function locateIn(tree: PositionTree, file: string, pointer: string): SourceLocation {
  let node = tree;
  const at = (line: number, column: number): SourceLocation => ({ file, line, column });
  for (const segment of parsePointer(pointer) ?? []) {
    if (node.m !== undefined) {
      const pair = node.m.find((p) => p[0] === segment);
      if (pair === undefined) {
        // A single mapping stands for a one-element list (expect, cleanup), so '/0' stays on it.
        if (segment === '0') continue;
        return at(node.l, node.c);
      }
      if (pair[3] === null) return at(pair[1], pair[2]);
      node = pair[3];
    } else if (node.s !== undefined && /^\d+$/.test(segment)) {
      const item = node.s[Number(segment)];
      if (item === undefined || item === null) return at(node.l, node.c);
      node = item;
    } else {
      return at(node.l, node.c);
    }
  }
  return at(node.l, node.c);
}

/** A locate function for `file` over `tree`. */
export function locator(tree: PositionTree, file: string): (pointer: string) => SourceLocation {
  return (pointer) => locateIn(tree, file, pointer);
}
