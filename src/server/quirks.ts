// The misbehaviour switches (`--quirk NAME`): each reproduces one server bug seen in the field, with the Okta
// symptom it causes (okta-protocol.md §4.2), so every check can be proven to fail for the right reason. Each quirk
// is one module in quirks/ that hooks named points of the handler (quirk-hooks.ts); this file lists them in the
// order their hooks run and reads `--quirk` values.
import { UsageError } from '../errors.js';
import { suggest } from '../shared/suggest.js';
import type { QuirkDefinition, QuirkHooks } from './quirk-hooks.js';
import slow from './quirks/slow.js';
import cdn502 from './quirks/cdn-502.js';
import { rateLimit, rateLimitHttpDate, rateLimitNoRetryAfter } from './quirks/rate-limit.js';
import stringCounts from './quirks/string-counts.js';
import filter404 from './quirks/filter-404.js';
import filterCaseSensitive from './quirks/filter-case-sensitive.js';
import filterHidesInactive from './quirks/filter-hides-inactive.js';
import { patchPathless400, patchPathless500 } from './quirks/patch-pathless.js';
import groupRenameIdRejected from './quirks/group-rename-id-rejected.js';
import createEmptyBody from './quirks/create-empty-body.js';
import create200 from './quirks/create-200.js';
import duplicateCreate201 from './quirks/duplicate-create-201.js';
import unauthorizedNoBody from './quirks/unauthorized-no-body.js';
import htmlErrors from './quirks/html-errors.js';
import { rejectScimJsonAccept, rejectScimJsonContentType } from './quirks/reject-scim-json.js';
import tokenWithoutBearer from './quirks/token-without-bearer.js';
import unstableOrder from './quirks/unstable-order.js';
import deactivateDeletes from './quirks/deactivate-deletes.js';
import reactivateNewId from './quirks/reactivate-new-id.js';
import membersReplaceEmptyIgnored from './quirks/members-replace-empty-ignored.js';
import errorStatusInteger from './quirks/error-status-integer.js';
import uniqueCaseSensitive from './quirks/unique-case-sensitive.js';
import groupFilterCaseSensitive from './quirks/group-filter-case-sensitive.js';
import noLocation from './quirks/no-location.js';
import relativeLocation from './quirks/relative-location.js';
import noWwwAuthenticate from './quirks/no-www-authenticate.js';
import invalidFilter200 from './quirks/invalid-filter-200.js';
import itemsPerPageCount from './quirks/items-per-page-count.js';
import malformedJson500 from './quirks/malformed-json-500.js';
import deleteUnknown204 from './quirks/delete-unknown-204.js';
import patchErrorsIgnored from './quirks/patch-errors-ignored.js';
import patchFirstOpOnly from './quirks/patch-first-op-only.js';
import patchOpCaseSensitive from './quirks/patch-op-case-sensitive.js';
import contentTypeJson from './quirks/content-type-json.js';
import scimtypeOn404 from './quirks/scimtype-on-404.js';
import etagUndeclared from './quirks/etag-undeclared.js';
import declareNoChangePassword from './quirks/declare-no-change-password.js';
import dropEnterprise from './quirks/drop-enterprise.js';
import phoneNumbersSingle from './quirks/phone-numbers-single.js';
import clearIgnored from './quirks/clear-ignored.js';
import errorContentTypeText from './quirks/error-content-type-text.js';
import schemaSingleValued from './quirks/schema-single-valued.js';
import dropAdvertised from './quirks/drop-advertised.js';
import dropCustomExtension from './quirks/drop-custom-extension.js';

/** In hook order: delays first, then whole-request answers, then the rest; body-dropping quirks before rewriters. */
const DEFINITIONS = [
  stringCounts, filter404, filterCaseSensitive, filterHidesInactive, patchPathless400, patchPathless500,
  groupRenameIdRejected, createEmptyBody, create200, duplicateCreate201, unauthorizedNoBody, htmlErrors, cdn502,
  rejectScimJsonContentType, rejectScimJsonAccept, tokenWithoutBearer, slow, rateLimit, rateLimitHttpDate,
  rateLimitNoRetryAfter, unstableOrder, deactivateDeletes, reactivateNewId, membersReplaceEmptyIgnored,
  errorStatusInteger, uniqueCaseSensitive, groupFilterCaseSensitive, noLocation, relativeLocation, noWwwAuthenticate,
  invalidFilter200, itemsPerPageCount, malformedJson500, deleteUnknown204, patchErrorsIgnored, patchFirstOpOnly,
  patchOpCaseSensitive, contentTypeJson, scimtypeOn404, etagUndeclared, declareNoChangePassword, dropEnterprise,
  phoneNumbersSingle, clearIgnored, errorContentTypeText, schemaSingleValued,
  dropAdvertised, dropCustomExtension,
] as const;

/** Hooks run in this order whatever order the flags came in (a delay before a CDN page before a rate limit). */
const HOOK_ORDER = ['slow', 'cdn-502', 'rate-limit', 'rate-limit-http-date', 'rate-limit-no-retry-after'];

export type QuirkName = (typeof DEFINITIONS)[number]['name'];

export interface QuirkInfo {
  /** What the server does wrong. */
  description: string;
  /** What an Okta admin sees when a real server does this. */
  oktaSymptom: string;
  /** True for quirks written NAME=VALUE (slow=MS). */
  takesValue?: boolean;
}

const BY_NAME = new Map<string, QuirkDefinition>(DEFINITIONS.map((d) => [d.name, d]));

export const QUIRKS: Readonly<Record<QuirkName, QuirkInfo>> = Object.fromEntries(
  DEFINITIONS.map((d) => [d.name, { description: d.description, oktaSymptom: d.oktaSymptom, ...(d.takesValue === true ? { takesValue: true } : {}) }]),
) as Record<QuirkName, QuirkInfo>;

export interface Quirk {
  name: QuirkName;
  /** The MS of slow=MS; undefined for quirks without a value. */
  value?: number | undefined;
}

const NAMES = DEFINITIONS.map((d) => d.name) as QuirkName[];

function isQuirkName(text: string): text is QuirkName {
  return BY_NAME.has(text);
}

/** The hooks of the given quirks for one server, in hook order. */
export function quirkHooks(quirks: readonly Quirk[]): QuirkHooks[] {
  const rank = (q: Quirk): number => {
    const i = HOOK_ORDER.indexOf(q.name);
    return i === -1 ? HOOK_ORDER.length + NAMES.indexOf(q.name) : i;
  };
  return [...quirks].sort((a, b) => rank(a) - rank(b)).map((q) => (BY_NAME.get(q.name) as QuirkDefinition).hooks(q.value));
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
