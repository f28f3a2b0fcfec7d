// Finds where secrets occur in a text, in the forms a server may send them back in: any letter case, JSON
// `\u`-escaped, HTML-entity-encoded, percent-encoded, base64 or base64url (of the secret, or of any text holding
// it), and any slice of 8 or more characters. Returns ranges of the original text; redact.ts replaces them.
//
// How: the text is decoded once into a "view" (escapes, entities and %XX undone, each view character remembering
// the original range it came from); secrets are looked for in that view, so a secret escaped character by
// character, or half escaped, is found as well as a plain one. Base64 is searched for as literal needles.

/** A secret slice this long or longer is a secret on its own (issue: "any slice of 8 or more characters"). */
export const MIN_SLICE = 8;

interface Needles {
  /** Lower-case secrets shorter than MIN_SLICE (or marked whole-only), found by indexOf in the lower-cased view. */
  short: string[];
  /** Every MIN_SLICE-long slice of every longer secret, lower-cased. */
  slices: Set<string>;
  /** First two char codes of each slice, as a cheap filter before the Set lookup. */
  pairs: Set<number>;
  /** base64/base64url forms, case-sensitive. */
  base64: string[];
  /**
   * Short texts already searched and found to hold none of these secrets: a run redacts the same keys, schema
   * URNs and header values in every answer, and the search is the same every time.
   */
  clean: Set<string>;
}

/** Only texts this short are remembered as clean, and at most this many per set of secrets (then it starts over). */
const CLEAN_TEXT_MAX = 256;
const CLEAN_SET_MAX = 5_000;

const cache = new WeakMap<readonly string[], Needles>();

const WHOLE = '\u0000whole:';

/**
 * Marks a secret to be found whole (any case, escaped, encoded, base64) but not by its slices: a password a suite
 * builds from the run's own naming scheme ("scim-check-<run>-…") shares slices with every name the run creates.
 */
export function wholeOnly(secret: string): string {
  return `${WHOLE}${secret}`;
}

function lowerAscii(text: string): string {
  const lowered = text.toLowerCase();
  // toLowerCase may change the length (e.g. "İ"): positions must stay aligned with the view, so fall back.
  return lowered.length === text.length ? lowered : text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * The stretch of base64(prefix + secret) that depends on the secret alone, for each of the three byte alignments
 * a secret can have inside a larger encoded text: finds base64 of "Bearer <token>", of "user:pass", of a JSON
 * document holding the token, …
 */
function base64Needles(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const out: string[] = [];
  for (let pad = 0; pad < 3; pad++) {
    const encoded = Buffer.concat([Buffer.alloc(pad), bytes]).toString('base64');
    const first = Math.ceil((8 * pad) / 6);
    const last = Math.floor((8 * (pad + bytes.length)) / 6);
    const needle = encoded.slice(first, last);
    if (needle.length < 6) continue;
    out.push(needle, needle.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return out;
}

function needlesFor(secrets: readonly string[]): Needles {
  const cached = cache.get(secrets);
  if (cached !== undefined) return cached;
  const short = new Set<string>();
  const slices = new Set<string>();
  const base64 = new Set<string>();
  // A secret holding "\\", "&" or "%" is looked for as the decoded view would show it, too.
  const all = secrets.flatMap((secret) => (/[\\&%]/.test(secret) ? [secret, (secret.startsWith(WHOLE) ? WHOLE : '') + decodeView(secret.replace(WHOLE, '')).text] : [secret]));
  for (const marked of all) {
    const whole = marked.startsWith(WHOLE);
    const secret = whole ? marked.slice(WHOLE.length) : marked;
    if (secret === '') continue;
    if (whole) {
      short.add(lowerAscii(secret));
      for (const needle of base64Needles(secret)) base64.add(needle);
      continue;
    }
    const lower = lowerAscii(secret);
    // "Bearer abc…": slices come from the credential only, or "bearer a" would hide every "Bearer a…" in a hint.
    const scheme = /^(?:bearer|basic|ssws|token|digest|apikey|api-key|oauth|negotiate|ntlm)\s+(?=\S)/.exec(lower);
    const credential = scheme === null ? lower : lower.slice(scheme[0].length);
    if (scheme !== null) short.add(lower);
    if (credential.length < MIN_SLICE) short.add(credential);
    else for (let i = 0; i + MIN_SLICE <= credential.length; i++) slices.add(credential.slice(i, i + MIN_SLICE));
    for (const needle of base64Needles(secret)) base64.add(needle);
  }
  const pairs = new Set<number>();
  for (const slice of slices) pairs.add(slice.charCodeAt(0) * 65_536 + slice.charCodeAt(1));
  const needles: Needles = { short: [...short], slices, pairs, base64: [...base64].sort((a, b) => b.length - a.length), clean: new Set() };
  cache.set(secrets, needles);
  return needles;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", sol: '/', colon: ':', plus: '+', equals: '=', percnt: '%', num: '#' };
const JSON_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

interface View {
  text: string;
  /** Original start of view character i; `starts[text.length]` is the original length. */
  starts: Int32Array | undefined;
}

/** Undoes \u and JSON escapes, HTML entities and %XX (ASCII) in one pass; identity when there is nothing to undo. */
function decodeView(text: string): View {
  if (!/[\\&%]/.test(text)) return { text, starts: undefined };
  // Each view character comes from at least one original character, so the view is never longer than the text.
  const starts = new Int32Array(text.length + 1);
  const pieces: string[] = [];
  const special = /[\\&%]/g;
  let n = 0;
  let i = 0;
  while (i < text.length) {
    // Plain characters up to the next escape are copied as one slice, each view character at its own offset.
    special.lastIndex = i;
    const stop = special.exec(text)?.index ?? text.length;
    if (stop > i) {
      pieces.push(text.slice(i, stop));
      for (let k = i; k < stop; k++) starts[n++] = k;
      i = stop;
      if (i >= text.length) break;
    }
    const ch = text.charAt(i);
    let decoded: string | undefined;
    let length = 1;
    if (ch === '\\') {
      const next = text.charAt(i + 1);
      const hex = /^[uU]([0-9a-fA-F]{4})/.exec(text.slice(i + 1, i + 6));
      if (hex?.[1] !== undefined) {
        decoded = String.fromCharCode(parseInt(hex[1], 16));
        length = 6;
      } else if (JSON_ESCAPES[next] !== undefined) {
        decoded = JSON_ESCAPES[next];
        length = 2;
      }
    } else if (ch === '&') {
      const entity = /^&(?:#[xX]([0-9a-fA-F]{1,6})|#([0-9]{1,7})|([a-zA-Z]{2,6}));?/.exec(text.slice(i, i + 10));
      if (entity !== null) {
        const [whole, hex, dec, name] = entity;
        const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? Number(dec) : undefined;
        if (code !== undefined && code <= 0x10ffff) decoded = String.fromCodePoint(code);
        else if (name !== undefined && whole.endsWith(';')) decoded = ENTITIES[name.toLowerCase()];
        if (decoded !== undefined) length = whole.length;
      }
    } else {
      const hex = /^%([0-7][0-9a-fA-F])/.exec(text.slice(i, i + 3));
      if (hex?.[1] !== undefined) {
        decoded = String.fromCharCode(parseInt(hex[1], 16));
        length = 3;
      }
    }
    // Astral characters decode to two code units; both map back to the same original range.
    const out = decoded ?? ch;
    pieces.push(out);
    for (let u = 0; u < out.length; u++) starts[n++] = i;
    i += length;
  }
  starts[n] = text.length;
  return { text: pieces.join(''), starts: starts.subarray(0, n + 1) };
}

/** Two rounds of decoding, for text escaped twice (a JSON string holding `\\u0041`, an entity percent-encoded). */
function decodeTwice(text: string): View {
  const once = decodeView(text);
  if (once.starts === undefined) return once;
  const twice = decodeView(once.text);
  if (twice.starts === undefined) return once;
  const first = once.starts;
  const starts = twice.starts.map((i) => first[i] ?? text.length);
  return { text: twice.text, starts };
}

/** Merged [start, end) ranges of the original text that hold a secret in some form. */
export function findSecrets(text: string, secrets: readonly string[]): Array<[number, number]> {
  if (secrets.length === 0 || text.length < 4) return [];
  const needles = needlesFor(secrets);
  if (needles.clean.has(text)) return [];
  const view = decodeTwice(text);
  const lower = lowerAscii(view.text);
  const hits: Array<[number, number]> = [];
  for (const needle of needles.short) {
    for (let at = lower.indexOf(needle); at !== -1; at = lower.indexOf(needle, at + 1)) hits.push([at, at + needle.length]);
  }
  if (needles.slices.size > 0) {
    const { slices, pairs } = needles;
    const end = lower.length - MIN_SLICE;
    for (let i = 0; i <= end; i++) {
      if (!pairs.has(lower.charCodeAt(i) * 65_536 + lower.charCodeAt(i + 1))) continue;
      if (slices.has(lower.slice(i, i + MIN_SLICE))) hits.push([i, i + MIN_SLICE]);
    }
  }
  for (const needle of needles.base64) {
    for (let at = view.text.indexOf(needle); at !== -1; at = view.text.indexOf(needle, at + 1)) hits.push([at, at + needle.length]);
  }
  if (hits.length === 0) {
    if (text.length <= CLEAN_TEXT_MAX) {
      if (needles.clean.size >= CLEAN_SET_MAX) needles.clean.clear();
      needles.clean.add(text);
    }
    return [];
  }
  const starts = view.starts;
  const original = (i: number): number => (starts === undefined ? i : (starts[i] ?? text.length));
  // A view range [a, b) covers the original from the start of char a to the start of the char after b-1.
  const ranges = hits.map(([a, b]): [number, number] => [original(a), original(b)]).sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last !== undefined && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  return merged;
}

/** `text` with every range findSecrets reports replaced by `replacement`. */
export function replaceSecrets(text: string, secrets: readonly string[], replacement: string): string {
  const ranges = findSecrets(text, secrets);
  if (ranges.length === 0) return text;
  let out = '';
  let last = 0;
  for (const [start, end] of ranges) {
    out += text.slice(last, start) + replacement;
    last = end;
  }
  return out + text.slice(last);
}
