// ajv-formats' `uri` check is one very large regular expression; compiling it costs a run 10–20 ms at its first
// SCIM check. Nearly every URI in a SCIM answer (schema URNs, meta.location) also matches this much smaller
// expression, whose every match the large one accepts too: an absolute URI whose authority is a plain host name
// or IPv4 address (no userinfo, no IP literal), or a URN-like rootless path, with an optional query and fragment.
// Anything else still goes to the full check, so the answer is always the full check's.

/**
 * Wraps ajv-formats' `uri` with the quick path. Self-contained (no outer references): build-scim-validators.ts
 * inlines its source into the generated validators.
 */
export function withQuickUri(full: (value: string) => boolean): (value: string) => boolean {
  const pchar = "(?:[a-z0-9\\-._~!$&'()*+,;=:@]|%[0-9a-f]{2})";
  const tail = "(?:\\?(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?(?:#(?:[a-z0-9\\-._~!$&'()*+,;=:@/?]|%[0-9a-f]{2})*)?";
  const host = "(?:[a-z0-9\\-._~!$&'()*+,;=]|%[0-9a-f]{2})*(?::\\d*)?";
  const quick = new RegExp(`^[a-z][a-z0-9+\\-.]*:(?:\\/\\/${host}(?:\\/${pchar}*)*|${pchar}+(?:\\/${pchar}*)*)${tail}$`, 'i');
  return (value) => quick.test(value) || full(value);
}
