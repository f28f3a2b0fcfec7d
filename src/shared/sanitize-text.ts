// The one sanitiser for text a server supplied (reason phrase, headers, body, detail, ids) before it reaches a
// human: a terminal obeys escape sequences, so a hostile server could clear the screen, retitle the window, hide
// lines with CR or reorder them with bidi controls. Such characters are shown escaped instead, never sent raw.

/**
 * C0 controls, DEL, C1 controls (0x9B is a one-byte CSI on some terminals), bidi embeddings/overrides/isolates,
 * and the Unicode line/paragraph separators. Tab and LF are allowed only in multi-line text.
 */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069\uFEFF]/g;
const UNSAFE_ONE_LINE = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2028\u2029\u2066-\u2069\uFEFF]/g;

const NAMED: Record<string, string> = { '\t': '\\t', '\n': '\\n', '\r': '\\r', '\u001B': '\\e' };

function escapeOne(char: string): string {
  const named = NAMED[char];
  if (named !== undefined) return named;
  const code = char.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * `text` with every character a terminal would act on shown escaped (`\e[2J`, `\r`, `\x07`, `\u202e`).
 * `multiline` keeps LF and tab (a body or a multi-line detail); otherwise they are escaped too.
 */
export function sanitizeText(text: string, options: { multiline?: boolean } = {}): string {
  const pattern = options.multiline === true ? UNSAFE : UNSAFE_ONE_LINE;
  pattern.lastIndex = 0;
  if (!pattern.test(text)) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, escapeOne);
}

/** True when `text` holds nothing a terminal would act on (LF allowed). */
export function isTerminalSafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  return !UNSAFE.test(text);
}
