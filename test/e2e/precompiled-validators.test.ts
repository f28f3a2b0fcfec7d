// The validators generated at build time (dist/suite/validators.cjs) must say exactly what ajv compiling the
// schema at run time says, for every invalid suite and profile case.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as fromSource from '../../src/suite/index.js';
import { ROOT } from '../support/run-cli.js';

const dir = join(ROOT, 'fixtures/suites/invalid');
// A computed specifier: dist/ is plain JavaScript built by `npm test` before this project runs.
const distIndex = join(ROOT, 'dist/suite/index.js');
const fromDist = (await import(distIndex)) as typeof fromSource;
const cases = readdirSync(dir).filter((f) => f.endsWith('.yaml'));

async function messages(load: typeof fromSource.loadSuiteFile, file: string): Promise<string[]> {
  try {
    await load(join(dir, file), { fixturesDir: join(ROOT, 'fixtures') });
    return [];
  } catch (error) {
    const errors = (error as { errors?: Array<{ message: string }> }).errors ?? [error as { message: string }];
    return errors.map((e) => e.message);
  }
}

describe('precompiled suite validators', () => {
  it.each(cases)('%s gives the same errors as a runtime-compiled schema', async (file) => {
    const expected = await messages(fromSource.loadSuiteFile, file);
    expect(expected.length).toBeGreaterThan(0);
    expect(await messages(fromDist.loadSuiteFile, file)).toEqual(expected);
  });
});
