// Redaction, done once here before an Exchange leaves src/http/: secret header values, every occurrence of a
// known secret in any text and in any transformed form (find-secrets.ts), and the value of every `password` in
// JSON bodies. Pure functions only.
import { findSecrets, replaceSecrets } from './find-secrets.js';
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

/** Replaces every occurrence of every secret in `text`, in any of the forms find-secrets.ts knows, with [REDACTED]. */
export function redactText(text: string, secrets: readonly string[]): string {
  return replaceSecrets(text, secrets, REDACTED);
}

function containsSecret(value: string, secrets: readonly string[]): boolean {
  return findSecrets(value, secrets).length > 0;
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

/** A PATCH operation's path naming the password: "password", or with the schema URN in front. */
function isPasswordPath(path: unknown): boolean {
  return typeof path === 'string' && /(^|:)password$/i.test(path.trim());
}

/** Whether a member's value must be hidden: `password` (any case), or `value` beside a password `path`. */
function hides(key: string, patchesPassword: boolean, extra: ReadonlySet<string> = NO_FIELDS): boolean {
  const lower = key.toLowerCase();
  return lower === 'password' || extra.has(lower) || (patchesPassword && lower === 'value');
}

const NO_FIELDS: ReadonlySet<string> = new Set();

/**
 * The values of the secret fields of a JSON request body (every `password`, every member named in `fields` (a suite's
 * `secrets`, any case), and the value of a PATCH operation on the password), so the transport can redact them
 * wherever a server repeats them: in an error message, a header, base64-encoded. Not JSON, or nested absurdly deep:
 * none.
 */
export function secretFieldValues(body: string | undefined, fields: readonly string[] = []): string[] {
  if (body === undefined || (fields.length === 0 && !/password/i.test(body))) return [];
  const extra = new Set(fields.map((f) => f.toLowerCase()));
  let parsed: unknown;
  try {
    parsed = JSON.parse(body) as unknown;
  } catch {
    return [];
  }
  const found: string[] = [];
  const walk = (value: unknown, depth: number): void => {
    if (depth > 64 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1);
      return;
    }
    const record = value as Record<string, unknown>;
    const patchesPassword = isPasswordPath(record['path']);
    for (const [key, child] of Object.entries(record)) {
      if (typeof child === 'string' && hides(key, patchesPassword, extra)) found.push(child);
      else walk(child, depth + 1);
    }
  };
  walk(parsed, 0);
  return found;
}

/**
 * A parsed JSON value with every password value replaced by "[REDACTED]" (keys kept): any `password` member at
 * any depth and in any case whose value is not null, and the `value` of a PATCH operation whose `path` is the
 * password. Secrets inside strings (keys included) are replaced too. Unchanged parts are shared, not copied.
 */
export function redactJsonValue(value: unknown, secrets: readonly string[] = []): unknown {
  if (typeof value === 'string') return redactText(value, secrets);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    let changed = false;
    const out = value.map((item: unknown) => {
      const next = redactJsonValue(item, secrets);
      if (next !== item) changed = true;
      return next;
    });
    return changed ? out : value;
  }
  const record = value as Record<string, unknown>;
  const patchesPassword = isPasswordPath(record['path']);
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(record)) {
    const safeKey = redactText(key, secrets);
    const next = child !== null && hides(key, patchesPassword) ? REDACTED : redactJsonValue(child, secrets);
    if (next !== child || safeKey !== key) changed = true;
    out[safeKey] = next;
  }
  return changed ? out : value;
}

/**
 * Replaces the value of every `password` member in a JSON text with "[REDACTED]" (same rules as
 * redactJsonValue), keeping the key and the rest of the text byte for byte, so a check can still see that a
 * server echoed a password. Text that is not JSON gets a best-effort pattern replacement of `"password": …`.
 */
export function redactJsonBody(text: string): string {
  if (!/password/i.test(text)) return text;
  try {
    JSON.parse(text);
  } catch {
    return text.replace(
      /("password"\s*:\s*)("(?:[^"\\]|\\.)*"|[^\s,}\]]+)/gi,
      (whole, prefix: string, value: string) => (value === 'null' ? whole : `${prefix}"${REDACTED}"`),
    );
  }
  const spans = new JsonSpanScanner(text).scan();
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let last = 0;
  for (const [start, end] of spans) {
    if (start < last) continue; // inside a span already hidden
    out += `${text.slice(last, start)}"${REDACTED}"`;
    last = end;
  }
  return out + text.slice(last);
}

/**
 * Finds, in one pass, the [start, end) spans of the values to hide in a text already known to be valid JSON.
 * Duplicate keys are all hidden (JSON.parse keeps the last; hiding every copy is the safe choice).
 */
class JsonSpanScanner {
  private pos = 0;
  private readonly spans: Array<[number, number]> = [];

  constructor(private readonly text: string) {}

  scan(): Array<[number, number]> {
    this.value();
    return this.spans;
  }

  private ws(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0xfeff) return;
      this.pos++;
    }
  }

  /** Skips one value; returns its content when it is a string (a PATCH `path`), else undefined. */
  private value(): string | undefined {
    this.ws();
    const ch = this.text.charAt(this.pos);
    if (ch === '{') this.object();
    else if (ch === '[') this.array();
    else if (ch === '"') return this.string();
    else this.literal();
    return undefined;
  }

  private object(): void {
    this.pos++; // {
    this.ws();
    if (this.text.charAt(this.pos) === '}') {
      this.pos++;
      return;
    }
    const valueSpans: Array<[number, number]> = [];
    let patchesPassword = false;
    for (;;) {
      this.ws();
      const key = this.string().toLowerCase();
      this.ws();
      this.pos++; // :
      this.ws();
      const start = this.pos;
      const isNull = this.text.startsWith('null', start);
      const content = this.value();
      if (key === 'password' && !isNull) this.spans.push([start, this.pos]);
      else if (key === 'value' && !isNull) valueSpans.push([start, this.pos]);
      else if (key === 'path' && isPasswordPath(content)) patchesPassword = true;
      this.ws();
      if (this.text.charAt(this.pos++) === '}') break;
    }
    // `path` may come after `value` in an operation, so this is only known at the closing brace.
    if (patchesPassword) this.spans.push(...valueSpans);
  }

  private array(): void {
    this.pos++; // [
    this.ws();
    if (this.text.charAt(this.pos) === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.ws();
      if (this.text.charAt(this.pos++) === ']') return;
    }
  }

  /** Skips a string and returns its decoded content. */
  private string(): string {
    const start = this.pos;
    this.pos++; // opening quote
    let escaped = false;
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos);
      if (code === 0x5c) {
        escaped = true;
        this.pos += 2;
      } else {
        this.pos++;
        if (code === 0x22) break;
      }
    }
    return escaped ? (JSON.parse(this.text.slice(start, this.pos)) as string) : this.text.slice(start + 1, this.pos - 1);
  }

  private literal(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos);
      // , } ] whitespace, or the end (NaN)
      if (Number.isNaN(code) || code === 0x2c || code === 0x7d || code === 0x5d || code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) return;
      this.pos++;
    }
  }
}

/** A request with its headers, URL and body redacted. */
export function redactRequest(request: HttpRequest, known: readonly string[]): HttpRequest {
  // A request that names its own secret fields (a suite's `secrets`) hides their values even where nothing learned
  // them yet (a dry run); the marker itself is never copied out.
  const own = request.secretFields === undefined ? [] : secretFieldValues(request.body, request.secretFields).filter((v) => v.trim().length >= 4);
  const secrets = own.length === 0 ? known : [...known, ...own];
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
  if (response.json !== undefined) out.json = redactJsonValue(response.json, secrets);
  if (response.jsonNote !== undefined) out.jsonNote = response.jsonNote;
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
