// Redaction, done once here before an Exchange leaves src/http/: secret header values, every occurrence of a
// known secret in any text, and the value of every `password` in JSON bodies. Pure functions only.
import type { Exchange, HttpRequest, HttpResponse } from './types.js';

export const REDACTED = '[REDACTED]';

/** Headers whose values are credentials whatever they contain. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
]);

/**
 * Authorization schemes kept in front of the redacted value: "Bearer [REDACTED]" still tells a reader which
 * mode was sent (Okta's header-auth vs bearer mix-ups, §1.2 of okta-protocol.md) without the credential.
 */
const AUTH_SCHEMES = new Set(['bearer', 'basic', 'digest', 'token', 'ssws', 'apikey', 'api-key', 'oauth', 'negotiate', 'ntlm']);

const variantCache = new WeakMap<readonly string[], string[]>();

/** Every form in which a secret may show up in text: as is, JSON-escaped, percent-encoded. */
function variants(secrets: readonly string[]): string[] {
  // One transport passes the same array for every exchange: compute its variants once.
  const cached = variantCache.get(secrets);
  if (cached !== undefined) return cached;
  const all = new Set<string>();
  for (const secret of secrets) {
    if (secret === '') continue;
    all.add(secret);
    all.add(JSON.stringify(secret).slice(1, -1));
    all.add(encodeURIComponent(secret));
    all.add(encodeURIComponent(secret).replace(/%20/g, '+'));
  }
  // Longest first, so a secret that contains another is replaced whole.
  const sorted = [...all].sort((a, b) => b.length - a.length);
  variantCache.set(secrets, sorted);
  return sorted;
}

/** Replaces every occurrence of every secret in `text` with [REDACTED]. */
export function redactText(text: string, secrets: readonly string[]): string {
  if (secrets.length === 0) return text;
  let out = text;
  for (const secret of variants(secrets)) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}

function containsSecret(value: string, secrets: readonly string[]): boolean {
  return variants(secrets).some((secret) => value.includes(secret));
}

function redactCredentialValue(value: string): string {
  const match = /^([A-Za-z][A-Za-z0-9-]*) +\S/.exec(value);
  const scheme = match?.[1];
  if (scheme !== undefined && AUTH_SCHEMES.has(scheme.toLowerCase())) return `${scheme} ${REDACTED}`;
  return REDACTED;
}

/**
 * Replaces the values of credential headers (authorization, cookies, api keys) and of any header whose value
 * contains a secret. Names are kept as given. Authorization values keep a recognised scheme word.
 */
export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === '') {
      out[name] = value;
    } else if (lower === 'authorization' || lower === 'proxy-authorization') {
      out[name] = redactCredentialValue(value);
    } else if (SENSITIVE_HEADERS.has(lower) || containsSecret(value, secrets)) {
      out[name] = REDACTED;
    } else {
      out[name] = value;
    }
  }
  return out;
}

/** Replaces secrets and the password of any userinfo (`https://user:pass@host`) in a URL. */
export function redactUrl(url: string, secrets: readonly string[]): string {
  const withoutUserinfo = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:?#]*):[^/@?#]*@/i, `$1:${REDACTED}@`);
  return redactText(withoutUserinfo, secrets);
}

function isPasswordKey(key: string): boolean {
  return key.toLowerCase() === 'password';
}

/** A PATCH operation's path naming the password: "password", or with the schema URN in front. */
function isPasswordPath(path: unknown): boolean {
  return typeof path === 'string' && /(^|:)password$/i.test(path.trim());
}

/**
 * JSON pointers of every value to hide: any `password` member (any depth, any case) whose value is not null,
 * and the `value` of a PATCH operation whose `path` is the password.
 */
function passwordPointers(value: unknown, pointer: string, out: Set<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => passwordPointers(item, `${pointer}/${index}`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const patchesPassword = isPasswordPath(record['path']);
  for (const [key, child] of Object.entries(record)) {
    const childPointer = `${pointer}/${escapePointer(key)}`;
    if ((isPasswordKey(key) || (patchesPassword && key.toLowerCase() === 'value')) && child !== null) {
      out.add(childPointer);
    } else {
      passwordPointers(child, childPointer, out);
    }
  }
}

function escapePointer(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** A parsed JSON value with every password value replaced by "[REDACTED]" (keys kept). */
export function redactJsonValue(value: unknown): unknown {
  const pointers = new Set<string>();
  passwordPointers(value, '', pointers);
  if (pointers.size === 0) return value;
  return replaceAt(value, '', pointers);
}

function replaceAt(value: unknown, pointer: string, pointers: Set<string>): unknown {
  if (pointers.has(pointer)) return REDACTED;
  if (Array.isArray(value)) return value.map((item, index) => replaceAt(item, `${pointer}/${index}`, pointers));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    out[key] = replaceAt(child, `${pointer}/${escapePointer(key)}`, pointers);
  }
  return out;
}

/**
 * Replaces the value of every `password` member in a JSON text with "[REDACTED]", keeping the key and the rest
 * of the text byte for byte (so a check can still see that a server echoed a password). Text that is not JSON
 * gets a best-effort pattern replacement of `"password": <value>`.
 */
export function redactJsonBody(text: string): string {
  if (!/password/i.test(text)) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.replace(
      /("password"\s*:\s*)("(?:[^"\\]|\\.)*"|[^\s,}\]]+)/gi,
      (whole, prefix: string, value: string) => (value === 'null' ? whole : `${prefix}"${REDACTED}"`),
    );
  }
  const pointers = new Set<string>();
  passwordPointers(parsed, '', pointers);
  if (pointers.size === 0) return text;
  const spans = new JsonSpanScanner(text, pointers).scan();
  let out = '';
  let last = 0;
  for (const [start, end] of spans) {
    out += `${text.slice(last, start)}"${REDACTED}"`;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * Finds the [start, end) text spans of the values at the given JSON pointers in a text already known to be valid
 * JSON. Duplicate keys are all reported (JSON.parse keeps the last; hiding every copy is the safe choice).
 */
class JsonSpanScanner {
  private pos = 0;
  private readonly spans: Array<[number, number]> = [];

  constructor(
    private readonly text: string,
    private readonly pointers: Set<string>,
  ) {}

  scan(): Array<[number, number]> {
    this.value('');
    return this.spans;
  }

  private ws(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0xfeff) return;
      this.pos++;
    }
  }

  private value(pointer: string): void {
    this.ws();
    const start = this.pos;
    const ch = this.text.charAt(this.pos);
    if (ch === '{') this.object(pointer);
    else if (ch === '[') this.array(pointer);
    else if (ch === '"') this.string();
    else this.literal();
    if (this.pointers.has(pointer)) this.spans.push([start, this.pos]);
  }

  private object(pointer: string): void {
    this.pos++; // {
    this.ws();
    if (this.text.charAt(this.pos) === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.ws();
      const keyStart = this.pos;
      this.string();
      const key = JSON.parse(this.text.slice(keyStart, this.pos)) as string;
      this.ws();
      this.pos++; // :
      this.value(`${pointer}/${escapePointer(key)}`);
      this.ws();
      if (this.text.charAt(this.pos++) === '}') return;
    }
  }

  private array(pointer: string): void {
    this.pos++; // [
    this.ws();
    if (this.text.charAt(this.pos) === ']') {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.value(`${pointer}/${index}`);
      this.ws();
      if (this.text.charAt(this.pos++) === ']') return;
    }
  }

  private string(): void {
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const ch = this.text.charAt(this.pos);
      if (ch === '\\') this.pos += 2;
      else if (ch === '"') {
        this.pos++;
        return;
      } else this.pos++;
    }
  }

  private literal(): void {
    while (this.pos < this.text.length && !',}] \t\n\r'.includes(this.text.charAt(this.pos))) this.pos++;
  }
}

/** Deep copy of a parsed JSON value with every secret inside its strings (keys included) replaced. */
function redactJsonStrings(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (Array.isArray(value)) return value.map((item) => redactJsonStrings(item, secrets));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    out[redactText(key, secrets)] = redactJsonStrings(child, secrets);
  }
  return out;
}

/** A request with its headers, URL and body redacted. */
export function redactRequest(request: HttpRequest, secrets: readonly string[]): HttpRequest {
  const out: HttpRequest = {
    method: request.method,
    url: redactUrl(request.url, secrets),
    headers: redactHeaders(request.headers, secrets),
  };
  if (request.body !== undefined) out.body = redactText(redactJsonBody(request.body), secrets);
  return out;
}

/** A response with its headers, reason phrase, body text and parsed JSON redacted. */
export function redactResponse(response: HttpResponse, secrets: readonly string[]): HttpResponse {
  const out: HttpResponse = {
    status: response.status,
    statusText: redactText(response.statusText, secrets),
    httpVersion: response.httpVersion,
    headers: redactHeaders(response.headers, secrets),
    body: redactText(redactJsonBody(response.body), secrets),
    bodySize: response.bodySize,
  };
  if (response.json !== undefined) out.json = redactJsonStrings(redactJsonValue(response.json), secrets);
  return out;
}

/** The one redaction every Exchange goes through before it leaves src/http/. */
export function redactExchange(exchange: Exchange, secrets: readonly string[]): Exchange {
  return {
    request: redactRequest(exchange.request, secrets),
    response: redactResponse(exchange.response, secrets),
    timings: { ...exchange.timings },
  };
}
