// A profile's `fixtures:` (the bodies its Okta app sends) and `attributes:` (what its mapping pushes): checked when
// the profile loads, at file:line:col, and applied to loaded suites; the attribute list becomes users.attributes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ScimCheckErrors } from '../../src/errors.js';
import type { ScimCheckError } from '../../src/errors.js';
import { builtinProfilePath, fixturesDir, loadProfileFile, loadProfileText, loadSuiteText } from '../../src/suite/index.js';
import { applyProfileFixtures } from '../../src/suite/profile-fixtures.js';
import { attributeSuite } from '../../src/suite/attribute-suite.js';
import { JSON_CONTENT_TYPE } from '../../src/suite/content-type.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-profile-bodies-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorsOf(text: string): string[] {
  try {
    loadProfileText(text, join(dir, 'p.yaml'), { displayPath: 'p.yaml' });
  } catch (error) {
    if (error instanceof ScimCheckErrors) return error.errors.map((e) => `${e.location?.file}:${e.location?.line}:${e.location?.column} ${e.code} ${e.detail}`);
    throw error;
  }
  throw new Error('expected the profile to be rejected');
}

const SUITE = `id: s
title: S
vars:
  user: { userName: u@example.com, givenName: A, familyName: B, externalId: x, password: p4ssw0rd }
steps:
  - id: create
    title: create
    request: { method: POST, path: /Users, body: { $fixture: okta/create-user.json, displayName: Override, title: Added } }
    expect: { status: 201 }
    capture: { userId: body.id }
    cleanup: { method: PATCH, path: '/Users/{{ userId }}', body: { $fixture: okta/deactivate-user.json } }
`;

describe('profile fixtures', () => {
  it('an unknown fixture name, on either side, is an error at its place in the profile', () => {
    const text = 'id: p\ntitle: P\nfeatures: {}\nfixtures:\n  okta/create-usr.json: okta/create-user-name-only.json\n  okta/put-user.json: okta/nope.json\n';
    expect(errorsOf(text)).toEqual([
      expect.stringMatching(/^p\.yaml:5:3 profile\.unknownFixture no fixture "okta\/create-usr\.json"/),
      expect.stringMatching(/^p\.yaml:6:23 profile\.unknownFixture no fixture "okta\/nope\.json"/),
    ]);
  });

  it('a fixture that is not a JSON object is refused', () => {
    writeFileSync(join(dir, 'list.json'), '[1, 2]');
    expect(errorsOf('id: p\ntitle: P\nfeatures: {}\nfixtures: { okta/create-user.json: list.json }\n')).toEqual([
      expect.stringMatching(/^p\.yaml:4:36 profile\.fixtureInvalid fixture "list\.json" is not a JSON object/),
    ]);
  });

  it('sends the profile body, keeping the suite keys except overrides of attributes the profile body lacks', () => {
    const profile = loadProfileText('id: p\ntitle: P\nfeatures: {}\nfixtures: { okta/create-user.json: okta/create-user-name-only.json }\n', 'p.yaml');
    const suite = loadSuiteText(SUITE, 's.yaml', { fixturesDir: fixturesDir() });
    expect(suite.steps[0]?.request.body).toMatchObject({ displayName: 'Override', emails: [{ value: '{{ user.userName }}' }], title: 'Added' });
    expect(applyProfileFixtures(profile, [suite])).toEqual([]);
    const body = suite.steps[0]?.request.body as Record<string, unknown>;
    // displayName overrides an attribute of Okta's full body that the names-only body does not send: dropped.
    // title is the suite's own addition: kept. The cleanup's fixture is not swapped.
    expect(Object.keys(body).sort()).toEqual(['active', 'externalId', 'groups', 'name', 'password', 'schemas', 'title', 'userName']);
    expect(suite.steps[0]?.cleanup[0]?.body).toEqual({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] });
  });

  it('a profile body using a variable the suite lacks is an error at the profile key', () => {
    writeFileSync(join(dir, 'manager.json'), JSON.stringify({ userName: '{{ user.userName }}', manager: '{{ boss.id }}' }));
    const profile = loadProfileText('id: p\ntitle: P\nfeatures: {}\nfixtures:\n  okta/create-user.json: manager.json\n', join(dir, 'p.yaml'), { displayPath: 'p.yaml' });
    const errors: ScimCheckError[] = applyProfileFixtures(profile, [loadSuiteText(SUITE, 's.yaml', { fixturesDir: fixturesDir() })]);
    expect(errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.detail}`)).toEqual([
      '5:26 fixture "manager.json" uses {{ boss.id }}, but suite s (s.yaml), which sends "okta/create-user.json", has no variable or capture "boss"',
    ]);
  });
});

describe('profile attributes', () => {
  it('an attribute outside the catalog is an error with a suggestion', () => {
    expect(errorsOf('id: p\ntitle: P\nfeatures: {}\nattributes: [title, enterprise.departmnt]\n')).toEqual([
      'p.yaml:4:21 profile.unknownAttribute no attribute "enterprise.departmnt" in scim-check\'s attribute catalog; did you mean "enterprise.department"?',
    ]);
  });

  it('the okta profile round-trips its base mapping: create, PUT, PATCH, clear, each read back, and /Schemas', async () => {
    const suite = attributeSuite(await loadProfileFile(builtinProfilePath('okta'), { displayPath: 'suites/profiles/okta.yaml' }));
    const ids = suite?.steps.map((s) => s.id) ?? [];
    expect(ids.slice(0, 2)).toEqual(['create', 'read-created']);
    expect(ids.filter((id) => id.startsWith('title-'))).toEqual(['title-put', 'title-read-put', 'title-patch', 'title-read-patch', 'title-clear', 'title-read-cleared', 'title-schema']);
    // userName and the required name parts are never sent empty by Okta.
    expect(ids.filter((id) => id.startsWith('userName-'))).toEqual(['userName-put', 'userName-read-put', 'userName-patch', 'userName-read-patch', 'userName-schema']);
    const create = suite?.steps[0]?.request.body as Record<string, unknown>;
    expect(create['schemas']).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
    expect(create).toMatchObject({ title: 'Engineer', phoneNumbers: [{ value: '415.123.4567', type: 'work', primary: true }], 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Engineering' } });
    const patch = suite?.steps.find((s) => s.id === 'enterprise-department-patch');
    expect(patch?.request.body).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'replace', value: { 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Finance' } } }],
    });
    expect(patch?.when).toEqual({ capability: 'patch' });
    const clear = suite?.steps.find((s) => s.id === 'phoneNumbers-clear')?.request.body as Record<string, unknown>;
    expect(clear['phoneNumbers']).toEqual([]);
    expect(clear['title']).toBe('');
    // Every generated step checks the answer's media type, and points at its attribute in the profile.
    for (const step of suite?.steps ?? []) expect(step.expect.some((e) => e.headers !== undefined && e.why === JSON_CONTENT_TYPE.why)).toBe(true);
    expect(suite?.locate(patch?.pointer ?? '')).toMatchObject({ file: 'suites/profiles/okta.yaml' });
    expect(suite?.locate(patch?.pointer ?? '').line).toBeGreaterThan(suite?.locate('/steps/0').line ?? 0);
  });

  it('an App Integration Wizard app gets no PATCH; Postman sends its names-only bodies', async () => {
    const aiw = attributeSuite(await loadProfileFile(builtinProfilePath('okta-aiw')));
    expect(aiw?.steps.some((s) => s.request.method === 'PATCH')).toBe(false);
    const postman = attributeSuite(await loadProfileFile(builtinProfilePath('postman')));
    expect(postman?.steps.map((s) => s.id).filter((id) => id.endsWith('-put') && !id.includes('read'))).toEqual(['userName-put', 'name-givenName-put', 'name-familyName-put']);
    expect(postman?.steps[0]?.request.body).not.toHaveProperty('emails');
    expect(postman?.steps.some((s) => s.id.endsWith('-schema'))).toBe(false);
  });

  it('a custom extension attribute is written as its schema URN, a colon and its name; other URN forms are errors', () => {
    const text = [
      'id: p', 'title: P', 'features: {}', 'attributes:',
      '  - urn:ietf:params:scim:schemas:extension:acme:2.0:User:costCenter',
      '  - urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department',
      '  - urn:ietf:params:scim:schemas:core:2.0:User:title',
      '  - "urn:ietf:params:scim:schemas:extension:acme:2.0:User:cost center"',
      '  - urn:ietf:params:scim:schemas:core:2.0:User:shoeSize',
      '',
    ].join('\n');
    expect(errorsOf(text)).toEqual([
      'p.yaml:6:5 profile.unknownAttribute write "enterprise.department" for an attribute of urn:ietf:params:scim:schemas:extension:enterprise:2.0:User; the URN form is for custom extensions',
      'p.yaml:7:5 profile.unknownAttribute write "title" for an attribute of urn:ietf:params:scim:schemas:core:2.0:User; the URN form is for custom extensions',
      'p.yaml:8:5 profile.unknownAttribute "urn:ietf:params:scim:schemas:extension:acme:2.0:User:cost center" is not a custom extension attribute: write the extension\'s schema URN, a colon and one attribute name (letters, digits, - and _), such as urn:ietf:params:scim:schemas:extension:acme:2.0:User:costCenter',
      expect.stringMatching(/^p\.yaml:9:5 profile\.unknownAttribute no attribute "shoeSize" of urn:ietf:params:scim:schemas:core:2\.0:User in scim-check's attribute catalog; known attributes are userName, .*enterprise\.manager$/),
    ]);
  });

  it('enterprise.manager and a custom extension attribute are round-tripped under their URNs, as Okta sends them', () => {
    const acme = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
    const suite = attributeSuite(loadProfileText(`id: p\ntitle: P\nfeatures: {}\nattributes: [enterprise.manager, "${acme}:costCenter"]\n`, 'p.yaml'));
    const create = suite?.steps[0]?.request.body as Record<string, unknown>;
    expect(create['schemas']).toEqual(['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', acme]);
    // Okta's managerId mapping sends manager.value (docs/okta-protocol.md §2.6).
    expect(create['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']).toEqual({ manager: { value: 'scim-check-{{ run.id }}-manager-1' } });
    expect(create[acme]).toEqual({ costCenter: 'costCenter-1-{{ run.id }}' });
    const ids = suite?.steps.map((s) => s.id) ?? [];
    expect(ids.filter((id) => id.startsWith('acme-costCenter-'))).toEqual(['acme-costCenter-put', 'acme-costCenter-read-put', 'acme-costCenter-patch', 'acme-costCenter-read-patch', 'acme-costCenter-clear', 'acme-costCenter-read-cleared']);
    // How Okta sends an emptied manager is not documented: no clearing round trip for it.
    expect(ids.filter((id) => id.startsWith('enterprise-manager-'))).toEqual(['enterprise-manager-put', 'enterprise-manager-read-put', 'enterprise-manager-patch', 'enterprise-manager-read-patch']);
    const patch = suite?.steps.find((s) => s.id === 'acme-costCenter-patch');
    expect(patch?.request.body).toMatchObject({ Operations: [{ op: 'replace', value: { [acme]: { costCenter: 'costCenter-3-{{ run.id }}' } } }] });
  });

  it('with discovery on, the advertised round trip follows, made at run time from the /Schemas answer', async () => {
    const suite = attributeSuite(await loadProfileFile(builtinProfilePath('okta')));
    const advertised = suite?.steps.filter((s) => s.id.startsWith('advertised-')) ?? [];
    expect(advertised.map((s) => [s.id, s.request.method, s.level])).toEqual([
      ['advertised-schemas', 'GET', 'optional'], ['advertised-create', 'POST', 'optional'], ['advertised-read-created', 'GET', 'optional'],
      ['advertised-update', 'PUT', 'optional'], ['advertised-read-updated', 'GET', 'optional'],
    ]);
    expect(advertised.slice(1).every((s) => s.generate?.inputs.includes('advertisedSchemas'))).toBe(true);
    expect(advertised[1]?.cleanup.map((c) => `${c.method} ${c.path}`)).toEqual(['DELETE /Users/{{ advertisedUserId }}', 'PATCH /Users/{{ advertisedUserId }}']);
    expect(attributeSuite(await loadProfileFile(builtinProfilePath('postman')))?.steps.some((s) => s.id.startsWith('advertised-'))).toBe(false);
  });

  it('a profile without attributes gets no generated suite', () => {
    expect(attributeSuite(loadProfileText('id: p\ntitle: P\nfeatures: {}\n', 'p.yaml'))).toBeUndefined();
  });
});
