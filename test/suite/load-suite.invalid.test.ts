// Every fixtures/suites/invalid/<case>.yaml yields exactly the errors in <case>.expected.txt (`line:col code detail`).
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode, ScimCheckErrors } from '../../src/errors.js';
import { loadSuiteFile } from '../../src/suite/index.js';

const dir = fileURLToPath(new URL('../../fixtures/suites/invalid/', import.meta.url));
const bodies = fileURLToPath(new URL('../../fixtures/suites/bodies/', import.meta.url));
const cases = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -'.yaml'.length));

describe('invalid suites', () => {
  it('has at least 15 cases, each with its expected text', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    for (const name of cases) expect(existsSync(`${dir}${name}.expected.txt`), `${name}.expected.txt`).toBe(true);
  });

  it.each(cases)('%s', async (name) => {
    const error = await loadSuiteFile(`${dir}${name}.yaml`, { fixturesDir: bodies, displayPath: `${name}.yaml` }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScimCheckErrors);
    const errors = (error as ScimCheckErrors).errors;
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.exitCode).toBe(ExitCode.INVALID_INPUT);
      expect(e.location?.file).toBe(`${name}.yaml`);
      expect(e.detail).not.toMatch(/must NOT have|must match pattern|allowedValues/);
    }
    const text = errors.map((e) => `${e.location?.line ?? 0}:${e.location?.column ?? 0} ${e.code} ${e.detail}`).join('\n');
    await expect(`${text}\n`).toMatchFileSnapshot(`${dir}${name}.expected.txt`);
  });
});
