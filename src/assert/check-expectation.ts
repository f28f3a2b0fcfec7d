// Compares one exchange with one (template-expanded) expectation and returns every check made, passed or not,
// in a fixed order: status, headers, schema, body, timing. Each check points at its own key in the suite YAML.
import { createRequire } from 'node:module';
import { InternalError } from '../errors.js';
import type { Exchange } from '../http/types.js';
import { isSchemaName } from '../shared/scim-schema-names.js';
import type { Expectation } from './types.js';
import { formatValue, truncate } from '../shared/format-value.js';
import { joinPointer } from '../shared/json-pointer.js';
import { matchBody } from './match-body.js';
import { isMatcherObject, runMatcher } from './matchers.js';
import { oktaHint } from './okta-hints.js';
import { describeNonJson, responseJson } from './response-json.js';
import { validateScim } from './schema.js';
import type { Check, CheckContext } from './types.js';

type Draft = Omit<Check, 'level' | 'why' | 'hint' | 'location'> & { suitePointer: string };

// node:http drags in net and streams (~10 ms); load it on the first status message, not when `list` imports us.
let statusCodes: Record<number, string | undefined> | undefined;

/** `201 Created`, or just the number when Node knows no reason phrase for it. */
export function formatStatus(status: number): string {
  statusCodes ??= (createRequire(import.meta.url)('node:http') as typeof import('node:http')).STATUS_CODES;
  const reason = statusCodes[status];
  return reason === undefined ? String(status) : `${status} ${reason}`;
}

/** Every check one expectation asks for, in order; failed checks carry the suite's hint or an Okta hint. */
export function checkExpectation(exchange: Exchange, expectation: Expectation, ctx: CheckContext): Check[] {
  const drafts: Draft[] = [
    ...checkStatus(exchange, expectation),
    ...checkHeaders(exchange, expectation),
    ...checkJson(exchange, expectation),
    ...checkTiming(exchange, expectation),
  ];
  return drafts.map(({ suitePointer, ...draft }) => {
    const check: Check = {
      ...draft,
      level: expectation.level,
      location: ctx.locate(`${expectation.pointer}${suitePointer}`),
    };
    if (expectation.why !== undefined) check.why = expectation.why;
    if (!check.passed) {
      const hint = expectation.hint ?? oktaHint(check, exchange);
      if (hint !== undefined) check.hint = hint;
    }
    return check;
  });
}

function checkStatus(exchange: Exchange, expectation: Expectation): Draft[] {
  if (expectation.status === undefined) return [];
  const wanted = Array.isArray(expectation.status) ? expectation.status : [expectation.status];
  const actual = exchange.response.status;
  const passed = wanted.includes(actual);
  const expectedText = wanted.length === 1 ? formatStatus(wanted[0] ?? 0) : `one of ${wanted.join(', ')}`;
  return [
    {
      kind: 'status',
      pointer: '',
      expected: expectation.status,
      actual,
      passed,
      message: passed ? `status ${formatStatus(actual)}` : `expected ${expectedText}, got ${formatStatus(actual)}`,
      suitePointer: '/status',
    },
  ];
}

function checkHeaders(exchange: Exchange, expectation: Expectation): Draft[] {
  const drafts: Draft[] = [];
  for (const [written, expected] of Object.entries(expectation.headers ?? {})) {
    const name = written.toLowerCase();
    const headers = exchange.response.headers;
    const present = Object.hasOwn(headers, name);
    const actual = present ? headers[name] : undefined;
    const base = { kind: 'header' as const, pointer: name, actual, suitePointer: joinPointer('/headers', written) };

    if (isMatcherObject(expected)) {
      for (const [matcher, arg] of Object.entries(expected)) {
        const result = runMatcher(matcher, actual, present, arg);
        let message: string;
        if (result.passed) message = `header ${name} is ${result.describe}`;
        else if (matcher === '$exists' && arg === false) message = `expected no header ${name}, got ${formatValue(actual)}`;
        else if (!present) message = `expected header ${name}, got none`;
        else message = `expected header ${name} to be ${result.describe}, got ${formatValue(actual)}`;
        drafts.push({ ...base, expected: { [matcher]: arg }, passed: result.passed, message });
      }
      continue;
    }

    const text = typeof expected === 'string' ? expected : JSON.stringify(expected);
    const passed = actual === text;
    let message: string;
    if (passed) message = `header ${name} is ${formatValue(text)}`;
    else if (!present) message = `expected header ${name}, got none`;
    else message = `expected header ${name} ${formatValue(text)}, got ${formatValue(actual)}`;
    drafts.push({ ...base, expected: text, passed, message });
  }
  return drafts;
}

function checkJson(exchange: Exchange, expectation: Expectation): Draft[] {
  const { schema, body } = expectation;
  if (schema === undefined && body === undefined) return [];
  const parsed = responseJson(exchange.response);
  if (!parsed.ok) {
    // One failure for the body and the schema together: both only restate that the body is not JSON.
    const kind = body === undefined ? 'schema' : 'body';
    return [
      {
        kind,
        pointer: '',
        expected: 'a JSON body',
        actual: exchange.response.body === '' ? undefined : truncate(exchange.response.body),
        passed: false,
        message: describeNonJson(exchange.response),
        suitePointer: kind === 'body' ? '/body' : '/schema',
      },
    ];
  }

  const drafts: Draft[] = [];
  if (schema !== undefined) {
    if (!isSchemaName(schema)) throw new InternalError(`expect.schema "${schema}" is not a SCIM schema name; the suite loader should have rejected it`);
    const issues = validateScim(schema, parsed.value);
    for (const issue of issues) {
      drafts.push({
        kind: 'schema',
        pointer: issue.pointer,
        expected: schema,
        actual: issue.actual,
        passed: false,
        message: issue.message,
        suitePointer: '/schema',
      });
    }
    if (issues.length === 0) {
      drafts.push({
        kind: 'schema',
        pointer: '',
        expected: schema,
        actual: undefined,
        passed: true,
        message: `body is a valid SCIM ${schema}`,
        suitePointer: '/schema',
      });
    }
  }
  if (body !== undefined) {
    for (const leaf of matchBody(parsed.value, body)) {
      drafts.push({
        kind: 'body',
        pointer: leaf.pointer,
        expected: leaf.expected,
        actual: leaf.actual,
        passed: leaf.passed,
        message: leaf.message,
        suitePointer: `/body${leaf.suitePointer}`,
      });
    }
  }
  return drafts;
}

function checkTiming(exchange: Exchange, expectation: Expectation): Draft[] {
  const limit = expectation.maxTimeMs;
  if (limit === undefined) return [];
  const took = exchange.timings.total;
  const measured = took >= 0;
  const passed = measured && took <= limit;
  let message: string;
  if (!measured) message = `expected a response within ${limit} ms, but the time was not measured`;
  else if (passed) message = `responded in ${Math.round(took)} ms (limit ${limit} ms)`;
  else message = `expected a response within ${limit} ms, took ${Math.round(took)} ms`;
  return [
    { kind: 'timing', pointer: '', expected: limit, actual: measured ? took : undefined, passed, message, suitePointer: '/maxTimeMs' },
  ];
}
