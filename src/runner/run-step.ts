// One step: check its inputs exist, expand templates, send, check, capture, and register cleanup.
import { checkExpectation } from '../assert/index.js';
import { keepPage, PagingJudge } from '../assert/paging.js';
import { MAX_JUDGED_RESOURCES } from '../assert/response-json.js';
import { capExchange, DEFAULT_REPORT_BODY_BYTES } from '../http/cap-body.js';
import type { Check } from '../assert/types.js';
import { ExitCode, ScimCheckError } from '../errors.js';
import type { Exchange, HttpRequest, Transport } from '../http/types.js';
import { expandTemplates, templateRoots } from '../suite/templates.js';
import type { Expectation, Level, RequestSpec, Step, Suite } from '../suite/types.js';
import { readCapture } from './captures.js';
import type { CleanupLedger, WriteRecord } from './cleanup-ledger.js';
import { RUN_WAIT_BUDGET_MS, sendWithRetry } from './rate-limit.js';
import type { RateLimitNote } from './rate-limit.js';
import { expandPath } from './path-segments.js';
import { unsafeIdChecks } from './unsafe-ids.js';
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
  /** Step id → why the plan leaves it out (e.g. "--read-only: it sends POST"), for the skip reason of its dependants. */
  leftOut?: Map<string, string> | undefined;
  /** --max-pages: the run's safety bound on the pages of one paged step (unset: none beyond the suite's). */
  maxPages?: number | undefined;
  /** Run-level notices (a page bound that was hit), collected for the summary. */
  notices?: string[] | undefined;
  /**
   * false: a paged step keeps only its first page and its latest one (what captures, findings and the crash watch
   * read), since no reporter shows the pages between. Default true.
   */
  keepPages?: boolean | undefined;
  /** Counts response bodies cut for the report, including those of pages not kept (the summary's notice counts them). */
  bodies?: { cut: number } | undefined;
}

/** Runs one step to a StepResult; throws only for bugs. */
export async function runStep(planned: Step, ctx: StepContext): Promise<StepResult> {
  let step = planned;
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

  if (step.generate !== undefined) {
    // Made from the server's earlier answers before anything else is judged: a step that does not apply to this
    // server (nothing to round-trip) leaves nothing unchecked, whatever its other inputs.
    const lacking = step.generate.inputs.find((name) => !ctx.scope.captures.has(name));
    const made = lacking === undefined ? step.generate.make(Object.fromEntries(step.generate.inputs.map((n) => [n, ctx.scope.captures.get(n)]))) : undefined;
    if (made !== undefined && 'inapplicable' in made) {
      return finish({ status: 'skipped', checks: [], warnings: [], exchanges: [], skipReason: made.inapplicable, inapplicable: true });
    }
    if (made !== undefined) step = { ...step, request: { ...step.request, body: made.body ?? step.request.body }, expect: made.expect ?? step.expect };
  }
  const missing = missingInputs(step, ctx);
  if (missing !== undefined) {
    return finish({ status: 'skipped', checks: [], warnings: [], exchanges: [], skipReason: missing });
  }

  const exchanges: Exchange[] = [];
  const checks: Check[] = [];
  const limits: RateLimitNote[] = [];
  let write: WriteRecord | undefined;
  try {
    if (step.paging === undefined) {
      const request = expandRequest(step.request, ctx);
      // Recorded before it is sent: a create that times out can still be found and removed.
      write = ctx.ledger.recordWrite({ suiteId: ctx.suite.id, stepId: step.id, request, captures: step.capture, hasCleanup: step.cleanup.length > 0, expandCleanup: (extra) => step.cleanup.map((spec) => expandRequest(spec, ctx, extra)) });
      const exchange = await sendWithRetry(ctx.transport, request, ctx.signal, limits);
      exchanges.push(exchange);
      for (const expectation of step.expect) checks.push(...checkOne(exchange, expectation, ctx));
    } else {
      await runPages(step, ctx, exchanges, checks, limits);
    }
  } catch (error) {
    ctx.ledger.settleError(write, error);
    const stepError = asStepError(error);
    return finish({ status: 'errored', checks, warnings: [], exchanges, error: stepError });
  }
  checks.push(...limits.map((note) => rateLimitCheck(note, step, ctx)));

  const first = exchanges[0];
  if (first !== undefined) {
    const captureProblems = captureAll(step, first, ctx);
    // A missing capture after a failed check is a consequence, not news; report it only on its own.
    if (checks.every((c) => c.passed)) checks.push(...captureProblems);
    checks.push(...unsafeIdChecks(step, ctx.suite, ctx.scope.captures));
    ctx.ledger.observe(step.id, first);
    ctx.ledger.settleAnswer(write, first);
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
  for (const name of [...(step.generate?.inputs ?? []), ...templateRoots({ request: step.request, expect: step.expect.map((e) => ({ body: e.body, headers: e.headers })) })]) {
    if (name === undefined || ctx.scope.has(name)) continue;
    const producer = ctx.producers.get(name);
    if (producer === undefined) continue;
    const producerStatus = ctx.statuses.get(producer);
    const leftOut = ctx.leftOut?.get(producer);
    const what =
      producerStatus === undefined
        ? leftOut !== undefined
          ? `which did not run (${leftOut})`
          : 'which did not run (not selected for this profile or filter)'
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
  const path = expandPath(spec.path, scope);
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
  const request: HttpRequest = body === undefined ? { method: spec.method, url, headers } : { method: spec.method, url, headers, body };
  if (spec.secretFields !== undefined) request.secretFields = spec.secretFields;
  return request;
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
  const cap = Math.min(paging.maxPages ?? Infinity, ctx.maxPages ?? Infinity);
  const judge = new PagingJudge();
  const maxBytes = ctx.reportBodyBytes ?? DEFAULT_REPORT_BODY_BYTES;
  const keepPages = ctx.keepPages !== false;
  for (let page = 0; page < cap; page++) {
    const pageVars = { page: { startIndex, count: paging.count } };
    const exchange = await send(step.request, ctx, pageVars, limits, [
      ['startIndex', String(startIndex)],
      ['count', String(paging.count)],
    ]);
    if (!keepPages && page > 1) {
      // The page before is dropped: only the first and the latest are kept. Its cut body still counts in the notice.
      const dropped = exchanges.pop();
      if (dropped !== undefined && ctx.bodies !== undefined && capExchange(dropped, maxBytes).response.bodyCut !== undefined) ctx.bodies.cut += 1;
    }
    exchanges.push(exchange);
    const json = exchange.response.json;
    const resources = typeof json === 'object' && json !== null ? (json as Record<string, unknown>)['Resources'] : undefined;
    // A page of nothing but ids already seen means the server ignores startIndex: more pages would repeat forever.
    const repeats = page > 0 && Array.isArray(resources) && resources.length > 0 && resources.every((r) => judge.seen(PagingJudge.key(r)));
    judge.add(exchange);
    for (const expectation of step.expect) {
      const found = checkOne(exchange, expectation, ctx);
      // Passed checks are listed once (first page); failures on any page are all kept.
      checks.push(...(page === 0 ? found : found.filter((c) => !c.passed)));
    }
    // The first page stays whole (captures read it); later ones shrink once checked. Unless a reporter reads them, a
    // later page that answered 200 keeps no parsed JSON: only its request and status are read (crash watch,
    // findings), and a parsed page held until the next one arrives outlives the young heap and piles up.
    if (page > 0) {
      const kept = keepPage(exchange, maxBytes);
      const { json: _json, ...slim } = kept.response;
      exchanges[exchanges.length - 1] = keepPages || kept.response.status !== 200 ? kept : { ...kept, response: slim };
    }
    const total = typeof json === 'object' && json !== null ? Number((json as Record<string, unknown>)['totalResults']) : Number.NaN;
    if (exchange.response.status !== 200 || !Array.isArray(resources) || resources.length === 0) break;
    if (repeats) break;
    // A page far larger than asked: judged (in part) and reported by checkPaging; fetching fifty more like it
    // would only hold the run. Stopping here also stops the count comparison.
    if (resources.length > MAX_JUDGED_RESOURCES) {
      truncated = true;
      break;
    }
    // Okta steps by the count it asked for, not by what came back (okta-protocol.md §2.2).
    startIndex += paging.count;
    if (!Number.isFinite(total) || startIndex > total) break;
    if (page === cap - 1) truncated = true;
  }
  if (truncated) {
    const bound = ctx.maxPages !== undefined && ctx.maxPages <= (paging.maxPages ?? Infinity) ? `--max-pages ${ctx.maxPages}` : `the suite's maxPages ${paging.maxPages ?? ''}`;
    ctx.notices?.push(`${ctx.suite.id}.${step.id} stopped after ${cap} page${cap === 1 ? '' : 's'} (${bound}) before the list ended; raise the bound to read it all, as Okta's import does`);
  }
  const level = step.expect[0]?.level ?? step.level;
  const why = step.expect[0]?.why;
  checks.push(...judge.checks({ count: paging.count, pointer: `${step.pointer}/paging`, level, why, truncated }, { locate: ctx.suite.locate }));
}

function captureAll(step: Step, exchange: Exchange, ctx: StepContext): Check[] {
  const checks: Check[] = [];
  for (const [name, source] of Object.entries(step.capture)) {
    const result = readCapture(exchange, source);
    if (result.found) {
      ctx.scope.captures.set(name, result.value);
      continue;
    }
    if (result.optional === true) continue;
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
