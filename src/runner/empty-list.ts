// An empty list fails every check of its first resource at once. Reporters show that as one finding, and a
// --read-only run, which creates nothing, skips such a step instead of failing it: the server may simply be empty.
import type { Exchange } from '../http/types.js';
import type { StepResult } from './types.js';

/** Pointers that describe a list's counts or its resources. */
export const LIST_POINTERS = /^\/(totalResults|itemsPerPage|startIndex|Resources)(\/|$)/;

/** True when the answer is a list with nothing in it: totalResults 0, or no Resources. */
export function isEmptyList(exchange: Exchange | undefined): boolean {
  const json = exchange?.response.json;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const object = json as Record<string, unknown>;
  const resources = object['Resources'];
  const total = object['totalResults'];
  if (total === undefined && resources === undefined) return false;
  return total === 0 || resources === undefined || (Array.isArray(resources) && resources.length === 0);
}

/**
 * A step whose every failed check, failing or only warning below the gate, is about the list being empty (a 200 list
 * with nothing in it).
 */
export function failsOnlyForEmptyList(result: StepResult): boolean {
  if (result.status !== 'failed' && !(result.status === 'passed' && result.warnings.length > 0)) return false;
  const first = result.exchanges[0];
  if (first?.response.status !== 200 || !isEmptyList(first)) return false;
  const failed = result.checks.filter((c) => !c.passed);
  return failed.length > 0 && failed.every((c) => (c.kind === 'body' || c.kind === 'schema') && LIST_POINTERS.test(c.pointer));
}
