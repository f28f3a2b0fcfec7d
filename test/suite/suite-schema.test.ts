// Pins suites/*.schema.json to the schemas the loader validates with, so the published files never drift.
import { describe, expect, it } from 'vitest';
import { SCHEMA_NAMES } from '../../src/suite/index.js';
import { profileSchema } from '../../src/suite/profile-schema.js';
import { suiteSchema } from '../../src/suite/suite-schema.js';

describe('published JSON Schemas', () => {
  it('suites/suite.schema.json is the loader schema', async () => {
    await expect(`${JSON.stringify(suiteSchema, null, 2)}\n`).toMatchFileSnapshot('../../suites/suite.schema.json');
  });

  it('suites/profile.schema.json is the loader schema', async () => {
    await expect(`${JSON.stringify(profileSchema, null, 2)}\n`).toMatchFileSnapshot('../../suites/profile.schema.json');
  });

  it('offers every SCHEMA_NAMES entry, and only those, for expect.schema', () => {
    expect(suiteSchema.definitions.expectationFields.properties.schema.enum).toEqual([...SCHEMA_NAMES]);
  });
});
