// The `users.attributes` suite, made from a profile's `attributes:` list: one user carrying every mapped attribute,
// then for each attribute Okta's PUT, Okta's PATCH (OIN apps), Okta's clear (an empty value), each read back, and
// the attribute's definition in the server's /Schemas. Built here rather than written in YAML because its steps
// depend on the profile; `list` and the reports show them like any other suite's steps.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isPlainObject } from '../shared/is-plain-object.js';
import { ATTRIBUTE_CATALOG, ENTERPRISE_USER_SCHEMA, resolveAttribute } from './attribute-catalog.js';
import type { CatalogAttribute } from './attribute-catalog.js';
import { fixturesDir } from './builtin.js';
import { expandHeaderMap } from './header-sets.js';
import { JSON_CONTENT_TYPE, JSON_CONTENT_TYPE_CHECK } from './content-type.js';
import type { Expectation, Level, Profile, RequestSpec, Step, StepGenerator, Suite } from './types.js';
import { advertisedBody, advertisedMatcher, planAdvertised } from './advertised-attributes.js';
import type { AdvertisedPlan } from './advertised-attributes.js';

export const ATTRIBUTE_SUITE_ID = 'users.attributes';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
type Json = Record<string, unknown>;

/** The state of one attribute on the user: a value, or cleared. */
type State = Map<string, { value: unknown } | 'cleared'>;

function fixture(profile: Profile, name: string): Json {
  const swapped = profile.fixtures?.[name]?.content;
  if (isPlainObject(swapped)) return structuredClone(swapped);
  return JSON.parse(readFileSync(join(fixturesDir(), name), 'utf8')) as Json;
}

/** The value an empty attribute is sent as: Okta sends cleared attributes as empty values (okta-protocol.md §2.6). */
function emptyOf(a: CatalogAttribute): unknown {
  return a.multiValued ? [] : '';
}

/** Writes `value` for `a` into a User body, adding the enterprise schema URN when its object appears. */
function put(body: Json, a: CatalogAttribute, value: unknown): void {
  if (a.parent === undefined) {
    body[a.attribute] = value;
    return;
  }
  const key = a.parent === 'name' ? 'name' : a.schema;
  const holder = isPlainObject(body[key]) ? { ...body[key] } : {};
  holder[a.attribute] = value;
  body[key] = holder;
  if (a.parent === 'extension') {
    const schemas = Array.isArray(body['schemas']) ? body['schemas'] : [];
    if (!schemas.includes(a.schema)) body['schemas'] = [...schemas, a.schema];
  }
}

function bodyWith(base: Json, attributes: readonly CatalogAttribute[], state: State): Json {
  const body = structuredClone(base);
  for (const a of attributes) {
    const s = state.get(a.name);
    if (s !== undefined) put(body, a, s === 'cleared' ? emptyOf(a) : s.value);
  }
  return body;
}

/** What a read of the user must show for `a`: the value (multi-valued: an array holding it), or nothing. */
function readMatcher(a: CatalogAttribute, value: unknown | 'cleared'): Json {
  let expected: unknown;
  if (value === 'cleared') expected = { $oneOf: [{ $exists: false }, null, '', []] };
  // Kept, even in the wrong shape: the array shape itself is checked apart (shapeExpectation), at its own level.
  else if (a.multiValued && Array.isArray(value)) expected = { $oneOf: [{ $contains: value[0] }, value[0]] };
  else if (a.name === 'userName' && typeof value === 'string') expected = { $equalsIgnoreCase: value };
  else expected = value;
  if (a.parent === undefined) return { [a.attribute]: expected };
  const key = a.parent === 'name' ? 'name' : a.schema;
  // A cleared sub-attribute may also go with its whole parent object.
  if (value === 'cleared') return { [`/${key.replaceAll('~', '~0').replaceAll('/', '~1')}/${a.attribute}`]: expected };
  return { [key]: { [a.attribute]: expected } };
}

/** For a multi-valued attribute: the value must be a JSON array (RFC 7643 §2.4), which Okta itself tolerates. */
function shapeExpectations(a: CatalogAttribute, value: unknown): Array<Omit<Expectation, 'pointer'>> {
  if (!a.multiValued || value === 'cleared') return [];
  return [{
    level: 'recommended',
    body: { [a.attribute]: { $type: 'array' } },
    why: `RFC 7643 §2.4: ${a.name} is multi-valued, so it is a JSON array even with one value; Okta tolerates another shape, other clients do not.`,
    hint: `Return ${a.name} as an array of objects.`,
  }];
}

/** The step-id part for an attribute: `name-middleName`, `enterprise-department`, `acme-costCenter` for a custom extension's. */
function slugOf(a: CatalogAttribute): string {
  if (a.parent !== 'extension' || a.schema === ENTERPRISE_USER_SCHEMA) return a.name.replace(/\./g, '-');
  const parts = a.schema.split(':');
  const after = parts.findIndex((p) => p.toLowerCase() === 'extension');
  const short = (after >= 0 ? parts[after + 1] : undefined) ?? parts.filter((p) => !/^(urn|ietf|params|scim|schemas|[\d.]+|user)$/i.test(p)).pop() ?? 'extension';
  return `${short}-${a.attribute}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

function shown(value: unknown): string {
  return JSON.stringify(value).replace(/\{\{ run\.id \}\}/g, '<run id>');
}

/** The generated suite, or undefined when the profile maps no attribute. */
export function attributeSuite(profile: Profile): Suite | undefined {
  const names = profile.attributes ?? [];
  const attributes = names.map(resolveAttribute).filter((a): a is CatalogAttribute => a !== undefined);
  if (attributes.length === 0) return undefined;
  const oin = profile.variant === 'oin';
  const discovery = profile.features['discovery'] === 'on';
  const createBase = fixture(profile, 'okta/create-user.json');
  const putBase = fixture(profile, 'okta/put-user.json');
  const deactivate = fixture(profile, 'okta/deactivate-user.json');
  const userName = ATTRIBUTE_CATALOG[0]?.values[0] as string;
  const steps: Step[] = [];
  /** Profile pointer each step points at (its attribute's entry, or the list). */
  const where: string[] = [];

  const request = (method: string, path: string, body: unknown, at: string): RequestSpec => {
    const spec: RequestSpec = { method, path, pointer: at };
    const headers = expandHeaderMap({ $use: 'okta' }, body !== undefined);
    if (headers !== undefined) spec.headers = headers;
    if (body !== undefined) spec.body = body;
    return spec;
  };
  const add: AddStep = (attrIndex, s): void => {
    const at = `/steps/${steps.length}`;
    const expect = [...s.expect, JSON_CONTENT_TYPE].map((e, j) => ({ ...e, pointer: `${at}/expect/${j}` }) as Expectation);
    const step: Step = {
      id: s.id,
      title: s.title,
      level: s.level,
      tags: ['users', 'attributes', ...(s.method === 'GET' ? [] : ['write'])],
      checks: [...(s.checks ?? []), JSON_CONTENT_TYPE_CHECK],
      writes: s.method !== 'GET',
      request: request(s.method, s.path, s.body, `${at}/request`),
      expect,
      capture: s.capture ?? {},
      cleanup: (s.cleanup ?? []).map((c, j) => request(c.method, c.path, c.body, `${at}/cleanup/${j}`)),
      pointer: at,
    };
    if (s.why !== undefined) step.why = s.why;
    if (s.when !== undefined) step.when = s.when;
    if (s.generate !== undefined) step.generate = s.generate(at);
    steps.push(step);
    where.push(attrIndex === undefined ? '/attributes' : `/attributes/${attrIndex}`);
  };

  const state: State = new Map(attributes.map((a) => [a.name, { value: a.values[0] }]));
  add(undefined, {
    id: 'create',
    title: `Okta creates a user carrying every mapped attribute (${attributes.map((a) => a.name).join(', ')})`,
    level: 'required',
    why: 'Okta POSTs whatever its attribute mapping holds with the new user (okta-protocol.md §2.4).',
    checks: ['okta-mapped-attributes'],
    method: 'POST',
    path: '/Users',
    body: bodyWith(createBase, attributes, state),
    expect: [
      {
        level: 'required',
        status: [200, 201],
        body: { id: { $type: 'string', $match: '\\S' } },
        why: 'Okta stores the returned id; without it no mapped attribute can ever be updated (okta-protocol.md §2.4).',
        hint: `Accept every attribute of the User schema and its extensions that Okta sends, and return the created User.${attributes.some((a) => a.name === 'enterprise.manager') ? ' The manager.value sent names no user of the app: a server that requires an existing user there refuses this create.' : ''}`,
      },
    ],
    capture: { userId: 'body.id' },
    cleanup: [
      { method: 'DELETE', path: '/Users/{{ userId }}' },
      { method: 'PATCH', path: '/Users/{{ userId }}', body: deactivate },
    ],
  });
  const readBack = (a: CatalogAttribute, i: number, id: string, after: string, level: Level, value: unknown | 'cleared', when?: Step['when']): void => {
    add(i, {
      id,
      title: `Reading the user back shows ${a.name} ${value === 'cleared' ? 'cleared' : `as ${after} wrote it`}`,
      level,
      why: `Every write is verified by reading the resource back: a 200 alone does not prove the server kept ${a.name}.`,
      checks: [
        after === 'the PATCH' ? 'okta-attribute-patch' : value === 'cleared' ? 'okta-attribute-cleared' : 'okta-attribute-round-trip',
        ...(after === 'the PATCH' ? [] : ['rfc7643-mapped-attributes']),
        ...(a.schema === ENTERPRISE_USER_SCHEMA ? ['rfc7643-4.3-enterprise'] : []),
        ...(a.multiValued && value !== 'cleared' ? ['rfc7643-2.4-multi-valued'] : []),
      ],
      ...(when === undefined ? {} : { when }),
      method: 'GET',
      path: '/Users/{{ userId }}',
      expect: [
        {
          level,
          status: 200,
          body: readMatcher(a, value),
          why:
            value === 'cleared'
              ? `Okta cleared ${a.name} and believes the app did too; a value still there is stale data in the app (okta-protocol.md §2.6, OIN QA case C9337).`
              : `Okta believes the app now holds ${a.name} = ${shown(value)}; a server that drops it or stores another shape loses the update silently (okta-protocol.md §2.4, §2.6; RFC 7643 §2.4${a.multiValued ? ': a multi-valued attribute is a JSON array' : ''}).`,
          hint:
            value === 'cleared'
              ? `Treat an empty value ("" or []) in a PUT as clearing ${a.name}, and return it absent or empty.`
              : `Store ${a.name} as sent${a.multiValued ? ', as an array of objects' : ''} and return it on GET.`,
        },
        ...shapeExpectations(a, value),
      ],
    });
  };

  add(undefined, {
    id: 'read-created',
    title: 'Reading the new user back shows every mapped attribute as created',
    level: 'required',
    why: 'Every write is verified by reading the resource back: a 201 alone does not prove the server kept what Okta sent.',
    checks: [
      'okta-attribute-round-trip',
      'rfc7643-mapped-attributes',
      ...(attributes.some((a) => a.schema === ENTERPRISE_USER_SCHEMA) ? ['rfc7643-4.3-enterprise'] : []),
      ...(attributes.some((a) => a.multiValued) ? ['rfc7643-2.4-multi-valued'] : []),
    ],
    method: 'GET',
    path: '/Users/{{ userId }}',
    expect: [
      { level: 'required', status: 200, why: 'Okta reads the user by id before every update (okta-protocol.md §2.5).' },
      ...attributes.map((a) => ({
        level: 'required' as Level,
        body: readMatcher(a, a.values[0]),
        why: `Okta believes the app holds ${a.name} = ${shown(a.values[0])} after the create; a server that drops it or stores another shape loses it silently (okta-protocol.md §2.4; RFC 7643 §2.4).`,
        hint: `Store ${a.name} as sent${a.multiValued ? ', as an array of objects' : ''} and return it on GET.`,
      })),
      ...attributes.flatMap((a) => shapeExpectations(a, a.values[0])),
    ],
  });

  attributes.forEach((a, i) => {
    const slug = slugOf(a);
    state.set(a.name, { value: a.values[1] });
    add(i, {
      id: `${slug}-put`,
      title: `Okta changes ${a.name} by PUT of the whole user`,
      level: 'required',
      why: `${oin ? 'OIN' : 'App Integration Wizard'} apps get attribute updates as GET then PUT of the whole user (okta-protocol.md §2.6).`,
      checks: ['okta-attribute-round-trip'],
      method: 'PUT',
      path: '/Users/{{ userId }}',
      body: bodyWith(putBase, attributes, state),
      expect: [{ level: 'required', status: 200, why: 'Okta expects 200 with the user on a PUT update (okta-protocol.md §2.6).' }],
    });
    readBack(a, i, `${slug}-read-put`, 'the PUT', 'required', a.values[1]);
    if (oin) {
      const patchValue: Json = {};
      const holder = bodyWith({}, [a], new Map([[a.name, { value: a.values[2] }]]));
      // Okta's shape: one path-less replace whose value holds the attribute (for name parts, the whole name).
      if (a.parent === 'name') {
        const name = bodyWith(putBase, attributes, new Map([...state, [a.name, { value: a.values[2] }]]))['name'];
        patchValue['name'] = name;
      } else if (a.parent === 'extension') patchValue[a.schema] = holder[a.schema];
      else patchValue[a.attribute] = a.values[2];
      state.set(a.name, { value: a.values[2] });
      add(i, {
        id: `${slug}-patch`,
        title: `${a.name} changed by Okta's PATCH shape (a path-less replace)`,
        level: 'recommended',
        why: 'Okta sends PATCH as one replace operation without a path whose value is an object (okta-protocol.md §2.7; RFC 7644 §3.5.2.3).',
        checks: ['okta-attribute-patch'],
        when: { capability: 'patch' },
        method: 'PATCH',
        path: '/Users/{{ userId }}',
        body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: patchValue }] },
        expect: [{ level: 'recommended', status: [200, 204], why: 'RFC 7644 §3.5.2: a successful PATCH answers 200 with the resource or 204.' }],
      });
      readBack(a, i, `${slug}-read-patch`, 'the PATCH', 'recommended', a.values[2], { capability: 'patch' });
    }
    if (a.clearable) {
      state.set(a.name, 'cleared');
      add(i, {
        id: `${slug}-clear`,
        title: `Okta clears ${a.name} (PUT with an empty value)`,
        level: 'required',
        why: 'An attribute emptied in Okta arrives as an empty value in the PUT (okta-protocol.md §2.6, OIN QA case C9337).',
        checks: ['okta-attribute-cleared'],
        method: 'PUT',
        path: '/Users/{{ userId }}',
        body: bodyWith(putBase, attributes, state),
        expect: [{ level: 'required', status: 200, why: 'Okta expects 200 when it clears an attribute; an error shows in its task list (okta-protocol.md §2.6).' }],
      });
      readBack(a, i, `${slug}-read-cleared`, 'the clear', 'required', 'cleared');
    }
    if (discovery) {
      const definition: Json = { name: a.attribute, type: a.type, multiValued: a.multiValued };
      const attrs = a.parent === 'name' ? { $contains: { name: 'name', subAttributes: { $contains: definition } } } : { $contains: definition };
      add(i, {
        id: `${slug}-schema`,
        title: `The server's /Schemas describes ${a.name} as Okta sends it (${a.multiValued ? 'multi-valued ' : ''}${a.type})`,
        level: 'optional',
        why: 'RFC 7643 §7 and RFC 7644 §4: /Schemas/{id} describes each attribute\'s type and multiValued; Okta reads it only for apps with entitlements (okta-protocol.md §1.3, §2.15).',
        checks: ['rfc7643-7-attribute-definition'],
        method: 'GET',
        path: `/Schemas/${a.schema}`,
        expect: [{
          level: 'optional',
          status: 200,
          body: { id: a.schema, attributes: attrs },
          why: `A schema that describes ${a.name} differently from what the server accepts misleads every client that reads it (RFC 7643 §7).`,
          hint: `List ${a.name} in /Schemas/${a.schema} with type "${a.type}" and multiValued ${String(a.multiValued)}.`,
        }],
      });
    }
  });

  if (discovery) addAdvertised(add, attributes, createBase, putBase, deactivate);

  const suite: Suite = {
    id: ATTRIBUTE_SUITE_ID,
    title: 'Mapped attributes, round-tripped',
    okta: 'Attribute Mappings',
    feature: 'updateUsers',
    level: 'required',
    tags: ['users', 'attributes'],
    description: `Every attribute profile ${profile.id} maps (its attributes: list) is created, changed by PUT${oin ? ' and by PATCH' : ''}, cleared, and read back after each write.`,
    vars: {
      user: {
        userName,
        givenName: ATTRIBUTE_CATALOG[1]?.values[0],
        familyName: ATTRIBUTE_CATALOG[2]?.values[0],
        externalId: '00u{{ run.id }}attrs01',
        password: '8xQ2mK4p',
      },
    },
    steps,
    file: profile.file,
    locate: (pointer) => {
      const index = /^\/steps\/(\d+)/.exec(pointer)?.[1];
      return profile.locate(index === undefined ? '/attributes' : (where[Number(index)] ?? '/attributes'));
    },
  };
  return suite;
}

type AddStep = (attrIndex: number | undefined, s: Omit<Step, 'pointer' | 'tags' | 'writes' | 'capture' | 'cleanup' | 'expect' | 'request' | 'generate'> & {
  method: string; path: string; body?: unknown; expect: Array<Omit<Expectation, 'pointer'>>; capture?: Record<string, string>;
  cleanup?: Array<{ method: string; path: string; body?: unknown }>;
  /** Made at run time; given the step's pointer so its expectations point into it. */
  generate?: (at: string) => StepGenerator;
}) => void;

const ADVERTISED_USER: Record<string, string> = {
  '{{ user.userName }}': 'scim-check-{{ run.id }}-advertised@example.com',
  '{{ user.externalId }}': '00u{{ run.id }}adv01',
  '{{ user.familyName }}': 'Advertised-{{ run.id }}',
  '{{ userId }}': '{{ advertisedUserId }}',
};

/** A fixture body for the advertised round trip's own user: the suite's user variables swapped for its own. */
function advertisedBase(body: unknown): Json {
  const swap = (v: unknown): unknown => {
    if (typeof v === 'string') return Object.entries(ADVERTISED_USER).reduce((text, [from, to]) => text.replaceAll(from, to), v);
    if (Array.isArray(v)) return v.map(swap);
    if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]));
    return v;
  };
  return swap(body) as Json;
}

/** Lower-case `schema:attribute` (or `schema:name.part`) of each mapped attribute: the advertised trip leaves them out. */
function mappedKeys(attributes: readonly CatalogAttribute[]): Set<string> {
  return new Set(attributes.map((a) => (a.parent === 'name' ? `${a.schema}:name.${a.attribute}` : `${a.schema}:${a.attribute}`).toLowerCase()));
}

const NOTHING_ADVERTISED = 'the server advertises no writable User attribute in /Schemas beyond those the profile maps';

/**
 * At optional: every other writable attribute the server's own /Schemas advertises, batched onto one user of its
 * own: one create, one PUT changing each, a read after each, one delete (its cleanup). The steps are made at run
 * time from the /Schemas answer (StepGenerator), so an advertised attribute the server silently drops is found.
 */
function addAdvertised(add: AddStep, attributes: readonly CatalogAttribute[], createBase: Json, putBase: Json, deactivate: Json): void {
  const mapped = mappedKeys(attributes);
  let cache: { document: unknown; plan: AdvertisedPlan } | undefined;
  const planOf = (document: unknown): AdvertisedPlan => {
    // Four steps read the same captured document; plan it once per run.
    if (cache === undefined || cache.document !== document) cache = { document, plan: planAdvertised(document, mapped) };
    return cache.plan;
  };
  const create = advertisedBase(createBase);
  const put = advertisedBase(putBase);
  const checks = ['rfc7643-7-advertised-attributes-kept'];
  const unfilled = (plan: AdvertisedPlan): string => (plan.unfillable.length === 0 ? '' : ` Not round-tripped: ${plan.unfillable.join('; ')}.`);
  const generator = (make: (plan: AdvertisedPlan) => { body?: unknown; expect?: Expectation[] }): StepGenerator => ({
    inputs: ['advertisedSchemas'],
    make: (inputs) => {
      const plan = planOf(inputs['advertisedSchemas']);
      return plan.attributes.length === 0 ? { inapplicable: NOTHING_ADVERTISED } : make(plan);
    },
  });
  const created: Omit<Expectation, 'pointer'> = {
    level: 'optional',
    status: [200, 201],
    body: { id: { $type: 'string', $match: '\\S' } },
    why: 'RFC 7644 §3.3: a create with attributes the server advertises succeeds and returns the user with its id.',
    hint: 'Accept every attribute /Schemas advertises as writable, with the type it declares.',
  };
  const reads = (at: string, n: 0 | 1, after: string): StepGenerator =>
    generator((plan) => ({
      expect: [
        { level: 'optional', status: 200, why: 'The user the advertised round trip created must be readable by id (RFC 7644 §3.4.1).', pointer: `${at}/expect/0` },
        ...plan.attributes.map((a, j): Expectation => ({
          level: 'optional',
          body: advertisedMatcher(a, n),
          why: `The server's /Schemas advertises ${a.label} (${a.declared}) as writable, and ${after} set it; a server that drops or changes it misleads every client that reads /Schemas, and an Okta admin who maps it loses the value silently (RFC 7643 §7, §2.4).`,
          hint: `Store ${a.label} as sent and return it on GET, or remove it from /Schemas if the app does not keep it.`,
          pointer: `${at}/expect/${j + 1}`,
        })),
        { ...JSON_CONTENT_TYPE, pointer: `${at}/expect/${plan.attributes.length + 1}` },
      ],
    }));

  add(undefined, {
    id: 'advertised-schemas',
    title: "Reading the server's /Schemas for the User attributes it advertises beyond the mapped ones",
    level: 'optional',
    why: 'RFC 7643 §7: /Schemas advertises what the server holds; the advertised round trip is made from this answer.',
    checks: ['rfc7643-7-schemas'],
    method: 'GET',
    path: '/Schemas',
    expect: [{ level: 'optional', status: 200, why: 'RFC 7644 §4: /Schemas lists the schemas the server supports.' }],
    capture: { advertisedSchemas: 'body' },
  });
  add(undefined, {
    id: 'advertised-create',
    title: 'Creating a user carrying every other writable attribute /Schemas advertises',
    level: 'optional',
    why: 'Each writable User attribute /Schemas advertises beyond those the profile maps gets a value of its declared type and shape (password, active and references to other resources left out, as the check\'s why lists): an advertised attribute the server silently drops is found (RFC 7643 §7).',
    checks,
    method: 'POST',
    path: '/Users',
    body: create,
    expect: [created],
    capture: { advertisedUserId: 'body.id' },
    cleanup: [
      { method: 'DELETE', path: '/Users/{{ advertisedUserId }}' },
      { method: 'PATCH', path: '/Users/{{ advertisedUserId }}', body: deactivate },
    ],
    generate: (at) => generator((plan) => ({
      body: advertisedBody(create, plan, 0),
      expect: [
        { ...created, why: `${created.why ?? ''} Sent: ${plan.attributes.map((a) => a.label).join(', ')}.${unfilled(plan)}`, pointer: `${at}/expect/0` },
        { ...JSON_CONTENT_TYPE, pointer: `${at}/expect/1` },
      ],
    })),
  });
  add(undefined, {
    id: 'advertised-read-created', title: 'Reading that user back shows every advertised attribute as created', level: 'optional',
    why: 'A 201 alone does not prove the server kept what it advertises.', checks, method: 'GET', path: '/Users/{{ advertisedUserId }}',
    expect: [{ level: 'optional', status: 200 }], generate: (at) => reads(at, 0, 'the create'),
  });
  add(undefined, {
    id: 'advertised-update', title: 'Changing every advertised attribute by PUT of the whole user', level: 'optional',
    why: 'Okta updates attributes by PUT of the whole user (okta-protocol.md §2.6); each advertised attribute gets a new value.',
    checks, method: 'PUT', path: '/Users/{{ advertisedUserId }}', body: put,
    expect: [{ level: 'optional', status: 200, why: 'RFC 7644 §3.5.1: a successful PUT answers 200 with the resource.' }],
    generate: (at) => generator((plan) => ({ body: advertisedBody(put, plan, 1) })),
  });
  add(undefined, {
    id: 'advertised-read-updated', title: 'Reading that user back shows every advertised attribute as the PUT changed it', level: 'optional',
    why: 'A 200 alone does not prove the server applied the change.', checks, method: 'GET', path: '/Users/{{ advertisedUserId }}',
    expect: [{ level: 'optional', status: 200 }], generate: (at) => reads(at, 1, 'the PUT'),
  });
}
