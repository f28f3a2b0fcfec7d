import { it } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadSuiteFile } from '../../src/suite/index.js';
import { ScimCheckErrors } from '../../src/errors.js';
it('scratch', async () => {
  for (const f of readdirSync('fixtures/suites/invalid').filter((f) => f.endsWith('.yaml'))) {
    console.log('== ' + f);
    try {
      await loadSuiteFile(`fixtures/suites/invalid/${f}`, { fixturesDir: 'fixtures/suites/bodies' });
      console.log('LOADED!');
    } catch (e) { if (e instanceof ScimCheckErrors) for (const x of e.errors) console.log(`${x.location?.line}:${x.location?.column} ${x.code} ${x.detail}`); else throw e; }
  }
});
