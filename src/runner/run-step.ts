// One step: check its inputs exist, expand templates, send, check, capture, and register cleanup.
import { checkExpectation, checkPaging } from '../assert/index.js';
import { keepPage } from '../assert/paging.js';
import { MAX_JUDGED_RESOURCES } from '../assert/response-json.js';
import { DEFAULT_REPORT_BODY_BYTES } from '../http/cap-body.js';
import type { Check } from '../assert/types.js';
import { ExitCode, ScimCheckError } from '../errors.js';
import type { Exchange, HttpRequest, Transport } from '../http/types.js';
import { expandTemplates, templateRefs } from '../suite/index.js';
import type { Expectation, Level, RequestSpec, Step, Suite } from '../suite/types.js';
import { readCapture } from './captures.js';
import type { CleanupLedger } from './cleanup-ledger.js';
import { RUN_WAIT_BUDGET_MS, sendWithRetry } from './rate-limit.js';
import type { RateLimitNote } from './rate-limit.js';
import { requestUrl } from './request-url.js';
import type { SuiteScope } from './scope.js';
import type { StepError, StepResult, StepStatus } from './types.js';

const LEVEL_RANK: Record<Level, number> = { required: 0, recommended: 1, optional: 2 };

/** True when a failed check of this level fails the run at this gate. */
export function countsAtGate(level: Level, gate: Level): boolean {
  return LEVEL_RANK[level] <= LEVEL_RANK[gate];
}

export interface StepContext {
  suite: Suite;
  scope: SuiteScope;
  baseUrl: string;
  transport: Transport;
  ledger: CleanupLedger;
  gate: Level;
  signal: AbortSignal;
  /** Capture name → id of the step that defines it, and that step's status once known. */
  producers: Map<string, string>;
  /** --report-body-bytes: bodies kept past a page's checks are cut to this. */
  reportBodyBytes?: number | undefined;
  statuses: Map<string, StepStatus>;
}

/** Runs one step to a StepResult; throws only for bugs. */
export async function runStep(step: Step, ctx: StepContext): Promise<StepResult> {
  const started = performance.now();
  const base = {
    suiteId: ctx.suite.id,
    stepId: step.id,
    title: step.title,
    level: step.level,
    location: ctx.suite.locate(step.pointer),
  };
  const finish = (rest: Omit<StepResult, keyof typeof base | 'durationMs'>): StepResult => ({
    ...base,
    ...rest,
    durationMs: Math.round(performance.now() - started),
  });

  const missing = missingInputs(step, ctx);
  if (missing !== undefined) {
    return finish({ status: 'skipped', checks: [], warnings: [], exchanges: [], skipReason: missing });
  }

  const exchanges: Exchange[] = [];
  const checks: Check[] = [];
  const limits: RateLimitNote[] = [];
  try {
    if (step.paging === undefined) {
      const exchange = await send(step.request, ctx, {}, limits);
      exchanges.push(exchange);
      for (const expectation of step.expect) checks.push(...checkOne(exchange, expectation, ctx));
    } else {
      await runPages(step, ctx, exchanges, checks, limits);
    }
  } catch (error) {
    const stepError = asStepError(error);
    return finish({ status: 'errored', checks, warnings: [], exchanges, error: stepError });
  }
  checks.push(...limits.map((note) => rateLimitCheck(note, step, ctx)));

  const first = exchanges[0];
  if (first !== undefined) {
    const captureProblems = captureAll(step, first, ctx);
    // A missing capture after a failed check is a consequence, not news; report it only on its own.
    if (checks.every((c) => c.passed)) checks.push(...captureProblems);
    registerCleanup(step, first, ctx);
  }

  const failedChecks = checks.filter((c) => !c.passed);
  const failures = failedChecks.filter((c) => countsAtGate(c.level, ctx.gate));
  const warnings = failedChecks.filter((c) => !countsAtGate(c.level, ctx.gate));
  let status: StepStatus = failures.length > 0 ? 'failed' : 'passed';
  if (status === 'passed' && step.when?.support === 'unsupported') status = 'unsupported';
  return finish({ status, checks, warnings, exchanges });
}

/** A step that needs a capture an earlier step did not produce is skipped, with the reason. */
function missingInputs(step: Step, ctx: StepContext): string | undefined {
  const refs = templateRefs({ request: step.request, expect: step.expect.map((e) => ({ body: e.body, headers: e.headers })) });
  for (const ref of refs) {
    const name = ref.path[0];
    if (name === undefined || ctx.scope.has(name)) continue;
    const producer = ctx.producers.get(name);
    if (producer === undefined) continue;
    const producerStatus = ctx.statuses.get(producer);
    const what =
      producerStatus === undefined
        ? 'which did not run (not selected for this profile or filter)'
        : producerStatus === 'skipped'
          ? 'which was skipped'
          : producerStatus === 'errored'
            ? 'which errored'
            : 'which did not capture it';
    return `needs {{ ${name} }} from step ${producer}, ${what}`;
  }
  return undefined;
}

async function send(spec: RequestSpec, ctx: StepContext, extra: Record<string, unknown>, limits: RateLimitNote[], pageQuery?: Array<[string, string]>): Promise<Exchange> {
  const request = expandRequest(spec, ctx, extra, pageQuery);
  return sendWithRetry(ctx.transport, request, ctx.signal, limits);
}

function rateLimitCheck(note: RateLimitNote, step: Step, ctx: StepContext): Check {
  if (note.budgetSpent === true) {
    return {
      kind: 'header', pointer: 'retry-after', expected: 'no 429 once the run has waited its share', actual: note.retryAfter, passed: false, level: 'recommended',
      message: `429 Too Many Requests again after this run already waited ${RUN_WAIT_BUDGET_MS / 1000} s on 429s: not waited out. Okta's import would be throttled here`,
      why: 'Okta pauses the whole import on a 429 and retries up to 10 times; a server that keeps answering 429 stalls provisioning for hours (okta-protocol.md §1.3)',
      hint: 'raise the rate limit for the Okta client, or answer 429 only under real load',
      location: ctx.suite.locate(step.pointer),
    };
  }
  const waited = `retried after ${note.waitedMs / 1000} s`;
  return {
    kind: 'header',
    pointer: 'retry-after',
    expected: 'an integer number of seconds',
    actual: note.retryAfter,
    passed: note.integer,
    level: 'recommended',
    message: note.integer
      ? `429 Too Many Requests with Retry-After: ${note.retryAfter ?? ''}; ${waited}, as Okta does`
      : `429 Too Many Requests ${note.retryAfter === undefined ? 'without Retry-After' : `with Retry-After "${note.retryAfter}", not an integer`}; ${waited}`,
    why: 'Okta honours Retry-After only as integer seconds; otherwise it waits 5 minutes, doubling, up to 10 tries (okta-protocol.md §1.3)',
    ...(note.integer ? {} : { hint: 'send Retry-After as an integer number of seconds with every 429' }),
    location: ctx.suite.locate(step.pointer),
  };
}

/** Expands a request spec into the HttpRequest the transport sends. */
export function expandRequest(spec: RequestSpec, ctx: Pick<StepContext, 'scope' | 'baseUrl'>, extra: Record<string, unknown> = {}, pageQuery?: Array<[string, string]>): HttpRequest {
  const scope = ctx.scope.scope(extra);
  const path = String(expandTemplates(spec.path, scope));
  let query = spec.query?.map(([k, v]): [string, string] => [k, String(expandTemplates(v, scope))]);
  if (pageQuery !== undefined) {
    const names = new Set(pageQuery.map(([k]) => k));
    query = [...(query ?? []).filter(([k]) => !names.has(k)), ...pageQuery];
  }
  const rawQuery = spec.rawQuery === undefined ? undefined : String(expandTemplates(spec.rawQuery, scope));
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(spec.headers ?? {})) headers[name] = String(expandTemplates(value, scope));
  let body: string | undefined;
  if (spec.rawBody !== undefined) body = String(expandTemplates(spec.rawBody, scope));
  else if (spec.body !== undefined) body = JSON.stringify(expandTemplates(spec.body, scope));
  if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
    headers['Content-Type'] = 'application/json';
  }
  const url = requestUrl(ctx.baseUrl, path, query, rawQuery);
  return body === undefined ? { method: spec.method, url, headers } : { method: spec.method, url, headers, body };
}

function checkOne(exchange: Exchange, expectation: Expectation, ctx: StepContext): Check[] {
  const scope = ctx.scope.scope();
  const expanded: Expectation = {
    ...expectation,
    body: expectation.body === undefined ? undefined : expandTemplates(expectation.body, scope),
    headers: expectation.headers === undefined ? undefined : (expandTemplates(expectation.headers, scope) as Record<string, unknown>),
  };
  return checkExpectation(exchange, expanded, { locate: ctx.suite.locate });
}

/** Pages as Okta's import does: startIndex 1, then +count, until totalResults is passed or a page is empty. */
async function runPages(step: Step, ctx: StepContext, exchanges: Exchange[], checks: Check[], limits: RateLimitNote[]): Promise<void> {
  const paging = step.paging;
  if (paging === undefined) return;
  let startIndex = 1;
  let truncated = false;
  for (let page = 0; page < paging.maxPages; page++) {
    const pageVars = { page: { startIndex, count: paging.count } };
    const exchange = await send(step.request, ctx, pageVars, limits, [
      ['startIndex', String(startIndex)],
      ['count', String(paging.count)],
    ]);
    exchanges.push(exchange);
    for (const expectation of step.expect) {
      const found = checkOne(exchange, expectation, ctx);
      // Passed checks are listed once (first page); failures on any page are all kept.
      checks.push(...(page === 0 ? found : found.filter((c) => !c.passed)));
    }
    // The first page stays whole (captures read it); later ones shrink once checked.
    if (page > 0) exchanges[exchanges.length - 1] = keepPage(exchange, ctx.reportBodyBytes ?? DEFAULT_REPORT_BODY_BYTES);
    const json = exchange.response.json;
    const resources = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['Resources'] : undefined;
    const total = typeof json === 'object' && json !== null ? Number((json as Record<string, unknown>)['totalResults']) : Number.NaN;
    if (exchange.response.status !== 200 || !Array.isArray(resources) || resources.length === 0) break;
    // A page far larger than asked: judged (in part) and reported by checkPaging; fetching fifty more like it
    // would only hold the run. Stopping here also stops the count comparison.
    if (resources.length > MAX_JUDGED_RESOURCES) {
      truncated = true;
      break;
    }
    // Okta steps by the count it asked for, not by what came back (okta-protocol.md §2.2).
    startIndex += paging.count;
    if (!Number.isFinite(total) || startIndex > total) break;
    if (page === paging.maxPages - 1) truncated = true;
  }
  const level = step.expect[0]?.level ?? step.level;
  const why = step.expect[0]?.why;
  checks.push(...checkPaging(exchanges, { count: paging.count, pointer: `${step.pointer}/paging`, level, why, truncated }, { locate: ctx.suite.locate }));
}

function captureAll(step: Step, exchange: Exchange, ctx: StepContext): Check[] {
  const checks: Check[] = [];
  for (const [name, source] of Object.entries(step.capture)) {
    const result = readCapture(exchange, source);
    if (result.found) {
      ctx.scope.captures.set(name, result.value);
      continue;
    }
    checks.push({
      kind: 'body',
      pointer: source,
      expected: `a value at ${source}`,
      actual: undefined,
      passed: false,
      message: `could not capture ${name}: ${result.reason}`,
      level: step.level,
      location: ctx.suite.locate(`${step.pointer}/capture/${name}`),
    });
  }
  return checks;
}

function registerCleanup(step: Step, exchange: Exchange, ctx: StepContext): void {
  if (step.cleanup.length === 0) return;
  const status = exchange.response.status;
  if (status < 200 || status >= 300) return;
  try {
    const requests = step.cleanup.map((spec) => expandRequest(spec, ctx));
    ctx.ledger.add({ suiteId: ctx.suite.id, stepId: step.id, requests });
  } catch (error) {
    const reason = error instanceof ScimCheckError ? error.detail : 'its cleanup could not be expanded';
    ctx.ledger.addOrphan(ctx.suite.id, step.id, `created something (${status}) that cannot be removed: ${reason}`);
  }
}

function asStepError(error: unknown): StepError {
  if (error instanceof ScimCheckError && error.exitCode !== ExitCode.INTERNAL) {
    const request = (error as { request?: unknown }).request;
    return {
      code: error.code,
      title: error.title,
      detail: error.detail,
      hint: error.hint,
      request: typeof request === 'object' && request !== null ? (request as HttpRequest) : undefined,
    };
  }
  throw error;
}
