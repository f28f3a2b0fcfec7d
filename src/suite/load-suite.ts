// Loads a suite file: YAML → schema check → semantic checks (templates, matchers, fixtures) → the Suite model.
// Every problem of a file is collected and thrown at once; nothing here sends a request.
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ScimCheckError, ScimCheckErrors } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken, parsePointer } from '../shared/json-pointer.js';
import { readInputFile, readInputFileSync } from '../shared/read-input.js';
import { didYouMean, suggest } from '../shared/suggest.js';
import { schemaErrors } from './compile-schema.js';
import { HEADER_NAME, expandHeaderMap, mergeHeaders } from './header-sets.js';
import { checkHeaderMatchers, checkMatcherTree } from './matchers.js';
import { translateSchemaErrors } from './schema-errors.js';
import { locator } from './position-tree.js';
import { parseYaml, preloadYaml } from './source-map.js';
import type { SourceMap } from './source-map.js';
import { SuiteError } from './suite-error.js';
import { suiteSchema } from './suite-schema.js';
import { TEMPLATE_FILTERS, templateRefs } from './templates.js';
import type { TemplateRef } from './templates.js';
import type { Expectation, FixtureUse, Level, PagingSpec, RequestSpec, Step, StepCondition, Suite } from './types.js';

export interface LoadOptions {
  /** The built-in fixtures folder: `$fixture: path` is read from here when the suite's own folder lacks it. */
  fixturesDir: string;
  /** The suite file's folder, searched first for `$fixture` (loadSuiteFile sets it from the path). */
  suiteDir?: string | undefined;
  /** The file name shown in errors and kept in Suite.file (defaults to the path given). */
  displayPath?: string | undefined;
  /** When given, `{{ env.NAME }}` must name a variable set here. */
  env?: Record<string, string | undefined> | undefined;
  /** Variable roots a profile adds (its `vars` keys), usable in templates besides the suite's vars. */
  extraVarRoots?: string[] | undefined;
}

/** Template roots the runner always provides (README "Templates"). */
const RESERVED_ROOTS = ['run', 'env', 'random', 'page'];
const BUILTIN_NAMES: Record<string, readonly string[]> = {
  run: ['id', 'startedAt'],
  random: ['uuid', 'hex', 'int'],
  page: ['startIndex', 'count'],
};
/** Okta's import page size (okta-protocol.md §2.2) and a safety limit on pages. */
const DEFAULT_PAGING: PagingSpec = { count: 100 };
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Reads and loads a suite file; a missing, special or oversized file is an `input.*` error. */
export async function loadSuiteFile(path: string, options: LoadOptions): Promise<Suite> {
  const shown = options.displayPath ?? path;
  const [text] = await Promise.all([readInput(path, shown), preloadYaml()]);
  return loadSuiteText(text, path, { suiteDir: dirname(resolve(path)), ...options, displayPath: shown });
}

/** Reads a suite or profile file named by the user (stat first: never blocks on a FIFO or reads a device). */
export async function readInput(path: string, shown: string): Promise<string> {
  return readInputFile(path, shown);
}

/** Parses, validates and normalises one suite; throws ScimCheckErrors holding every SuiteError found. */
export function loadSuiteText(text: string, file: string, options: LoadOptions): Suite {
  const shown = options.displayPath ?? file;
  const parsed = parseYaml(text, shown, 'suite');
  if (parsed.errors.length > 0) throw fail(parsed.errors, shown);
  const raw = parsed.value;
  const checker = new SuiteChecker(parsed.map, options);
  checker.errors.push(...translateSchemaErrors(schemaErrors(suiteSchema, raw, 'suite'), parsed.map, 'suite'));
  if (isPlainObject(raw)) checker.check(raw);
  if (checker.errors.length > 0) throw fail(checker.errors, shown);
  return normalise(raw as RawSuite, shown, parsed.map, checker.bodies);
}

/** Sorts errors by place and wraps them in one ScimCheckErrors. */
export function fail(errors: SuiteError[], file: string): ScimCheckErrors {
  const seen = new Set<string>();
  const unique = errors.filter((e) => {
    const key = `${e.location?.line ?? 0}:${e.location?.column ?? 0}:${e.code}:${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  unique.sort((a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.column ?? 0) - (b.location?.column ?? 0));
  return new ScimCheckErrors(unique, `${file}: ${unique.length} ${unique.length === 1 ? 'problem' : 'problems'}`);
}

// --- semantic checks -------------------------------------------------------------------------------

interface ResolvedBody {
  value: unknown;
  /** Set when the body came (partly) from a fixture. */
  fixture?: { path: string; keys: Set<string>; use?: FixtureUse };
}

interface StepInfo {
  index: number;
  id: string;
  captures: string[];
}

/** Checks what the JSON Schema cannot: ids, templates, matchers, fixtures. Tolerates any shape. */
class SuiteChecker {
  readonly errors: SuiteError[] = [];
  /** Request bodies with `$fixture` resolved, by the body's pointer. */
  readonly bodies = new Map<string, ResolvedBody>();
  readonly #map: SourceMap;
  readonly #options: LoadOptions;
  #vars: Record<string, unknown> = {};
  readonly #extra: Set<string>;

  constructor(map: SourceMap, options: LoadOptions) {
    this.#map = map;
    this.#options = options;
    this.#extra = new Set(options.extraVarRoots ?? []);
  }

  check(raw: Record<string, unknown>): void {
    const vars = isPlainObject(raw['vars']) ? raw['vars'] : {};
    this.#vars = vars;
    const earlierVars = new Set<string>();
    for (const [name, value] of Object.entries(vars)) {
      const at = `/vars/${escapePointerToken(name)}`;
      if (RESERVED_ROOTS.includes(name)) this.#error('reservedName', `variable name "${name}" is reserved for {{ ${name}.… }}; choose another name`, this.#map.locateKey(at));
      const roots = new Set([...earlierVars, ...this.#extra]);
      for (const ref of templateRefs(value, at)) this.#checkRef(ref, { roots, later: new Map(), paging: false, inVars: Object.keys(vars) });
      earlierVars.add(name);
    }

    const defaults = raw['defaults'];
    if (isPlainObject(defaults) && isPlainObject(defaults['headers'])) {
      this.#checkHeaders(defaults['headers'], '/defaults/headers');
      const roots = new Set([...Object.keys(vars), ...this.#extra]);
      for (const ref of templateRefs(defaults['headers'], '/defaults/headers')) this.#checkRef(ref, { roots, later: new Map(), paging: false });
    }
    if (isPlainObject(defaults) && defaults['expect'] !== undefined) {
      const roots = new Set([...Object.keys(vars), ...this.#extra]);
      const list = Array.isArray(defaults['expect']) ? defaults['expect'] : [defaults['expect']];
      list.forEach((e, j) => {
        const ep = `/defaults/expect/${Array.isArray(defaults['expect']) ? j : 0}`;
        if (isPlainObject(e)) this.#checkExpectation(e, ep, { roots, later: new Map(), paging: false });
      });
    }

    const steps = Array.isArray(raw['steps']) ? raw['steps'] : [];
    const infos: StepInfo[] = steps.map((step, index) => ({
      index,
      id: isPlainObject(step) && typeof step['id'] === 'string' ? step['id'] : '',
      captures: isPlainObject(step) && isPlainObject(step['capture']) ? Object.keys(step['capture']) : [],
    }));
    const firstById = new Map<string, number>();
    // Grows as steps are checked (vars, profile vars, then earlier captures, in that order), never copied per step.
    const roots = new Set([...Object.keys(vars), ...this.#extra]);
    const capturers = new Map<string, StepInfo[]>();
    for (const info of infos) {
      for (const name of info.captures) {
        const list = capturers.get(name);
        if (list === undefined) capturers.set(name, [info]);
        else list.push(info);
      }
    }
    for (const info of infos) {
      const step = steps[info.index];
      if (!isPlainObject(step)) continue;
      const at = `/steps/${info.index}`;
      if (info.id !== '') {
        const first = firstById.get(info.id);
        if (first === undefined) firstById.set(info.id, info.index);
        else this.#error('duplicateStepId', `step id "${info.id}" is already used by step ${first + 1} (line ${this.#map.locate(`/steps/${first}/id`).line})`, this.#map.locate(`${at}/id`));
      }
      for (const name of info.captures) {
        if (RESERVED_ROOTS.includes(name)) this.#error('reservedName', `capture name "${name}" is reserved for {{ ${name}.… }}; choose another name`, this.#map.locateKey(`${at}/capture/${escapePointerToken(name)}`));
      }
      const later = { get: (name: string): StepInfo | undefined => capturers.get(name)?.find((other) => other.index > info.index) };
      const paging = step['paging'] !== undefined;
      const scope: RefScope = { roots, later, paging, own: info };

      this.#checkRequest(step['request'], `${at}/request`, scope);
      const expect = step['expect'];
      const expectations = Array.isArray(expect) ? expect.map((e, j) => [e, `${at}/expect/${j}`] as const) : [[expect, `${at}/expect/0`] as const];
      for (const [e, ep] of expectations) if (isPlainObject(e)) this.#checkExpectation(e, ep, scope);
      for (const name of info.captures) roots.add(name);
      const cleanupScope: RefScope = { ...scope, own: undefined };
      const cleanup = step['cleanup'];
      if (Array.isArray(cleanup)) cleanup.forEach((c, j) => this.#checkRequest(c, `${at}/cleanup/${j}`, cleanupScope));
      else if (cleanup !== undefined) this.#checkRequest(cleanup, `${at}/cleanup/0`, cleanupScope);
    }
  }

  /** One expectation (a step's, or one of `defaults.expect`): its matchers, header names, numbers and templates. */
  #checkExpectation(e: Record<string, unknown>, ep: string, scope: RefScope): void {
    if (isPlainObject(e['headers'])) {
      this.#matcherIssues(checkHeaderMatchers(e['headers'], `${ep}/headers`));
      for (const name of Object.keys(e['headers'])) this.#checkHeaderName(name, `${ep}/headers/${escapePointerToken(name)}`);
    }
    if (e['body'] !== undefined) {
      this.#matcherIssues(checkMatcherTree(e['body'], `${ep}/body`));
      this.#checkNumbers(e['body'], `${ep}/body`);
    }
    for (const key of ['headers', 'body'] as const) for (const ref of templateRefs(e[key], `${ep}/${key}`)) this.#checkRef(ref, scope);
  }

  #checkRequest(request: unknown, at: string, scope: RefScope): void {
    if (!isPlainObject(request)) return;
    if (request['body'] !== undefined && request['rawBody'] !== undefined) {
      this.#error('conflict', 'request has both body and rawBody; keep one (rawBody is sent verbatim instead of body)', this.#map.locateKey(`${at}/rawBody`));
    }
    if (request['query'] !== undefined && request['rawQuery'] !== undefined) {
      this.#error('conflict', 'request has both query and rawQuery; keep one (rawQuery is sent verbatim instead of query)', this.#map.locateKey(`${at}/rawQuery`));
    }
    for (const key of ['path', 'query', 'rawQuery', 'headers', 'rawBody'] as const) {
      for (const ref of templateRefs(request[key], `${at}/${key}`)) this.#checkRef(ref, scope);
    }
    if (isPlainObject(request['headers'])) this.#checkHeaders(request['headers'], `${at}/headers`);
    if (typeof request['path'] === 'string') this.#checkUrlPart(request['path'], `${at}/path`, 'path');
    if (typeof request['rawQuery'] === 'string') this.#checkUrlPart(request['rawQuery'], `${at}/rawQuery`, 'rawQuery');
    if (request['body'] === undefined) return;
    const bodyAt = `${at}/body`;
    const body = this.#resolveBody(request['body'], bodyAt);
    this.#checkNumbers(request['body'], bodyAt);
    this.bodies.set(bodyAt, body);
    for (const ref of templateRefs(body.value, bodyAt)) {
      const top = ref.pointer.slice(bodyAt.length + 1).split('/')[0] ?? '';
      const fromFixture = body.fixture !== undefined && body.fixture.keys.has(parsePointer(`/${top}`)?.[0] ?? top);
      if (fromFixture && body.fixture !== undefined) this.#checkRef(ref, scope, { fixture: body.fixture.path, at: `${bodyAt}/$fixture` });
      else this.#checkRef(ref, scope);
    }
  }

  #resolveBody(body: unknown, at: string): ResolvedBody {
    for (const nested of nestedFixtures(body, at, true)) {
      this.#error('badValue', '$fixture is only read at the top of a request body', this.#map.locateKey(nested));
    }
    if (!isPlainObject(body) || !Object.hasOwn(body, '$fixture')) return { value: body };
    const { $fixture: name, ...overrides } = body;
    const where = this.#map.locate(`${at}/$fixture`);
    if (typeof name !== 'string' || name === '') {
      this.#error('type', `$fixture must be a path under the fixtures folder, such as okta/create-user.json`, where);
      return { value: overrides };
    }
    const found = this.#findFixture(name);
    if (found.outside) {
      this.#error('fixtureOutside', `fixture "${name}" is outside the suite's folder and the built-in fixtures folder; name a file under one of them, such as bodies/new-user.json or okta/create-user.json`, where);
      return { value: overrides };
    }
    if (found.path === undefined) {
      this.#error('fixtureNotFound', `fixture "${name}" exists neither next to the suite nor in the built-in fixtures${didYouMean(name, found.siblings)}`, where);
      return { value: overrides };
    }
    let text: string;
    try {
      text = readInputFileSync(found.path, name, { what: 'fixture' });
    } catch (error) {
      if (!(error instanceof ScimCheckError)) throw error;
      this.#error('fixtureInvalid', error.detail, where);
      return { value: overrides };
    }
    let content: unknown;
    try {
      content = JSON.parse(text);
    } catch (error) {
      this.#error('fixtureInvalid', `fixture "${name}" is not valid JSON: ${(error as Error).message}`, where);
      return { value: overrides };
    }
    if (Object.keys(overrides).length > 0 && !isPlainObject(content)) {
      this.#error('fixtureInvalid', `fixture "${name}" is not a JSON object, so the keys beside $fixture cannot override its fields`, where);
      return { value: overrides };
    }
    if (!isPlainObject(content)) return { value: content, fixture: { path: name, keys: new Set() } };
    const keys = new Set(Object.keys(content).filter((k) => !Object.hasOwn(overrides, k)));
    // Shallow on purpose: an override replaces a whole top-level attribute, as README "The suite format" says.
    return { value: { ...content, ...overrides }, fixture: { path: name, keys, use: { name, keys: Object.keys(content), overrides } } };
  }

  /** Names that are HTTP tokens, values on one line, no name twice: what undici would refuse mid-run. */
  #checkHeaders(headers: Record<string, unknown>, at: string): void {
    const seen = new Map<string, string>();
    for (const [name, value] of Object.entries(headers)) {
      if (name === '$use') continue;
      const where = `${at}/${escapePointerToken(name)}`;
      this.#checkHeaderName(name, where);
      const other = seen.get(name.toLowerCase());
      if (other !== undefined) this.#error('conflict', `header "${name}" is also written as "${other}"; header names ignore case, so keep one`, this.#map.locateKey(where));
      seen.set(name.toLowerCase(), name);
      // eslint-disable-next-line no-control-regex
      const control = typeof value === 'string' ? /[\r\n\0]|[\u0001-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(value) : null;
      if (control !== null) {
        const what = control[0] === '\r' || control[0] === '\n' ? 'a line break (CR or LF)' : `the control character ${JSON.stringify(control[0])}`;
        this.#error('badHeader', `header "${name}" has ${what} in its value; a header value is one line of text`, this.#map.locate(where));
      }
    }
  }

  #checkHeaderName(name: string, where: string): void {
    if (!HEADER_NAME.test(name)) {
      this.#error('badHeader', `header name ${JSON.stringify(name)} is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_\`|~ only, no spaces or colons)`, this.#map.locateKey(where));
    }
  }

  /** The literal parts of a path or raw query (templates are expanded when sent) must be sendable as written. */
  #checkUrlPart(text: string, where: string, field: 'path' | 'rawQuery'): void {
    const literal = text.replace(/\{\{(?:[^}]|\}(?!\}))*(?:\}\}|$)/g, '');
    // eslint-disable-next-line no-control-regex
    const bad = /[\s\u0000-\u001f\u007f#]/.exec(literal);
    if (bad === null) return;
    const shown = bad[0] === ' ' ? 'a space' : /\s|[\u0000-\u001f\u007f]/.test(bad[0]) ? `the control character ${JSON.stringify(bad[0])}` : `"${bad[0]}"`;
    const advice = bad[0] === '#' ? '; a fragment is never sent to the server' : '; percent-encode it (%20 for a space)';
    this.#error('badPath', `${field} ${JSON.stringify(text)} contains ${shown}${advice}`, this.#map.locate(where));
  }

  /** YAML's .inf and .nan have no JSON form: JSON.stringify would silently send null. */
  #checkNumbers(value: unknown, at: string): void {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      this.#error('badNumber', `${String(value)} is not a JSON number and cannot be sent or matched; write a finite number, or a string`, this.#map.locate(at));
    } else if (Array.isArray(value)) value.forEach((v, i) => this.#checkNumbers(v, `${at}/${i}`));
    else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) this.#checkNumbers(v, `${at}/${escapePointerToken(k)}`);
  }

  /** The suite's own folder first, then the built-in fixtures; a name may not climb out of either. */
  #findFixture(name: string): { path?: string; outside: boolean; siblings: string[] } {
    const dirs = [this.#options.suiteDir, this.#options.fixturesDir].filter((d): d is string => d !== undefined).map((d) => resolve(d));
    const inside = dirs.map((dir) => ({ dir, full: resolve(dir, name) })).filter(({ dir, full }) => {
      const rel = relative(dir, full);
      return !(isAbsolute(name) || rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel));
    });
    if (inside.length === 0) return { outside: true, siblings: [] };
    const hit = inside.find(({ full }) => existsSync(full));
    if (hit !== undefined) return { path: hit.full, outside: false, siblings: [] };
    return { outside: false, siblings: inside.flatMap(({ dir, full }) => siblingFiles(dir, full)) };
  }

  #matcherIssues(issues: ReturnType<typeof checkMatcherTree>): void {
    for (const issue of issues) {
      const kind = issue.code.slice('suite.'.length);
      this.#error(kind, issue.detail, issue.atKey ? this.#map.locateKey(issue.pointer) : this.#map.locate(issue.pointer));
    }
  }

  #checkRef(ref: TemplateRef, scope: RefScope, fixture?: { fixture: string; at: string }): void {
    // Placing text inside a scalar parses the file again: only done for a reference that is at fault.
    const where = (): SourceLocation => (fixture === undefined ? this.#map.locateText(ref.pointer, ref.raw) : this.#map.locate(fixture.at));
    const suffix = fixture === undefined ? '' : ` (in fixture ${fixture.fixture})`;
    const report = (kind: string, detail: string): void => this.#error(kind, `${detail}${suffix}`, where());
    if (ref.error !== undefined) return report('badTemplate', `${ref.raw}: ${ref.error}`);
    for (const filter of ref.filters) {
      if (!(TEMPLATE_FILTERS as readonly string[]).includes(filter)) {
        const hint = didYouMean(filter, TEMPLATE_FILTERS);
        return report('unknownFilter', `unknown filter "${filter}" in ${ref.raw}${hint === '' ? `; filters are ${TEMPLATE_FILTERS.join(', ')}` : hint}`);
      }
    }
    const [root = '', ...rest] = ref.path;
    const name = ref.path.join('.');
    const builtin = BUILTIN_NAMES[root];
    if (root === 'page' && !scope.paging) return report('unknownTemplate', `${ref.raw} is only available in a step with paging`);
    if (builtin !== undefined) {
      const leaf = rest[0] ?? '';
      if (rest.length === 1 && builtin.includes(leaf)) return;
      const full = builtin.map((b) => `${root}.${b}`);
      const hint = didYouMean(name, full);
      return report('unknownTemplate', `unknown template name "${name}"${hint === '' ? `; ${root} has ${full.join(', ')}` : hint}`);
    }
    if (root === 'env') {
      if (rest.length !== 1) return report('unknownTemplate', `${ref.raw} must name one environment variable, such as {{ env.SCIM_TOKEN }}`);
      const env = this.#options.env;
      if (env !== undefined && env[rest[0] ?? ''] === undefined) return report('envUnset', `${ref.raw} needs the environment variable ${rest[0] ?? ''}, which is not set`);
      return;
    }
    if (scope.roots.has(root)) {
      if (Object.hasOwn(this.#vars, root) && !this.#extra.has(root)) this.#checkVarPath(ref, report);
      return;
    }
    if (scope.inVars !== undefined && scope.inVars.includes(root)) {
      return report('unknownTemplate', `${ref.raw} uses variable "${root}" before it is defined; a variable may only use the ones above it`);
    }
    if (scope.own !== undefined && scope.own.captures.includes(root)) {
      return report('captureBeforeDefined', `${ref.raw} is captured by this step, so it is only available in its cleanup and in later steps`);
    }
    const later = scope.later.get(root);
    if (later !== undefined) {
      const line = this.#map.locate(`/steps/${later.index}/capture`).line;
      return report('captureBeforeDefined', `${ref.raw} is captured by step "${later.id}" (line ${line}), which runs after this one`);
    }
    const candidates = [...scope.roots, ...RESERVED_ROOTS.filter((r) => r !== 'page' || scope.paging)];
    const hit = suggest(root, candidates);
    const hint = hit === undefined ? '' : `; did you mean "${[hit, ...rest].join('.')}"?`;
    report('unknownTemplate', `unknown template name "${name}"${hint}`);
  }

  /** Follows a template path into a suite variable's literal value, so `user.userNmae` is caught. */
  #checkVarPath(ref: TemplateRef, report: (kind: string, detail: string) => void): void {
    let current: unknown = this.#vars;
    for (const [i, segment] of ref.path.entries()) {
      if (typeof current === 'string' || current === null || typeof current !== 'object') return;
      const keys = Array.isArray(current) ? current.map((_, j) => String(j)) : Object.keys(current);
      if (!keys.includes(segment)) {
        const hit = suggest(segment, keys);
        const known = [...ref.path.slice(0, i)].join('.');
        const hint = hit === undefined ? `; ${known} has ${keys.join(', ')}` : `; did you mean "${[...ref.path.slice(0, i), hit, ...ref.path.slice(i + 1)].join('.')}"?`;
        return report('unknownTemplate', `unknown template name "${ref.path.join('.')}"${hint}`);
      }
      current = (current as Record<string, unknown>)[segment];
    }
  }

  #error(kind: string, detail: string, location: SourceLocation): void {
    this.errors.push(new SuiteError(`suite.${kind}`, detail, location));
  }
}

interface RefScope {
  /** Names usable as a template root here: suite and profile vars, captures of earlier steps. */
  roots: Set<string>;
  /** Captures of later steps, to explain an ordering mistake. */
  later: Pick<Map<string, StepInfo>, 'get'>;
  paging: boolean;
  /** The step being checked (its captures are not yet available outside its cleanup). */
  own?: StepInfo | undefined;
  /** While checking vars: every var name, to explain a forward reference. */
  inVars?: string[] | undefined;
}

function nestedFixtures(value: unknown, at: string, top: boolean): string[] {
  const found: string[] = [];
  if (Array.isArray(value)) value.forEach((v, i) => found.push(...nestedFixtures(v, `${at}/${i}`, false)));
  else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$fixture' && !top) found.push(`${at}/$fixture`);
      found.push(...nestedFixtures(child, `${at}/${escapePointerToken(key)}`, false));
    }
  }
  return found;
}

/** Fixture names beside a missing one, relative to the fixtures folder, for "did you mean". */
function siblingFiles(dir: string, missing: string): string[] {
  try {
    return readdirSync(dirname(missing)).map((f) => relative(dir, resolve(dirname(missing), f)).split(sep).join('/'));
  } catch {
    return [];
  }
}

// --- normalisation (the document is valid by now) ------------------------------------------------

interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, string | number | boolean>;
  rawQuery?: string;
  headers?: Record<string, unknown>;
  body?: unknown;
  rawBody?: string;
}
interface RawExpectation {
  status?: number | number[];
  headers?: Record<string, unknown>;
  body?: unknown;
  schema?: string;
  maxTimeMs?: number;
  level?: Level;
  why?: string;
  hint?: string;
}
interface RawStep {
  id: string;
  title: string;
  level?: Level;
  why?: string;
  tags?: string[];
  checks?: string[];
  when?: StepCondition;
  request: RawRequest;
  expect?: RawExpectation | RawExpectation[];
  paging?: Partial<PagingSpec>;
  capture?: Record<string, string>;
  cleanup?: RawRequest | RawRequest[];
}
interface RawSuite {
  id: string;
  title: string;
  okta?: string;
  feature?: string;
  level?: Level;
  tags?: string[];
  description?: string;
  vars?: Record<string, unknown>;
  secrets?: string[];
  defaults?: { headers?: Record<string, unknown>; expect?: RawExpectation | RawExpectation[]; checks?: string[] };
  steps: RawStep[];
}

function normalise(raw: RawSuite, file: string, map: SourceMap, bodies: Map<string, ResolvedBody>): Suite {
  const suiteLevel = raw.level ?? 'required';
  const request = (r: RawRequest, pointer: string): RequestSpec => {
    const spec: RequestSpec = { method: r.method, path: r.path, pointer };
    if (r.query !== undefined) {
      const query = r.query;
      const written = (map.keysAt(`${pointer}/query`) ?? []).filter((k) => Object.hasOwn(query, k));
      // Keys from a YAML merge (`<<: *anchor`) are not written in this mapping; they follow in merge order.
      const order = [...new Set([...written, ...Object.keys(query)])];
      spec.query = order.map((k) => [k, String(query[k])]);
    }
    if (r.rawQuery !== undefined) spec.rawQuery = r.rawQuery;
    const hasBody = r.body !== undefined || r.rawBody !== undefined;
    if (r.headers !== undefined || raw.defaults?.headers !== undefined) {
      spec.headers = mergeHeaders(expandHeaderMap(raw.defaults?.headers, hasBody), expandHeaderMap(r.headers, hasBody));
    }
    const resolved = r.body === undefined ? undefined : bodies.get(`${pointer}/body`);
    if (r.body !== undefined) spec.body = resolved?.value ?? r.body;
    if (resolved?.fixture?.use !== undefined) spec.fixture = resolved.fixture.use;
    if (r.rawBody !== undefined) spec.rawBody = r.rawBody;
    if (raw.secrets !== undefined && raw.secrets.length > 0) spec.secretFields = raw.secrets;
    return spec;
  };
  const shared = raw.defaults?.expect === undefined ? [] : Array.isArray(raw.defaults.expect) ? raw.defaults.expect : [raw.defaults.expect];
  const steps = raw.steps.map((s, i): Step => {
    const at = `/steps/${i}`;
    const level = s.level ?? suiteLevel;
    const expectList = s.expect === undefined ? [] : Array.isArray(s.expect) ? s.expect : [s.expect];
    // Every step's own expectations, then the suite's shared ones (pointing at `defaults.expect` in the file).
    const written = [...expectList.map((e, j) => [e, `${at}/expect/${j}`] as const), ...shared.map((e, j) => [e, `/defaults/expect/${j}`] as const)];
    const expect = written.map(([e, pointer]): Expectation => {
      const out: Expectation = { level: e.level ?? level, pointer };
      if (e.status !== undefined) out.status = e.status;
      if (e.headers !== undefined) out.headers = e.headers;
      if (e.body !== undefined) out.body = e.body;
      if (e.schema !== undefined) out.schema = e.schema;
      if (e.maxTimeMs !== undefined) out.maxTimeMs = e.maxTimeMs;
      if (e.why !== undefined) out.why = e.why;
      if (e.hint !== undefined) out.hint = e.hint;
      return out;
    });
    const cleanupList = s.cleanup === undefined ? [] : Array.isArray(s.cleanup) ? s.cleanup : [s.cleanup];
    const step: Step = {
      id: s.id,
      title: s.title,
      level,
      tags: s.tags ?? [],
      checks: [...new Set([...(s.checks ?? []), ...(raw.defaults?.checks ?? [])])],
      writes: !READ_METHODS.has(s.request.method),
      request: request(s.request, `${at}/request`),
      expect,
      capture: s.capture ?? {},
      cleanup: cleanupList.map((c, j) => request(c, `${at}/cleanup/${j}`)),
      pointer: at,
    };
    if (s.why !== undefined) step.why = s.why;
    if (s.when !== undefined) step.when = s.when;
    if (s.paging !== undefined) step.paging = { ...DEFAULT_PAGING, ...s.paging };
    return step;
  });
  const suite: Suite = {
    id: raw.id,
    title: raw.title,
    level: suiteLevel,
    tags: raw.tags ?? [],
    vars: raw.vars ?? {},
    steps,
    file,
    locate: locator(map.positions(), file),
  };
  if (raw.okta !== undefined) suite.okta = raw.okta;
  if (raw.feature !== undefined) suite.feature = raw.feature;
  if (raw.description !== undefined) suite.description = raw.description;
  return suite;
}
