// Text that reaches the HTML report: escaped for element content and attribute values, control characters made
// visible, long bodies cut. Every string a server or a suite supplied goes through `text()` before it is written.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes for element content and quoted attribute values alike. C0/C1 controls (other than tab, newline and carriage return) and
 * DEL are shown as `\u0001`-style text: a browser would drop or misrender them, and a support engineer needs to see
 * that the server sent them.
 */
export function text(value: string): string {
  return value.replace(/[&<>"']|[\uD800-\uDBFF][\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uD800-\uDFFF]/g, (ch) => {
    // A valid surrogate pair is an ordinary character (an emoji); a lone surrogate would silently become U+FFFD.
    if (ch.length === 2) return ch;
    const entity = ENTITIES[ch];
    if (entity !== undefined) return entity;
    return `<span class="ctl">\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}</span>`;
  });
}

/** For attribute values: the same escaping, with controls as plain `\u0001` text (no markup inside an attribute). */
export function attr(value: string): string {
  return text(value).replace(/<span class="ctl">(\\u[0-9A-F]{4})<\/span>/g, '$1');
}

/** Bodies longer than this many characters are cut in the report (the HAR reporter keeps them whole). */
export const BODY_CAP = 8 * 1024;

/** A body as the report shows it: JSON pretty-printed when it parses, cut at BODY_CAP with a note saying so. */
export function shownBody(body: string): { text: string; cut: boolean; length: number } {
  let shown = body;
  if (body.length <= BODY_CAP && /^\s*[[{]/.test(body)) {
    try {
      shown = JSON.stringify(JSON.parse(body) as unknown, null, 2);
    } catch {
      shown = body;
    }
  }
  const cut = shown.length > BODY_CAP;
  return { text: cut ? shown.slice(0, BODY_CAP) : shown, cut, length: body.length };
}

/** "1 234 ms" / "12.3 s" for people. */
export function duration(ms: number): string {
  if (ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The path and query of a URL below the base URL ("/Users?filter=…"), or the whole URL when it is elsewhere. */
export function relativeUrl(url: string, baseUrl: string): string {
  if (url.startsWith(baseUrl)) {
    const rest = url.slice(baseUrl.length);
    return rest === '' ? '/' : rest;
  }
  return url;
}
