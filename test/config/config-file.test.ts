// scim-check.yaml / .yml: header names and values a run would refuse are refused here, at their line.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findConfigFile, parseConfigText } from '../../src/config/config-file.js';
import { ScimCheckError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'scim-check-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function errorOf(text: string): ScimCheckError {
  try {
    parseConfigText(text, 'scim-check.yaml');
  } catch (error) {
    return error as ScimCheckError;
  }
  throw new Error('expected an error');
}

describe('scim-check.yaml headers', () => {
  it('refuses a line break in a header value, and a header name with a space, at the header', () => {
    const crlf = errorOf('baseUrl: https://x.test\nheaders:\n  X-Tenant: "acme\\r\\nX-Evil: 1"\n');
    expect(crlf).toMatchObject({ code: 'config.badHeader', exitCode: 3, location: { file: 'scim-check.yaml', line: 3, column: 3 } });
    const name = errorOf('headers:\n  "X Tenant": acme\n');
    expect(name).toMatchObject({ code: 'config.badHeader', location: { line: 2, column: 3 } });
    expect(parseConfigText('headers:\n  X-Tenant: acme\n  x-api-key: { env: KEY }\n', 'scim-check.yaml').headers).toEqual({ 'X-Tenant': 'acme', 'x-api-key': { env: 'KEY' } });
  });

  it('finds scim-check.yml as well as scim-check.yaml', async () => {
    writeFileSync(join(dir, 'scim-check.yml'), 'profile: postman\n');
    expect(await findConfigFile(dir)).toMatchObject({ file: 'scim-check.yml', profile: 'postman' });
    expect(await findConfigFile(join(dir, 'nothing-here'))).toBeUndefined();
  });
});
