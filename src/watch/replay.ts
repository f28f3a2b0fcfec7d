// `scim-check replay`: sends a recorded session again to a target. Values a server holds unique (userName,
// externalId, emails, displayName) are replaced by fresh ones carrying a run id, ids returned by the replayed
// creates replace the recorded ones in later paths and bodies, each exchange is judged as `watch` judges it, and
// everything the replay created is removed through the runner's cleanup ledger.
import { randomBytes } from 'node:crypto';
import { ExitCode, ScimCheckError } from '../errors.js';
import { REDACTED } from '../http/redact.js';
import type { HttpRequest, Transport } from '../http/types.js';
import { CleanupLedger } from '../runner/cleanup-ledger.js';
import type { CleanupItem, StepError } from '../runner/types.js';
import type { Level } from '../suite/types.js';
import type { KnownCall } from './catalogue.js';
import { recognise } from './recognise.js';
import { erroredSeen, judgeSeen } from './live.js';
import type { LiveRequest } from './recognise.js';
import type { SeenExchange } from './session.js';

/** One recorded request, with its path re-rooted below the recorded base URL. */
export interface RecordedCall {
  method: string;
  path: string;
  rawQuery: string;
  headers: Array<[string, string]>;
  body?: string | undefined;
  /** The id in the recorded answer of a create, to map onto the replayed one. */
  createdId?: string | undefined;
}

const RESOURCE_ROOTS = /\/(Users|Groups|ServiceProviderConfig|ResourceTypes|Schemas|Bulk|Me)(\/|$)/;

/** Request headers never replayed: credentials (the target's own are used), and what the transport sets. */
const DROPPED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'x-api-key', 'host', 'content-length', 'connection', 'transfer-encoding']);

function invalid(file: string, detail: string): ScimCheckError {
  return new ScimCheckError({ code: 'input.badHar', exitCode: ExitCode.INVALID_INPUT, title: 'Invalid HAR file', detail: `${file}: ${detail}` });
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads a HAR's entries as SCIM calls; every problem names the file and the entry. */
export function parseHar(text: string, file: string): RecordedCall[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw invalid(file, 'not JSON');
  }
  const log = record(record(doc)?.['log']);
  const entries = log?.['entries'];
  if (log === undefined || !Array.isArray(entries)) throw invalid(file, 'no log.entries array (is it a HAR file?)');
  const recordedBase = record(log['_scimCheck'])?.['baseUrl'];
  const basePath = typeof recordedBase === 'string' ? safePathname(recordedBase) : undefined;
  return entries.map((raw, i) => {
    const entry = record(raw);
    const request = record(entry?.['request']);
    const method = request?.['method'];
    const url = request?.['url'];
    if (request === undefined || typeof method !== 'string' || typeof url !== 'string') throw invalid(file, `entry ${i + 1} has no request method and url`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw invalid(file, `entry ${i + 1}: "${url}" is not an absolute URL`);
    }
    const rawPath = parsed.pathname;
    const rawQuery = parsed.search.replace(/^\?/, '');
    const path = relativePath(rawPath, basePath);
    const headers: Array<[string, string]> = [];
    for (const header of Array.isArray(request['headers']) ? request['headers'] : []) {
      const h = record(header);
      if (typeof h?.['name'] === 'string' && typeof h['value'] === 'string') headers.push([h['name'], h['value']]);
    }
    const postData = record(request['postData']);
    const body = typeof postData?.['text'] === 'string' ? postData['text'] : undefined;
    const call: RecordedCall = { method: method.toUpperCase(), path, rawQuery, headers, body };
    const content = record(record(entry?.['response'])?.['content']);
    const status = record(entry?.['response'])?.['status'];
    if (call.method === 'POST' && typeof status === 'number' && status >= 200 && status < 300 && typeof content?.['text'] === 'string') {
      try {
        const id = record(JSON.parse(content['text']))?.['id'];
        if (typeof id === 'string' && id !== '') call.createdId = id;
      } catch {
        // A create answered without JSON: nothing to map.
      }
    }
    return call;
  });
}

function safePathname(url: string): string | undefined {
  try {
    return new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return undefined;
  }
}

/** The path below the SCIM base: the recorded base when the HAR names it, else what precedes /Users, /Groups, … */
function relativePath(path: string, basePath: string | undefined): string {
  if (basePath !== undefined && basePath !== '' && (path === basePath || path.startsWith(`${basePath}/`))) return path.slice(basePath.length) || '/';
  const match = RESOURCE_ROOTS.exec(path);
  return match === null ? path : path.slice(match.index);
}

/** Recorded value → fresh value, applied to every later path, query and body. */
export class Rewriter {
  readonly #map = new Map<string, string>();
  constructor(readonly runId: string) {}

  /** Registers the unique values of a create body: userName, externalId, displayName, emails. */
  learn(body: unknown): void {
    const resource = record(body);
    if (resource === undefined) return;
    for (const key of ['userName', 'externalId', 'displayName']) {
      const value = resource[key];
      if (typeof value === 'string') this.fresh(value);
    }
    const emails = resource['emails'];
    if (Array.isArray(emails)) for (const email of emails) {
      const value = record(email)?.['value'];
      if (typeof value === 'string') this.fresh(value);
    }
  }

  fresh(value: string): void {
    // Very short values would be replaced inside unrelated text; they are rare as unique names.
    if (value.length < 3 || this.#map.has(value) || value.startsWith(`scim-check-${this.runId}-`)) return;
    // A session recorded from a scim-check run already carries that run's id: swap it rather than stack a second.
    this.#map.set(value, `scim-check-${this.runId}-${value.replace(/^scim-check-[0-9a-f]{8}-/, '')}`);
  }

  /** A recorded id now has another value on the target. */
  id(recorded: string, replayed: string): void {
    if (recorded !== replayed) this.#map.set(recorded, replayed);
  }

  text(value: string): string {
    let out = value;
    for (const [from, to] of [...this.#map].sort((a, b) => b[0].length - a[0].length)) {
      if (out.includes(from)) out = out.split(from).join(to);
      // userName look-ups ignore case, and Okta's case-sensitivity check upper-cases the name.
      const upper = from.toUpperCase();
      if (upper !== from && out.includes(upper)) out = out.split(upper).join(to.toUpperCase());
    }
    return out;
  }

  /** Rewrites a JSON value's strings; a redacted password becomes a fresh one (the recording never held it). */
  json(value: unknown, key?: string): unknown {
    if (typeof value === 'string') {
      if (value === REDACTED && key?.toLowerCase() === 'password') return `Sc1m-${randomBytes(6).toString('hex')}`;
      return this.text(value);
    }
    if (Array.isArray(value)) return value.map((item) => this.json(item));
    const rec = record(value);
    if (rec === undefined) return value;
    const patchesPassword = typeof rec['path'] === 'string' && /(^|:)password$/i.test(rec['path']);
    return Object.fromEntries(Object.entries(rec).map(([k, v]) => [k, this.json(v, patchesPassword && k === 'value' ? 'password' : k)]));
  }

  query(rawQuery: string): string {
    if (rawQuery === '') return '';
    return rawQuery
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        const name = eq === -1 ? pair : pair.slice(0, eq);
        if (eq === -1) return pair;
        const value = pair.slice(eq + 1);
        let decoded: string;
        try {
          decoded = decodeURIComponent(value.replace(/\+/g, ' '));
        } catch {
          return pair;
        }
        const rewritten = this.text(decoded);
        return rewritten === decoded ? pair : `${name}=${encodeURIComponent(rewritten)}`;
      })
      .join('&');
  }
}

export interface ReplayOptions {
  calls: RecordedCall[];
  baseUrl: string;
  transport: Transport;
  judging: { calls: readonly KnownCall[]; gate: Level };
  runId: string;
  /** First Ctrl-C: send nothing more, clean up. */
  signal: AbortSignal;
  /** Second Ctrl-C: cut cleanup short. */
  hardSignal: AbortSignal;
  onSeen?: ((seen: SeenExchange) => void) | undefined;
}

export interface ReplayResult {
  seen: SeenExchange[];
  cleanup: CleanupItem[];
  interrupted: boolean;
}

function parseBody(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  return Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
}

export async function replaySession(options: ReplayOptions): Promise<ReplayResult> {
  const rewriter = new Rewriter(options.runId);
  const ledger = new CleanupLedger({ runId: options.runId, baseUrl: options.baseUrl });
  const seen: SeenExchange[] = [];
  let interrupted = false;
  let cleanup: CleanupItem[] = [];
  // Okta looks a name up before it creates it, so every name the session creates is renamed from the start.
  for (const call of options.calls) if (call.method === 'POST') rewriter.learn(parseBody(call.body));
  try {
    for (const [index, call] of options.calls.entries()) {
      if (options.signal.aborted) {
        interrupted = true;
        break;
      }
      const seq = index + 1;
      const recordedJson = parseBody(call.body);
      const path = rewriter.text(call.path);
      const rawQuery = rewriter.query(call.rawQuery);
      const headers: Record<string, string> = {};
      for (const [name, value] of call.headers) {
        if (DROPPED_HEADERS.has(name.toLowerCase()) || value.includes(REDACTED)) continue;
        headers[name] = value;
      }
      let body: string | undefined;
      if (call.body !== undefined) body = recordedJson === undefined ? rewriter.text(call.body) : JSON.stringify(rewriter.json(recordedJson));
      const request: HttpRequest = { method: call.method, url: `${options.baseUrl}${path === '/' ? '' : path}${rawQuery === '' ? '' : `?${rawQuery}`}`, headers };
      if (body !== undefined) request.body = body;
      const live: LiveRequest = { method: call.method, path, rawQuery, json: parseBody(body) };
      let entry: SeenExchange;
      // The ledger learns of every write before it goes out, as the runner's steps do, so a create that is answered
      // without an id, or not at all, is still looked up by its run-scoped name and removed.
      const found = recognise(options.judging.calls, live);
      const write = call.method === 'GET' || call.method === 'HEAD' ? undefined : ledger.recordWrite({ suiteId: found?.call.suite.id ?? 'replay', stepId: found?.call.step.id ?? `#${seq}`, request, captures: {}, hasCleanup: false, expandCleanup: () => [] });
      try {
        const exchange = await options.transport(request, options.signal);
        ledger.settleAnswer(write, exchange);
        ledger.observe(found?.call.step.id ?? `#${seq}`, exchange);
        entry = judgeSeen(options.judging.calls, options.judging.gate, seq, live, exchange);
        mapCreatedId(call, path, exchange.response.status, exchange.response.json, rewriter);
      } catch (error) {
        ledger.settleError(write, error);
        if (!(error instanceof ScimCheckError) || error.exitCode === ExitCode.INTERNAL) throw error;
        const request = (error as { request?: HttpRequest }).request;
        const stepError: StepError = { code: error.code, title: error.title, detail: error.detail, hint: error.hint, request };
        entry = erroredSeen(options.judging.calls, seq, live, stepError, 0);
      }
      seen.push(entry);
      options.onSeen?.(entry);
    }
  } finally {
    cleanup = await ledger.drain(options.transport, options.hardSignal);
  }
  return { seen, cleanup, interrupted: interrupted || options.signal.aborted };
}

/** The id a replayed create returned takes the recorded id's place in every later path and body. */
function mapCreatedId(call: RecordedCall, path: string, status: number, json: unknown, rewriter: Rewriter): void {
  if (call.method !== 'POST' || status < 200 || status >= 300 || !/^\/(Users|Groups)\/?$/.test(path)) return;
  const id = record(json)?.['id'];
  if (typeof id === 'string' && id !== '' && call.createdId !== undefined) rewriter.id(call.createdId, id);
}
