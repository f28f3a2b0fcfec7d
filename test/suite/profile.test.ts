import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ScimCheckErrors } from '../../src/errors.js';
import { builtinProfilePath, loadProfileFile, loadProfileText, packageRoot } from '../../src/suite/index.js';

const demo = fileURLToPath(new URL('../../fixtures/suites/profiles/demo.yaml', import.meta.url));

function errorsOf(text: string, knownFeatures?: string[]): string[] {
  try {
    loadProfileText(text, 'p.yaml', { knownFeatures });
  } catch (error) {
    if (error instanceof ScimCheckErrors) return error.errors.map((e) => `${e.location?.line}:${e.location?.column} ${e.code} ${e.detail}`);
    throw error;
  }
  throw new Error('expected the profile to be rejected');
}

describe('profiles', () => {
  it('loads every key of a profile', async () => {
    const profile = await loadProfileFile(demo, { displayPath: 'demo.yaml' });
    expect(profile).toMatchObject({
      id: 'demo',
      title: 'Demo app',
      variant: 'aiw',
      baseUrl: 'https://example.com/scim/v2',
      features: { createUsers: 'on', updateUsers: 'off', passwordSync: 'unsupported' },
      vars: { user: { userName: 'demo-{{ run.id }}@example.com' } },
      notes: { passwordSync: 'Demo does not sync passwords from Okta.' },
      file: 'demo.yaml',
    });
    expect(profile.locate('/features/passwordSync')).toEqual({ file: 'demo.yaml', line: 10, column: 17 });
  });

  it('defaults variant to oin and vars/notes to empty', () => {
    const profile = loadProfileText('id: p\ntitle: P\nfeatures: {}\n', 'p.yaml');
    expect(profile).toMatchObject({ variant: 'oin', vars: {}, notes: {}, features: {} });
  });

  it('reports every problem with suggestions', () => {
    const text = 'id: p\ntitle: P\nvariant: oim\nfeatures:\n  createUsers: yes\n  pushGroup: on\nnote: {}\nvars: { a: "{{ run.id | uper }}" }\n';
    expect(errorsOf(text, ['createUsers', 'pushGroups'])).toEqual([
      '3:10 profile.badValue variant "oim" is not one of oin, aiw; did you mean "oin"?',
      '5:16 profile.badValue createUsers "yes" is not one of on, off, unsupported',
      '6:3 profile.unknownFeature no suite has feature "pushGroup"; did you mean "pushGroups"?',
      '7:1 profile.unknownKey unknown key "note" in profile; did you mean "notes"?',
      '8:13 profile.unknownFilter unknown filter "uper" in {{ run.id | uper }}; did you mean "upper"?',
    ]);
  });

  it('requires id, title and features', () => {
    expect(errorsOf('id: p\n')).toEqual(['1:1 profile.missingKey missing key "title" in profile', '1:1 profile.missingKey missing key "features" in profile']);
  });

  it('finds built-in paths from the package root', () => {
    expect(builtinProfilePath('okta')).toBe(`${packageRoot()}/suites/profiles/okta.yaml`);
  });
});
