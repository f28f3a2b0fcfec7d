// Why a request never produced a usable response: one HttpError kind per cause, each worded for the user,
// and the mapping from undici / Node error codes onto those kinds. Loads no undici (codes are plain strings).
import { ExitCode, ScimCheckError } from '../errors.js';
import { redactText, redactUrl } from './redact.js';
import type { HttpRequest } from './types.js';

export type HttpErrorKind =
  | 'dns'
  | 'refused'
  | 'connect-timeout'
  | 'tls'
  | 'timeout'
  | 'too-large'
  | 'not-http'
  | 'reset'
  | 'proxy'
  | 'aborted'
  | 'invalid-url'
  /** The request itself cannot be sent (e.g. a header value with a newline, a method undici refuses). */
  | 'invalid-request'
  /** A network failure none of the kinds above describes; the detail carries the original code. */
  | 'network';

const TITLES: Record<HttpErrorKind, string> = {
  dns: 'DNS lookup failed',
  refused: 'Connection refused',
  'connect-timeout': 'Connection timed out',
  tls: 'TLS handshake failed',
  timeout: 'Request timed out',
  'too-large': 'Response too large',
  'not-http': 'Not an HTTP answer',
  reset: 'Connection closed',
  proxy: 'Proxy error',
  aborted: 'Request aborted',
  'invalid-url': 'Invalid URL',
  'invalid-request': 'Invalid request',
  network: 'Network error',
};

export interface HttpErrorInit {
  kind: HttpErrorKind;
  /** The URL at fault (already redacted by the caller or by toHttpError). */
  url: string;
  detail: string;
  hint?: string | undefined;
  /** The redacted request that failed, when there was one. */
  request?: HttpRequest | undefined;
  /** The undici / Node / OpenSSL code behind it (ENOTFOUND, CERT_HAS_EXPIRED, HPE_INVALID_CONSTANT, …). */
  causeCode?: string | undefined;
}

/** A request to the target that failed below the level of HTTP status codes. */
export class HttpError extends ScimCheckError {
  readonly kind: HttpErrorKind;
  readonly url: string;
  readonly request: HttpRequest | undefined;
  readonly causeCode: string | undefined;

  constructor(init: HttpErrorInit) {
    super({
      code: `target.${init.kind}`,
      exitCode: ExitCode.TARGET_ERROR,
      title: TITLES[init.kind],
      detail: init.detail,
      hint: init.hint,
    });
    this.kind = init.kind;
    this.url = init.url;
    this.request = init.request;
    this.causeCode = init.causeCode;
  }
}

export interface ToHttpErrorOptions {
  /** Secrets to scrub from any text taken from the original error (see secretsOf). */
  secrets?: readonly string[] | undefined;
  /** The proxy URL in use, so failures reaching it are reported as proxy errors. */
  proxy?: string | undefined;
  /** The timeout in force, for the wording of timeout errors. */
  timeoutMs?: number | undefined;
  /** The response size limit in force, for the wording of too-large errors. */
  maxResponseBytes?: number | undefined;
}

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const RESET_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'ECONNABORTED', 'UND_ERR_CLOSED']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'EADDRNOTAVAIL']);
const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const TLS_HINT = 'pass --ca FILE, or --insecure to check anyway';

/** --ca and --insecure only help with a certificate the client cannot verify; not with a port that speaks no TLS. */
function tlsHint(code: string): string {
  if (code === 'ERR_SSL_WRONG_VERSION_NUMBER' || code === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return 'this port answers plain HTTP: use http:// in --base-url, or the port that serves https';
  }
  if (/PROTOCOL|VERSION|HANDSHAKE|ALERT|UNRECOGNIZED_NAME/.test(code)) {
    return "fix the server's TLS setup: Okta needs TLS 1.2 or later and a certificate for this host name";
  }
  return TLS_HINT;
}

interface ErrorFacts {
  code: string | undefined;
  message: string;
  name: string;
  /** The whole record, for fields only some errors carry (hostname, cert, reason, …). */
  raw: Record<string, unknown>;
}

/** Walks err → err.cause → … (undici and fetch wrap the socket error) and returns every level, outermost first. */
function causeChain(err: unknown): ErrorFacts[] {
  const chain: ErrorFacts[] = [];
  let current: unknown = err;
  const seen = new Set<unknown>();
  while (current !== null && typeof current === 'object' && !seen.has(current) && chain.length < 8) {
    seen.add(current);
    const raw = current as Record<string, unknown>;
    const code = raw['code'];
    chain.push({
      code: typeof code === 'string' ? code : undefined,
      message: typeof raw['message'] === 'string' ? raw['message'] : '',
      name: typeof raw['name'] === 'string' ? raw['name'] : '',
      raw,
    });
    // AggregateError (happy-eyeballs tried IPv4 and IPv6): the first attempt's error speaks for all.
    const errors = raw['errors'];
    current = raw['cause'] ?? (Array.isArray(errors) ? (errors[0] as unknown) : undefined);
  }
  return chain;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** Formats a byte count the way users think of limits: "10 MiB", "512 KiB", "300 bytes". */
export function formatBytes(bytes: number): string {
  const mib = 1024 * 1024;
  if (bytes >= mib && bytes % (mib / 4) === 0) return `${bytes / mib} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** What the altnames in a certificate say it is for, as "a, b" (DNS names and IPs, prefixes dropped). */
function certNames(raw: Record<string, unknown>): string | undefined {
  const cert = raw['cert'];
  if (cert !== null && typeof cert === 'object') {
    const san = (cert as Record<string, unknown>)['subjectaltname'];
    if (typeof san === 'string' && san !== '') {
      return san
        .split(/,\s*/)
        .map((part) => part.replace(/^(DNS|IP Address|IP):/, ''))
        .join(', ');
    }
    const subject = (cert as Record<string, unknown>)['subject'];
    if (subject !== null && typeof subject === 'object') {
      const cn = (subject as Record<string, unknown>)['CN'];
      if (typeof cn === 'string') return cn;
    }
  }
  const reason = raw['reason'];
  if (typeof reason === 'string') {
    const match = /altnames: (.*)$/.exec(reason);
    if (match?.[1] !== undefined) return match[1].replace(/(DNS|IP Address|IP):/g, '');
  }
  return undefined;
}

/** OpenSSL / Node certificate codes and what they mean in plain words. */
const TLS_CAUSES: Record<string, string> = {
  CERT_HAS_EXPIRED: 'certificate has expired',
  CERT_NOT_YET_VALID: 'certificate is not valid yet (check the clock on both machines)',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (a private CA this machine does not trust)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    'unable to verify the first certificate (the server does not send its intermediate certificates)',
  UNABLE_TO_GET_ISSUER_CERT: 'unable to get the issuer certificate (the server does not send its intermediate certificates)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get the local issuer certificate (a CA this machine does not trust)',
  CERT_REVOKED: 'certificate has been revoked',
  CERT_UNTRUSTED: 'certificate is not trusted',
  CERT_SIGNATURE_FAILURE: 'certificate signature is invalid',
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server does not speak TLS on this port (is the URL meant to be http://?)',
  ERR_SSL_UNSUPPORTED_PROTOCOL: 'the server only offers a TLS version this client refuses (older than TLS 1.2?)',
  ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 'no TLS version both sides support',
  ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 'handshake failure (no cipher or TLS version both sides support)',
  ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 'the server aborted the handshake (internal error; wrong SNI host name?)',
  ERR_SSL_TLSV1_UNRECOGNIZED_NAME: 'the server does not know this host name (SNI)',
};

/**
 * Says in plain words why a TLS handshake failed, or undefined when `err` is not a TLS failure.
 * `host` is the host name the client asked for (used for the name-mismatch wording).
 * Also used by `diagnose`, which reports the same causes step by step.
 */
export function describeTlsError(err: unknown, host: string): { cause: string; code: string } | undefined {
  for (const level of causeChain(err)) {
    const code = level.code;
    if (code === undefined) continue;
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      const names = certNames(level.raw);
      const bareHost = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
      return {
        code,
        cause: names === undefined ? `certificate is not for ${bareHost}` : `certificate is for ${names}, not ${bareHost}`,
      };
    }
    const known = TLS_CAUSES[code];
    if (known !== undefined) return { code, cause: known };
    if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code === 'EPROTO') {
      const reason = typeof level.raw['reason'] === 'string' ? level.raw['reason'] : level.message;
      return { code, cause: reason.replace(/^.*routines:/, '').replace(/:.*$/, '') || 'handshake failed' };
    }
    // OpenSSL verify codes not in the table all end with CERT or mention a certificate.
    if (/^[A-Z_]+$/.test(code) && /CERT|ISSUER|CHAIN|SIGNATURE/.test(code)) {
      return { code, cause: level.message !== '' ? level.message : code.toLowerCase().replace(/_/g, ' ') };
    }
  }
  return undefined;
}

/**
 * Maps whatever undici or Node threw into an HttpError naming the URL and the cause.
 * `request` should already be redacted; `url` is redacted here with `options.secrets`.
 */
export function toHttpError(
  err: unknown,
  request: HttpRequest | undefined,
  url: string,
  options: ToHttpErrorOptions = {},
): HttpError {
  if (err instanceof HttpError) return err;
  const secrets = options.secrets ?? [];
  const safeUrl = redactUrl(url, secrets);
  const host = hostOf(safeUrl);
  const chain = causeChain(err);
  const codes = chain.map((level) => level.code).filter((code): code is string => code !== undefined);
  const firstCode = codes[0];
  const method = request?.method ?? 'request';
  const timeoutMs = options.timeoutMs;
  const make = (kind: HttpErrorKind, detail: string, hint?: string, causeCode = firstCode): HttpError =>
    new HttpError({
      kind,
      url: safeUrl,
      detail: redactText(detail, secrets),
      hint,
      request,
      causeCode,
    });
  const has = (set: Set<string>): string | undefined => codes.find((code) => set.has(code));

  if (chain.some((level) => level.code === 'ERR_INVALID_URL' || level.code === 'ERR_INVALID_URL_SCHEME')) {
    return make('invalid-url', `${safeUrl} is not a valid http(s) URL`, 'check --base-url and the path of the step');
  }

  const proxyKind = proxyFailure(chain, options.proxy, secrets);
  if (proxyKind !== undefined) {
    return make('proxy', proxyKind, 'check --proxy (or HTTPS_PROXY / HTTP_PROXY) and its credentials');
  }

  if (chain.some((level) => level.code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE')) {
    const limit = options.maxResponseBytes;
    return make(
      'too-large',
      `${method} ${safeUrl}: response body exceeded ${limit === undefined ? 'the size limit' : formatBytes(limit)}`,
      'a SCIM page should be small; check count/startIndex handling, or raise the limit',
    );
  }

  const dns = has(DNS_CODES);
  if (dns !== undefined) {
    const hostname = bareHost(host);
    const detail =
      dns === 'EAI_AGAIN'
        ? `DNS: lookup of ${hostname} failed temporarily (EAI_AGAIN)`
        : `DNS: no address found for ${hostname} (${dns})`;
    return make('dns', detail, 'check the host name in --base-url and that this machine can resolve it', dns);
  }

  if (codes.includes('ECONNREFUSED')) {
    return make(
      'refused',
      `${host} refused the connection (ECONNREFUSED): nothing is listening on that port`,
      'check the port in --base-url and that the server is running',
      'ECONNREFUSED',
    );
  }

  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return make(
      'connect-timeout',
      `no TCP connection to ${host} within ${timeoutMs ?? 'the connect timeout'}${timeoutMs === undefined ? '' : ' ms'} (UND_ERR_CONNECT_TIMEOUT)`,
      'a firewall may be dropping the packets; Okta must reach this host from the internet',
      'UND_ERR_CONNECT_TIMEOUT',
    );
  }

  const unreachable = has(UNREACHABLE_CODES);
  if (unreachable !== undefined) {
    return make('refused', `${host} is unreachable from this machine (${unreachable})`, 'check the network route and the host in --base-url', unreachable);
  }

  const tls = describeTlsError(err, host);
  if (tls !== undefined) {
    return make('tls', `TLS: ${tls.cause} (${host}, ${tls.code})`, tlsHint(tls.code), tls.code);
  }

  const timeout = has(TIMEOUT_CODES);
  if (timeout !== undefined || chain.some((level) => level.name === 'TimeoutError')) {
    return make(
      'timeout',
      `${method} ${safeUrl}: no complete answer within ${timeoutMs ?? 60_000} ms (Okta gives up after 60 s)`,
      'the server must answer every SCIM call within 60 s',
      timeout ?? 'TimeoutError',
    );
  }

  // undici 7 raises HTTPParserError, sometimes without its HPE_* code; the message says what was wrong.
  const parser = chain.find((level) => level.code?.startsWith('HPE_') === true || level.name === 'HTTPParserError');
  if (parser !== undefined) {
    const reason = parser.message.replace(/^Parse Error:?\s*/, '');
    const code = parser.code ?? 'HTTPParserError';
    return make(
      'not-http',
      `${host} answered with something that is not HTTP/1.1 (${reason !== '' ? reason : code})`,
      'check the scheme and port in --base-url: an https port answers plain http with garbage, and vice versa',
      code,
    );
  }

  const reset = has(RESET_CODES);
  if (reset !== undefined) {
    return make(
      'reset',
      `${host} closed the connection before a complete answer to ${method} ${safeUrl} (${reset})`,
      'look at the server log: the request may have crashed it, a proxy in front of it may drop the request, or its keep-alive timeout may be shorter than 4 s (an idempotent request was already retried once)',
      reset,
    );
  }

  if (chain.some((level) => level.name === 'AbortError' || level.code === 'UND_ERR_ABORTED' || level.code === 'ABORT_ERR')) {
    return make('aborted', `${method} ${safeUrl} was cancelled before it completed`, undefined, firstCode ?? 'AbortError');
  }

  if (codes.some((code) => code === 'UND_ERR_INVALID_ARG' || code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_CHAR' || code === 'ERR_INVALID_HTTP_TOKEN')) {
    const message = chain[0]?.message ?? '';
    return make('invalid-request', `${method} ${safeUrl} cannot be sent: ${message}`, 'check the method and header values of the step');
  }

  const message = chain[0]?.message ?? String(err);
  return make('network', `${method} ${safeUrl} failed: ${message}${firstCode === undefined ? '' : ` (${firstCode})`}`);
}

function bareHost(host: string): string {
  return host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
}

/**
 * undici's ProxyAgent reports a refused CONNECT as "Proxy response (407) !== 200 when HTTP Tunneling";
 * failing to reach the proxy itself shows up as a socket error on the proxy's host:port.
 */
function proxyFailure(chain: ErrorFacts[], proxy: string | undefined, secrets: readonly string[]): string | undefined {
  if (proxy === undefined) return undefined;
  const proxyUrl = safeParse(proxy);
  const proxyHost = proxyUrl === undefined ? redactUrl(proxy, secrets) : proxyUrl.host;
  for (const level of chain) {
    const tunnel = /Proxy response \((\d+)\)/.exec(level.message);
    if (tunnel?.[1] !== undefined) {
      const status = tunnel[1];
      const why = status === '407' ? 'it wants credentials (407 Proxy Authentication Required)' : `it answered ${status} to CONNECT`;
      return `proxy ${proxyHost} refused to open a tunnel: ${why}`;
    }
  }
  if (proxyUrl === undefined) return undefined;
  const proxyPort = proxyUrl.port !== '' ? Number(proxyUrl.port) : proxyUrl.protocol === 'https:' ? 443 : 80;
  for (const level of chain) {
    const hostname = level.raw['hostname'];
    const port = level.raw['port'];
    const code = level.code ?? 'error';
    if (typeof hostname === 'string' && hostname === proxyUrl.hostname && DNS_CODES.has(code)) {
      return `proxy ${proxyHost} cannot be resolved (${code})`;
    }
    if (typeof port === 'number' && port === proxyPort && (code === 'ECONNREFUSED' || code === 'UND_ERR_CONNECT_TIMEOUT')) {
      return `proxy ${proxyHost} cannot be reached (${code})`;
    }
  }
  return undefined;
}

function safeParse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
