// Named header sets (`headers: { $use: okta }`) and the merge of a suite's `defaults.headers` into each request,
// so a suite writes Okta's header block once. Resolved at load time: the runner sees plain header maps.

const OKTA_READ = {
  'User-Agent': 'Okta SCIM Client 1.0.0',
  Accept: 'application/scim+json',
  'Accept-Charset': 'utf-8',
  'Accept-Encoding': 'gzip,deflate',
} as const;
const OKTA_CONTENT_TYPE = { 'Content-Type': 'application/scim+json; charset=utf-8' } as const;

/** Each set's headers, given whether the request carries a body (README "Header sets"). */
export const HEADER_SETS: Readonly<Record<string, (hasBody: boolean) => Record<string, string>>> = {
  // What Okta sends on every call, and its Content-Type exactly when there is a body (okta-protocol.md §1.1).
  okta: (hasBody) => ({ ...OKTA_READ, ...(hasBody ? OKTA_CONTENT_TYPE : {}) }),
  'okta.read': () => ({ ...OKTA_READ }),
  'okta.write': () => ({ ...OKTA_READ, ...OKTA_CONTENT_TYPE }),
};

export const HEADER_SET_NAMES = Object.keys(HEADER_SETS);

/** Header maps merged left to right; names compare case-insensitively, a later value replaces an earlier one in place. */
export function mergeHeaders(...maps: Array<Record<string, string> | undefined>): Record<string, string> {
  const out: Array<[string, string]> = [];
  for (const map of maps) {
    for (const [name, value] of Object.entries(map ?? {})) {
      const at = out.findIndex(([n]) => n.toLowerCase() === name.toLowerCase());
      if (at >= 0) out[at] = [name, value];
      else out.push([name, value]);
    }
  }
  return Object.fromEntries(out);
}

/** A `headers:` mapping as written (with an optional `$use`) → the headers it stands for. */
export function expandHeaderMap(raw: Record<string, unknown> | undefined, hasBody: boolean): Record<string, string> | undefined {
  if (raw === undefined) return undefined;
  const { $use: use, ...own } = raw;
  const set = typeof use === 'string' ? HEADER_SETS[use]?.(hasBody) : undefined;
  return mergeHeaders(set, Object.fromEntries(Object.entries(own).map(([k, v]) => [k, String(v)])));
}

/** A header name as HTTP allows it (RFC 9110 §5.1 token). */
export const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
