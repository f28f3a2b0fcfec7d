// Loads a suite file: YAML → schema check → semantic checks (templates, matchers, fixtures) → the Suite model.
// Every problem of a file is collected and thrown at once; nothing here sends a request.
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ExitCode, ScimCheckError, ScimCheckErrors } from '../errors.js';
import type { SourceLocation } from '../errors.js';
import { schemaErrors } from './compile-schema.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken, parsePointer } from '../shared/json-pointer.js';
import { checkHeaderMatchers, checkMatcherTree } from './matchers.js';
import { translateSchemaErrors } from './schema-errors.js';
import { parseYaml } from './source-map.js';
import type { SourceMap } from './source-map.js';
import { SuiteError } from './suite-error.js';
import { suiteSchema } from './suite-schema.js';
import { didYouMean, suggest } from '../shared/suggest.js';
import { TEMPLATE_FILTERS, templateRefs } from './templates.js';
import type { TemplateRef } from './templates.js';
import type { Expectation, Level, PagingSpec, RequestSpec, Step, StepCondition, Suite } from './types.js';

export interface LoadOptions {
  /** Folder `$fixture: path` is read from (the package's fixtures/ for built-in suites). */
  fixturesDir: string;
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

/** Reads and loads a suite file; a missing file is an `input.notFound` error. */
export async function loadSuiteFile(path: string, options: LoadOptions): Promise<Suite> {
  const shown = options.displayPath ?? path;
  return loadSuiteText(await readInput(path, shown), path, { ...options, displayPath: shown });
}

/** Reads a suite or profile file named by the user, turning a missing file into a clear error. */
export async function readInput(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScimCheckError({ code: 'input.notFound', exitCode: ExitCode.INVALID_INPUT, title: 'File not found', detail: `cannot read ${shown}: ${reason}` });
  }
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
  fixture?: { path: string; keys: Set<string> };
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

    const steps = Array.isArray(raw['steps']) ? raw['steps'] : [];
    const infos: StepInfo[] = steps.map((step, index) => ({
      index,
      id: isPlainObject(step) && typeof step['id'] === 'string' ? step['id'] : '',
      captures: isPlainObject(step) && isPlainObject(step['capture']) ? Object.keys(step['capture']) : [],
    }));
    const firstById = new Map<string, number>();
    const captured = new Set<string>();
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
      const later = new Map<string, StepInfo>();
      for (const other of infos.slice(info.index + 1)) for (const name of other.captures) if (!later.has(name)) later.set(name, other);
      const roots = new Set([...Object.keys(vars), ...this.#extra, ...captured]);
      const paging = step['paging'] !== undefined;
      const scope: RefScope = { roots, later, paging, own: info };

      this.#checkRequest(step['request'], `${at}/request`, scope);
      const expect = step['expect'];
      const expectations = Array.isArray(expect) ? expect.map((e, j) => [e, `${at}/expect/${j}`] as const) : [[expect, `${at}/expect/0`] as const];
      for (const [e, ep] of expectations) {
        if (!isPlainObject(e)) continue;
        if (isPlainObject(e['headers'])) this.#matcherIssues(checkHeaderMatchers(e['headers'], `${ep}/headers`));
        if (e['body'] !== undefined) this.#matcherIssues(checkMatcherTree(e['body'], `${ep}/body`));
        for (const key of ['headers', 'body'] as const) for (const ref of templateRefs(e[key], `${ep}/${key}`)) this.#checkRef(ref, scope);
      }
      const cleanupScope: RefScope = { ...scope, roots: new Set([...roots, ...info.captures]), own: undefined };
      const cleanup = step['cleanup'];
      if (Array.isArray(cleanup)) cleanup.forEach((c, j) => this.#checkRequest(c, `${at}/cleanup/${j}`, cleanupScope));
      else if (cleanup !== undefined) this.#checkRequest(cleanup, `${at}/cleanup/0`, cleanupScope);
      for (const name of info.captures) captured.add(name);
    }
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
    if (request['body'] === undefined) return;
    const bodyAt = `${at}/body`;
    const body = this.#resolveBody(request['body'], bodyAt);
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
    const dir = resolve(this.#options.fixturesDir);
    const full = resolve(dir, name);
    const rel = relative(dir, full);
    if (isAbsolute(name) || rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
      this.#error('fixtureOutside', `fixture "${name}" is outside the fixtures folder; name a file under it, such as okta/create-user.json`, where);
      return { value: overrides };
    }
    let text: string;
    try {
      text = readFileSync(full, 'utf8');
    } catch {
      this.#error('fixtureNotFound', `fixture "${name}" does not exist in the fixtures folder${didYouMean(name, siblingFiles(dir, full))}`, where);
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
    return { value: { ...content, ...overrides }, fixture: { path: name, keys } };
  }

  #matcherIssues(issues: ReturnType<typeof checkMatcherTree>): void {
    for (const issue of issues) {
      const kind = issue.code.slice('suite.'.length);
      this.#error(kind, issue.detail, issue.atKey ? this.#map.locateKey(issue.pointer) : this.#map.locate(issue.pointer));
    }
  }

  #checkRef(ref: TemplateRef, scope: RefScope, fixture?: { fixture: string; at: string }): void {
    const where = fixture === undefined ? this.#map.locateText(ref.pointer, ref.raw) : this.#map.locate(fixture.at);
    const suffix = fixture === undefined ? '' : ` (in fixture ${fixture.fixture})`;
    const report = (kind: string, detail: string): void => this.#error(kind, `${detail}${suffix}`, where);
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
  later: Map<string, StepInfo>;
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
  headers?: Record<string, string | number>;
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
    if (r.headers !== undefined) spec.headers = Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, String(v)]));
    if (r.body !== undefined) spec.body = bodies.get(`${pointer}/body`)?.value ?? r.body;
    if (r.rawBody !== undefined) spec.rawBody = r.rawBody;
    return spec;
  };
  const steps = raw.steps.map((s, i): Step => {
    const at = `/steps/${i}`;
    const level = s.level ?? suiteLevel;
    const expectList = s.expect === undefined ? [] : Array.isArray(s.expect) ? s.expect : [s.expect];
    const expect = expectList.map((e, j): Expectation => {
      const out: Expectation = { level: e.level ?? level, pointer: `${at}/expect/${j}` };
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
      checks: s.checks ?? [],
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
    locate: (pointer) => map.locate(pointer),
  };
  if (raw.okta !== undefined) suite.okta = raw.okta;
  if (raw.feature !== undefined) suite.feature = raw.feature;
  if (raw.description !== undefined) suite.description = raw.description;
  return suite;
}
