// docs/requirements.md and the built-in suites agree both ways: every requirement id a step names is a row of the
// map, and every step a row names exists and names that row. The map's counts line stays true.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinProfilePath, builtinSuitesDir, fixturesDir, listBuiltinProfiles, loadProfileFile, loadSuiteFile } from '../../src/suite/index.js';
import { attributeSuite } from '../../src/suite/attribute-suite.js';
import { JSON_CONTENT_TYPE, JSON_CONTENT_TYPE_CHECK } from '../../src/suite/content-type.js';
import type { Expectation, Step } from '../../src/suite/index.js';

const MAP = fileURLToPath(new URL('../../docs/requirements.md', import.meta.url));

interface Row {
  id: string;
  level: string;
  /** `suite.step` ids, or undefined for a row marked "not checked". */
  steps: string[] | undefined;
  notChecked: string | undefined;
}

function readMap(): Row[] {
  const rows: Row[] = [];
  for (const line of readFileSync(MAP, 'utf8').split('\n')) {
    const m = /^\| `([a-z0-9.-]+)` \| (.+) \| (.+) \| (required|recommended|optional|[^|]+) \| (.+) \|$/.exec(line);
    if (m === null) continue;
    const [, id = '', , , level = '', by = ''] = m;
    const notChecked = by.startsWith('not checked:') ? by.slice('not checked:'.length).trim() : undefined;
    const steps = notChecked === undefined ? [...by.matchAll(/`([^`]+)`/g)].map((x) => x[1] ?? '') : undefined;
    rows.push({ id, level, steps, notChecked });
  }
  return rows;
}

/** Every built-in step by `suite.step` id: the YAML suites, and the steps generated from each built-in profile's
 * `attributes:` list (users.attributes), all profiles together. */
async function builtinSteps(): Promise<Map<string, Step[]>> {
  const files = readdirSync(builtinSuitesDir()).filter((f) => f.endsWith('.yaml'));
  const out = new Map<string, Step[]>();
  for (const file of files) {
    const suite = await loadSuiteFile(join(builtinSuitesDir(), file), { fixturesDir: fixturesDir(), displayPath: `suites/okta/${file}` });
    for (const step of suite.steps) out.set(`${suite.id}.${step.id}`, [step]);
  }
  for (const name of await listBuiltinProfiles()) {
    const suite = attributeSuite(await loadProfileFile(builtinProfilePath(name)));
    for (const step of suite?.steps ?? []) {
      const id = `${suite?.id ?? ''}.${step.id}`;
      out.set(id, [...(out.get(id) ?? []), step]);
    }
  }
  return out;
}

async function stepChecks(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const [id, steps] of await builtinSteps()) out.set(id, [...new Set(steps.flatMap((s) => s.checks ?? []))]);
  return out;
}

/** The suite-wide media-type expectation every built-in step carries; it checks its own row only. */
const isContentTypeDefault = (e: Expectation): boolean => JSON.stringify(e.headers) === JSON.stringify(JSON_CONTENT_TYPE.headers) && e.level === JSON_CONTENT_TYPE.level;

/**
 * Steps that check a row at a level other than the row's, each with the reason (docs/requirements.md says so too).
 * `row` unset: every row the step names.
 */
const LEVEL_EXCEPTIONS: Array<{ step: RegExp; row?: string; except?: string; reason: string }> = [
  {
    step: /^oin-spec-test\./,
    except: 'oin-spec-test',
    reason: "Okta's SPEC test is replayed whole at recommended: what only it checks does not break Okta; the Okta feature steps check the same rows at their own level",
  },
  { step: /^oin-spec-test\.groups-endpoint$/, row: 'oin-spec-test', reason: 'the SPEC test marks its groups step optional' },
  {
    step: /^users\.update\.(read-)?patch$/,
    row: 'rfc7644-3.5.2-pathless-replace',
    reason: 'OIN apps send attribute updates as PUT (okta-protocol.md §2.6): a name changed by PATCH is a path Okta never uses; deactivation, password sync and the group rename check the row at required',
  },
  {
    step: /^users\.attributes\.enterprise-.*-read-patch$/,
    row: 'rfc7643-4.3-enterprise',
    reason: "the attribute suite reads Okta's PATCH shape back at recommended (okta-protocol.md §2.6); the create, PUT and clear read-backs check the row at required",
  },
];

const excepted = (row: string, step: string): boolean =>
  LEVEL_EXCEPTIONS.some((x) => x.step.test(step) && (x.row === undefined || x.row === row) && x.except !== row);

/** A row's entry is a step id, or a pattern with `*` standing for any run of characters (generated steps). */
function matching(entry: string, steps: Iterable<string>): string[] {
  if (!entry.includes('*')) return [...steps].filter((s) => s === entry);
  const pattern = new RegExp(`^${entry.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return [...steps].filter((s) => pattern.test(s));
}

describe('the requirements map', { timeout: 60_000 }, () => {
  const rows = readMap();
  const byId = new Map(rows.map((r) => [r.id, r]));

  it('has rows with unique ids and a level each', () => {
    expect(rows.length).toBeGreaterThan(50);
    expect(byId.size).toBe(rows.length);
    for (const row of rows) expect.soft(['required', 'recommended', 'optional'], row.id).toContain(row.level);
  });

  it('gives a reason for every row no step checks', () => {
    for (const row of rows) {
      if (row.steps === undefined) expect.soft(row.notChecked, row.id).toMatch(/\w{3,}/);
      else expect.soft(row.steps.length, row.id).toBeGreaterThan(0);
    }
  });

  it('knows every requirement id a step names', async () => {
    for (const [step, ids] of await stepChecks()) {
      for (const id of ids) expect.soft(byId.has(id), `${step} names ${id}, which docs/requirements.md does not have`).toBe(true);
    }
  });

  it('names only steps that exist and name the row back', async () => {
    const checks = await stepChecks();
    for (const row of rows) {
      for (const entry of row.steps ?? []) {
        const steps = matching(entry, checks.keys());
        expect.soft(steps.length, `${row.id} names ${entry}, which does not exist`).toBeGreaterThan(0);
        for (const step of steps) expect.soft(checks.get(step) ?? [], `${step} does not name ${row.id}`).toContain(row.id);
      }
    }
    // And the other way: a step naming a row is listed in that row.
    for (const [step, ids] of checks) {
      for (const id of ids) {
        const row = byId.get(id);
        if (row === undefined) continue;
        expect.soft((row.steps ?? []).some((entry) => matching(entry, [step]).length > 0), `${id} is marked not checked but ${step} checks it`).toBe(true);
      }
    }
  });

  it('gives each row the level of an expectation in every step that checks it', async () => {
    const steps = await builtinSteps();
    for (const row of rows) {
      for (const entry of row.steps ?? []) {
        for (const id of matching(entry, steps.keys())) {
          if (excepted(row.id, id)) continue;
          // A generated step differs by profile (Postman maps no multi-valued attribute): its levels are the union.
          const own = (steps.get(id) ?? []).flatMap((step) => step.expect).filter((e) => row.id === JSON_CONTENT_TYPE_CHECK || !isContentTypeDefault(e));
          const levels = [...new Set(own.map((e) => e.level))];
          expect.soft(levels, `${row.id} is ${row.level}, but ${id} checks it only at ${levels.join(', ')}`).toContain(row.level);
        }
      }
    }
  });

  it('states its counts truly', () => {
    const checked = rows.filter((r) => r.steps !== undefined).length;
    expect(readFileSync(MAP, 'utf8')).toContain(`${rows.length} rows; ${checked} checked by built-in steps, ${rows.length - checked} not checked`);
  });
});
