// The misbehaviour switches (`--quirk NAME`): each reproduces one server bug seen in the field, with the Okta
// symptom it causes (okta-protocol.md §4.2), so every check can be proven to fail for the right reason.
import { UsageError } from '../errors.js';
import { suggest } from '../shared/suggest.js';

export interface QuirkInfo {
  /** What the server does wrong. */
  description: string;
  /** What an Okta admin sees when a real server does this. */
  oktaSymptom: string;
  /** True for quirks written NAME=VALUE (slow=MS). */
  takesValue?: boolean;
}

export const QUIRKS = {
  'string-counts': {
    description: 'ListResponse totalResults, startIndex and itemsPerPage are JSON strings ("1"), not integers',
    oktaSymptom: 'Test API Credentials may pass, then every assignment fails with "Sync user in external application: FAILURE" (§1.3, §4.2)',
  },
  'filter-404': {
    description: 'a filter that matches nothing answers 404 + SCIM Error instead of 200 with totalResults 0',
    oktaSymptom: 'Okta tolerates it, but the OIN SPEC test "Test invalid User by username" fails (§2.3)',
  },
  'filter-case-sensitive': {
    description: 'userName eq compares case-exactly, although userName is caseExact false (RFC 7643 §4.1.1)',
    oktaSymptom: 'the existence check misses "Jane@x" for "jane@x", Okta POSTs and gets "Conflict. Errors reported by remote server" (§2.3, §4.2)',
  },
  'filter-hides-inactive': {
    description: 'filter results leave out users with active false',
    oktaSymptom: 'unassign then reassign: the filter finds nothing, Okta POSTs and gets 409 Conflict (§2.3)',
  },
  'patch-pathless-400': {
    description: 'a PATCH operation without "path" (Okta deactivation, group rename) is refused with 400 invalidPath',
    oktaSymptom: 'deactivation and group rename fail with "Bad Request. Errors reported by remote server: …" (§2.7, §4.2)',
  },
  'patch-pathless-500': {
    description: 'a PATCH operation without "path" crashes the server: 500 with an internal error text',
    oktaSymptom: 'deactivation and group rename fail with "Internal Server Error"; users stay active in the app (§2.7)',
  },
  'group-rename-id-rejected': {
    description: 'a group PATCH whose value carries "id" (Okta\'s rename shape) is refused with 400 mutability',
    oktaSymptom: 'group push and every membership change fail, since Okta renames after each one (§2.11, §2.12)',
  },
  'create-empty-body': {
    description: 'POST /Users and POST /Groups answer 201 with an empty body',
    oktaSymptom: '"Error while creating user …: Create new user returned empty user." (§2.4)',
  },
  'create-200': {
    description: 'POST answers 200 instead of 201 Created',
    oktaSymptom: 'the OIN SPEC test "Create Okta user with realistic values" fails (expects 201) (§3.2)',
  },
  'duplicate-create-201': {
    description: 'a POST /Users with an existing userName creates a second user (201) instead of 409 uniqueness',
    oktaSymptom: 'duplicate accounts in the app; the SPEC test "Expect failure when recreating user" fails (§3.2)',
  },
  'unauthorized-no-body': {
    description: '401 answers carry no body (as an API gateway sends them)',
    oktaSymptom: '"Error authenticating: null" or "Unauthorized"; the SPEC test "Check status 401" fails (§3.2, §4.1)',
  },
  'html-errors': {
    description: 'every error answer is an HTML page (text/html) instead of a SCIM Error',
    oktaSymptom: '"Errors reported by remote server: Invalid JSON: Unrecognized token \'<\'" (§4.1)',
  },
  'cdn-502': {
    description: 'every request gets a CDN-style plain-text "error code: 502" with status 502',
    oktaSymptom: '"Bad Gateway. Errors reported by remote server: Invalid JSON: Unrecognized token \'error\'" (§2.10, §4.2)',
  },
  'reject-scim-json-content-type': {
    description: 'request bodies sent as Content-Type application/scim+json get 415 Unsupported Media Type',
    oktaSymptom: 'every create and update fails although the same JSON works with application/json (§1.1, §4.2)',
  },
  'reject-scim-json-accept': {
    description: 'requests with Accept: application/scim+json get 406 Not Acceptable',
    oktaSymptom: 'Test API Credentials fails with no useful error (§1.1, §4.2)',
  },
  'token-without-bearer': {
    description: 'the Authorization header must be the bare token; "Bearer <token>" gets 401',
    oktaSymptom: '"Error authenticating: Unauthorized" unless the admin types the token without "Bearer" (§1.2, §4.2)',
  },
  slow: {
    description: 'every answer is delayed by MS milliseconds (slow=MS)',
    oktaSymptom: 'over 60 s Okta closes the socket; the Runscope suites fail steps over 600 ms (§1.3, §3.5)',
    takesValue: true,
  },
  'rate-limit': {
    description: 'the first request to each METHOD + path gets 429 with "Retry-After: 1"; the retry goes through',
    oktaSymptom: 'tasks show a rate-limit status and are retried after Retry-After seconds (§1.3)',
  },
  'rate-limit-http-date': {
    description: 'like rate-limit, but Retry-After is an HTTP-date, which Okta does not read',
    oktaSymptom: 'Okta ignores the date and waits 5 minutes, doubling each time: provisioning crawls (§1.3)',
  },
  'rate-limit-no-retry-after': {
    description: 'like rate-limit, but the 429 carries no Retry-After header',
    oktaSymptom: 'Okta waits its 5-minute default, doubling on each further 429 (§1.3)',
  },
  'unstable-order': {
    description: 'list pages come in a different order on every request (alternately reversed)',
    oktaSymptom: 'imports page with startIndex, so users are skipped or imported twice (§1.3, §2.2)',
  },
  'deactivate-deletes': {
    description: 'setting active false (PATCH or PUT) deletes the user',
    oktaSymptom: 'reassignment creates a new account and the CRUD test "Verify if user is deactivated" gets 404 (§2.7, §3.4)',
  },
  'reactivate-new-id': {
    description: 'setting active true on an inactive user moves it to a new id; the old id answers 404',
    oktaSymptom: 'Okta keeps the old id, so later updates fail with 404; OIN test C9293 expects the same id (§2.8)',
  },
  'members-replace-empty-ignored': {
    description: 'a PATCH replace of members with [] is answered 200 but changes nothing',
    oktaSymptom: 'emptying a pushed group in Okta leaves its members in the app (§2.11, test plan C9317)',
  },
  'error-status-integer': {
    description: 'SCIM Error bodies carry "status" as a JSON integer instead of the string RFC 7644 §3.12 requires',
    oktaSymptom: 'Okta copes; strict clients and the SPEC test\'s string comparison may not (§6)',
  },
} as const satisfies Record<string, QuirkInfo>;

export type QuirkName = keyof typeof QUIRKS;

export interface Quirk {
  name: QuirkName;
  /** The MS of slow=MS; undefined for quirks without a value. */
  value?: number | undefined;
}

const NAMES = Object.keys(QUIRKS) as QuirkName[];

function isQuirkName(text: string): text is QuirkName {
  return Object.hasOwn(QUIRKS, text);
}

/** Reads `NAME` or `NAME=VALUE` as given to --quirk; a typo gets a did-you-mean and the list of valid names. */
export function parseQuirk(text: string): Quirk {
  const eq = text.indexOf('=');
  const name = (eq === -1 ? text : text.slice(0, eq)).trim();
  const raw = eq === -1 ? undefined : text.slice(eq + 1).trim();
  if (!isQuirkName(name)) {
    const close = suggest(name, NAMES);
    const hint = close === undefined ? '' : `did you mean "${close}${close === 'slow' ? '=MS' : ''}"? `;
    throw new UsageError(
      'serve.unknownQuirk',
      'Unknown quirk',
      `--quirk "${text}" is not a quirk; ${hint}valid names: ${NAMES.map((n) => (n === 'slow' ? 'slow=MS' : n)).join(', ')}.`,
    );
  }
  const info: QuirkInfo = QUIRKS[name];
  if (info.takesValue === true) {
    const value = raw === undefined ? NaN : Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      throw new UsageError('serve.badQuirkValue', 'Bad quirk value', `--quirk "${text}" needs a whole number of milliseconds, e.g. --quirk ${name}=500.`);
    }
    return { name, value };
  }
  if (raw !== undefined) {
    throw new UsageError('serve.badQuirkValue', 'Bad quirk value', `--quirk "${name}" takes no value; pass --quirk ${name}.`);
  }
  return { name };
}

/** How `serve` prints the active quirks (slow=500, string-counts). */
export function formatQuirk(quirk: Quirk): string {
  return quirk.value === undefined ? quirk.name : `${quirk.name}=${quirk.value}`;
}
