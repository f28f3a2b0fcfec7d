// `scim-check explain`: every message of okta-protocol.md §4 maps to the right cause and the command that confirms it.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explain } from '../../src/cli/commands/explain.js';
import { explainMessage, parseOktaMessage } from '../../src/diagnose/explain-message.js';
import { OKTA_MESSAGES } from '../../src/diagnose/okta-messages.js';

function explainText(text: string, json = false): { matched: boolean; out: string } {
  let out = '';
  const { matched } = explain({ text, json }, { stdout: (s) => (out += s) });
  return { matched, out };
}

// [text as pasted from Okta, expected entry id, a command the output must contain, a word the cause must contain]
const CASES: [string, string, string, RegExp][] = [
  ['Error authenticating: Unauthorized. The connector configuration could not be tested. Make sure that the URL, Authentication Parameters are correct and that there is an implementation available at the URL provided.', 'test-unauthorized', 'scim-check diagnose --base-url', /Bearer/],
  ['Error authenticating: null. The connector configuration could not be tested.', 'test-null', "SCIM_AUTH_HEADER='<the API Token field exactly as typed in Okta>' scim-check diagnose", /Bearer/],
  ['Error authenticating: Not Found. The connector configuration could not be tested.', 'test-not-found', 'scim-check diagnose --base-url', /\/scim\/v2/],
  ['Error authenticating: Forbidden', 'test-forbidden', 'scim-check diagnose --base-url', /scope/],
  ['Error authenticating: Connect to scim.example.com:443 [scim.example.com/203.0.113.7] failed: Connect timed out. The connector configuration could not be tested.', 'test-connect-timeout', 'scim-check diagnose --base-url', /firewall/i],
  ['Automatic provisioning of user jane@example.com to app Acme failed: Error while verifying if user jane@example.com exists: Unauthorized. Errors reported by remote server: Invalid token', 'verify-unauthorized', 'scim-check diagnose --base-url', /rotated|expired/],
  ['Sync user in external application: FAILURE', 'sync-failure', 'scim-check run --base-url <your base URL> --grep users.create', /strings/],
  ['Automatic provisioning of user jane@example.com to app Acme failed: Error while creating user jane@example.com: Create new user returned empty user.', 'create-empty-user', '--grep users.create', /empty body/],
  ['Automatic provisioning of user jane@example.com to app Acme failed: Error while creating user jane@example.com: Conflict. Errors reported by remote server: A user with userName already exists. The userName must be unique', 'conflict', '--grep users.create', /case-sensitive/],
  ['Error while creating user jane@example.com: Bad Request. Errors reported by remote server: Attribute locale is not supported', 'bad-request', '--grep users.create', /attributes/],
  ["invalidValue: 'schemas' is required", 'group-patch', '--grep groups', /path/],
  ["Automatic provisioning of user j@x.com to app Acme failed: Error while creating user j@x.com: Bad Gateway. Errors reported by remote server: Invalid JSON: Unrecognized token 'error': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') at [Source: (String)\"error code: 502\"; line: 1, column: 6]", 'cdn-invalid-json', 'scim-check diagnose --base-url', /CDN|proxy/],
  ["Invalid JSON: Unrecognized token '<': was expecting … line: 1, column: 2", 'invalid-json', 'scim-check diagnose --base-url', /HTML/],
  ['Matching user not found.', 'matching-user-not-found', 'nothing to run', /To App/],
  ['User was assigned this application before Provisioning was enabled and not provisioned in the downstream application. Click Provision User.', 'assigned-before-provisioning', 'nothing to run', /before provisioning/],
  ['The credentials used to connect to the API were invalid; please check your configuration', 'credentials-invalid', 'scim-check diagnose --base-url', /no longer valid/],
  ['Could not verify the administrator credentials; please confirm that these are set correctly', 'admin-credentials', 'SCIM_BASIC_USER=<user>', /MFA/],
  ['An error occurred while pushing a profile update to this app', 'profile-push', '--grep users.update', /empty/],
  ['rate limit', 'rate-limit', 'scim-check diagnose --base-url', /Retry-After/],
  ['Read timed out', 'timeout', '--grep users.create', /slow/i],
  ['Error authenticating: Bad Gateway', 'test-server-error', 'scim-check diagnose --base-url', /proxy/],
  ['sun.security.validator.ValidatorException: PKIX path building failed', 'test-tls', 'scim-check diagnose --base-url', /self-signed/],
  ['Postman: SCIM API key not active', 'postman', 'https://api.getpostman.com/scim/v2', /ACTIVE/],
];

describe('explain: every okta-protocol.md §4 message', () => {
  it.each(CASES)('%s → %s', (text, id, command, cause) => {
    const result = explainMessage(text);
    expect(result.matched).toBe(true);
    expect(result.matches[0]?.id).toBe(id);
    const { out, matched } = explainText(text);
    expect(matched).toBe(true);
    expect(out).toContain(command);
    expect(result.matches[0]?.causes.map((c) => c.cause).join(' ')).toMatch(cause);
  });

  it('every catalogue entry is reachable from its own message text, and every cause has a command', () => {
    for (const entry of OKTA_MESSAGES) {
      expect(entry.causes.length, entry.id).toBeGreaterThan(0);
      for (const cause of entry.causes) expect(cause.confirm, entry.id).toMatch(/scim-check|nothing to run/);
    }
    const covered = new Set(CASES.map(([, id]) => id));
    const missing = OKTA_MESSAGES.map((e) => e.id).filter((id) => !covered.has(id) && !['test-connect-refused', 'test-unknown-host', 'unassign-does-nothing', 'reason-not-found', 'reason-media-type', 'reason-method-not-allowed', 'reason-server-error'].includes(id));
    expect(missing).toEqual([]);
  });
});

describe('explain: parsing and fallbacks', () => {
  it("splits Okta's part from the server's part", () => {
    expect(parseOktaMessage('Automatic provisioning of user a@b.c to app X failed: Error while creating user a@b.c: Conflict. Errors reported by remote server: userName taken')).toEqual({
      phase: 'creating user a@b.c',
      reason: 'Conflict',
      detail: 'userName taken',
    });
    const { out } = explainText('Error while creating user a@b.c: Conflict. Errors reported by remote server: userName taken');
    expect(out).toContain('The server said: userName taken');
    expect(out).toContain('HTTP reason phrase: Conflict');
  });

  it('unknown text gets the closest matches and the general checklist, and matched=false', () => {
    const { matched, out } = explainText('the provisioning of the group membership went wrong somehow');
    expect(matched).toBe(false);
    expect(out).toContain('Closest known messages:');
    expect(out).toMatch(/Group push fails/);
    expect(out).toContain('General checklist:');
    expect(out).toContain('scim-check diagnose --base-url <your base URL>');
  });

  it('--json is versioned and carries the causes', () => {
    const { out } = explainText('Error authenticating: Unauthorized', true);
    const json = JSON.parse(out) as { version: number; matched: boolean; matches: { id: string; causes: unknown[] }[] };
    expect(json.version).toBe(1);
    expect(json.matched).toBe(true);
    expect(json.matches[0]?.id).toBe('test-unauthorized');
    expect(json.matches[0]?.causes.length).toBeGreaterThanOrEqual(4);
  });

  it('loads neither undici nor ajv (it must work offline and fast)', () => {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
    const seen = new Set<string>();
    const heavy: string[] = [];
    const walk = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/^import\s+(?!type)[^'"]*['"]([^'"]+)['"]/gm)) {
        const spec = m[1] ?? '';
        if (spec.startsWith('.')) walk(join(dirname(file), spec.replace(/\.js$/, '.ts')));
        else if (/^(undici|ajv)/.test(spec)) heavy.push(`${file}: ${spec}`);
      }
    };
    walk(join(root, 'src/cli/commands/explain.ts'));
    expect(seen.size).toBeGreaterThan(2);
    expect(heavy).toEqual([]);
  });
});
