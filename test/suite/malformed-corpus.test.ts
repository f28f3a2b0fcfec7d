// The malformed-suite corpus (fixtures/suites/malformed/): every file is refused, each problem at its pinned
// file:line:col with its pinned code, in words (never a library's own message). `validate` over the whole corpus with
// the built CLI is in test/e2e/validate-malformed.test.ts.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ExitCode, ScimCheckErrors } from '../../src/errors.js';
import { loadSuiteFile } from '../../src/suite/index.js';

const dir = fileURLToPath(new URL('../../fixtures/suites/malformed/', import.meta.url));
const bodies = fileURLToPath(new URL('../../fixtures/suites/bodies/', import.meta.url));

/** File (without .yaml) → every problem as `line:col code`, in file order. */
const TABLE: Array<[string, ...string[]]> = [
  ['body-infinity', '10:22 suite.badNumber'],
  ['capture-bad-source', '8:20 suite.badValue'],
  ['capture-name-digit', '8:16 suite.badValue'],
  ['cleanup-empty-list', '8:14 suite.badValue'],
  ['cleanup-header-crlf', '12:26 suite.badHeader'],
  ['cleanup-missing-method', '8:14 suite.missingKey'],
  ['defaults-header-newline', '6:17 suite.badHeader'],
  ['defaults-unknown-key', '5:3 suite.unknownKey'],
  ['empty-steps', '4:8 suite.badValue'],
  ['exists-string', '9:36 suite.badMatcher'],
  ['expect-body-nan', '9:29 suite.badNumber'],
  ['expect-header-name-bad', '10:9 suite.badHeader'],
  ['expect-unknown-key', '8:15 suite.unknownKey'],
  ['fixture-is-directory', '10:25 suite.fixtureInvalid'],
  ['header-name-colon', '11:9 suite.badHeader'],
  ['header-name-space', '11:9 suite.badHeader'],
  ['header-set-unknown', '10:24 suite.badValue'],
  ['header-twice-in-case', '12:9 suite.conflict'],
  ['header-value-crlf', '11:17 suite.badHeader'],
  ['header-value-list', '10:26 suite.type'],
  ['header-value-nul', '11:17 suite.badHeader'],
  ['length-negative', '9:37 suite.badMatcher'],
  ['max-time-zero', '8:26 suite.badValue'],
  ['method-lower-case', '7:24 suite.badValue'],
  ['method-unknown', '7:24 suite.badValue'],
  ['missing-steps', '2:1 suite.missingKey'],
  ['one-of-empty', '9:29 suite.badMatcher'],
  ['paging-unknown-key', '8:26 suite.unknownKey'],
  ['paging-zero-max-pages', '8:25 suite.badValue'],
  ['path-fragment', '7:35 suite.badPath'],
  ['path-space', '7:35 suite.badPath'],
  ['pointer-escape-two', '10:9 suite.badPointer'],
  ['pointer-nested-bad-escape', '12:13 suite.badPointer'],
  ['pointer-trailing-tilde', '10:9 suite.badPointer'],
  ['profile-as-suite', '2:1 suite.missingKey', '4:1 suite.unknownKey'],
  ['query-value-mapping', '10:24 suite.type'],
  ['raw-body-not-string', '7:53 suite.type'],
  ['raw-query-newline', '7:53 suite.badPath'],
  ['regex-backreference', '9:29 suite.slowRegex'],
  ['regex-large-repeat', '9:29 suite.slowRegex'],
  ['regex-lookahead', '9:29 suite.slowRegex'],
  ['regex-lookbehind-header', '10:33 suite.slowRegex'],
  ['regex-not-string', '9:29 suite.badMatcher'],
  ['regex-unterminated-class', '9:29 suite.badRegex'],
  ['schema-key-not-string', '2:10 suite.type'],
  ['status-empty-list', '8:23 suite.badValue'],
  ['status-out-of-range', '8:23 suite.badValue'],
  ['status-string', '8:23 suite.type'],
  ['step-id-dot', '5:9 suite.badValue'],
  ['step-is-string', '5:5 suite.type'],
  ['step-missing-id', '5:5 suite.missingKey'],
  ['step-missing-request', '5:5 suite.missingKey'],
  ['steps-mapping', '5:3 suite.type'],
  ['suite-id-space', '2:5 suite.badValue'],
  ['tags-not-list', '4:7 suite.type'],
  ['template-in-header-unknown', '5:37 suite.unknownTemplate'],
  ['var-name-dash', '5:3 suite.badValue'],
  ['var-uses-capture', '5:9 suite.unknownTemplate'],
  ['when-bad-support', '7:22 suite.badValue'],
  ['when-empty-features', '7:23 suite.badValue'],
  ['when-unknown-variant', '7:22 suite.badValue'],
  ['yaml-alias-bomb', '1:1 suite.yaml'],
  ['yaml-bad-indent', '6:4 suite.yaml'],
  ['yaml-deep-nesting', '5:109 suite.yaml'],
  ['yaml-duplicate-step-key', '7:5 suite.yaml'],
  ['yaml-empty-file', '1:1 suite.type'],
  ['yaml-list-document', '2:1 suite.type'],
  ['yaml-nul-byte', '3:10 suite.yaml'],
  ['yaml-scalar-document', '2:1 suite.type'],
  ['yaml-tab-indent', '5:1 suite.yaml'],
  ['yaml-two-documents', '6:1 suite.yaml'],
  ['yaml-unclosed-flow', '6:1 suite.yaml'],
  ['yaml-unclosed-quote', '5:1 suite.yaml'],
  ['yaml-undefined-alias', '7:19 suite.yaml'],
];

describe('malformed-suite corpus', () => {
  it('pins every file of the corpus, and has at least 60', () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -'.yaml'.length)).sort();
    expect(TABLE.map(([name]) => name).sort()).toEqual(files);
    expect(files.length).toBeGreaterThanOrEqual(60);
  });

  it.each(TABLE)('%s', async (name, ...expected) => {
    const error = await loadSuiteFile(`${dir}${name}.yaml`, { fixturesDir: bodies, displayPath: `${name}.yaml` }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ScimCheckErrors);
    const errors = (error as ScimCheckErrors).errors;
    expect(errors.map((e) => `${e.location?.line ?? 0}:${e.location?.column ?? 0} ${e.code}`)).toEqual(expected);
    for (const e of errors) {
      expect(e.exitCode).toBe(ExitCode.INVALID_INPUT);
      expect(e.location?.file).toBe(`${name}.yaml`);
      expect(e.detail).not.toMatch(/must NOT have|must match pattern|allowedValues|YAML\.parse|Maximum call stack/);
    }
  });
});
