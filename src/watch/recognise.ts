// Which of Okta's calls a live request is: method, path shape, query shape (which parameters, which filter) and,
// for PATCH, the shape of the operations, each compared with the catalogue step's own request template.
import { resolvePointer } from '../shared/json-pointer.js';
import type { RequestSpec, Step } from '../suite/types.js';
import type { KnownCall } from './catalogue.js';
import { unifyJson, unifyText } from './unify.js';
import type { Bindings } from './unify.js';

/** A request as the proxy received it, with its path relative to the SCIM base URL. */
export interface LiveRequest {
  method: string;
  /** Path below the base URL, as sent (percent-encoding kept), e.g. /Users/abc */
  path: string;
  /** Query string without "?", as sent. */
  rawQuery: string;
  /** Parsed JSON body, or undefined when there is none or it is not JSON. */
  json: unknown;
}

export interface Recognised {
  call: KnownCall;
  bindings: Bindings;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function queryMatches(step: Step, spec: RequestSpec, rawQuery: string, bindings: Bindings): boolean {
  const live = [...new URLSearchParams(rawQuery)];
  const names = live.map(([k]) => k);
  if (new Set(names).size !== names.length) return false;
  const get = (name: string): string | undefined => live.find(([k]) => k === name)?.[1];
  if (step.paging !== undefined) {
    // Okta's import pages: startIndex moves, count is the page size the step replays.
    if (names.length !== 2 || get('startIndex') === undefined || get('count') !== String(step.paging.count)) return false;
    return /^\d+$/.test(get('startIndex') ?? '');
  }
  if (spec.rawQuery !== undefined) return unifyText(spec.rawQuery, rawQuery, bindings);
  const wanted = spec.query ?? [];
  if (wanted.length !== names.length) return false;
  return wanted.every(([name, template]) => {
    const value = get(name);
    return value !== undefined && unifyText(template, value, bindings);
  });
}

function bodyMatches(call: KnownCall, json: unknown, bindings: Bindings): boolean {
  const { entry, step } = call;
  for (const [pointer, value] of entry.requires ?? []) {
    const found = resolvePointer(json, pointer);
    if (!found.present || (value !== undefined && !Object.is(found.value, value))) return false;
  }
  if (entry.body === 'ignore' || step.request.body === undefined) return true;
  if (json === undefined) return entry.body !== 'strict';
  return unifyJson(step.request.body, json, bindings, entry.body === 'strict');
}

/** Tries one catalogue entry; returns the values its templates bind, or undefined when the request is another call. */
export function matchCall(call: KnownCall, request: LiveRequest): Bindings | undefined {
  const spec = call.step.request;
  if (spec.method !== request.method.toUpperCase()) return undefined;
  const bindings: Bindings = {};
  if (!unifyText(spec.path, request.path, bindings, true, safeDecode)) return undefined;
  if (!queryMatches(call.step, spec, request.rawQuery, bindings)) return undefined;
  if (!bodyMatches(call, request.json, bindings)) return undefined;
  return bindings;
}

/** The first of Okta's calls the request fits, or undefined for a request Okta does not make. */
export function recognise(calls: readonly KnownCall[], request: LiveRequest): Recognised | undefined {
  for (const call of calls) {
    const bindings = matchCall(call, request);
    if (bindings !== undefined) return { call, bindings };
  }
  return undefined;
}
