// How deep a JSON text nests, measured without parsing it: a server's 100 000 nested arrays parse fine but blow
// the stack of anything that walks the value (redaction, matchers, schema checks).

/** Deeper than any SCIM resource needs by two orders of magnitude. */
export const MAX_JSON_DEPTH = 256;

/** The offset at which `text` first nests deeper than `max` (outside strings), or undefined. */
export function jsonDepthOver(text: string, max: number): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c) i++;
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b || code === 0x7b) {
      if (++depth > max) return i;
    } else if (code === 0x5d || code === 0x7d) depth--;
  }
  return undefined;
}
