import { describe, expect, it } from 'vitest';
import { ExitCode, ScimCheckError } from '../../src/errors.js';
import { describeTlsError, formatBytes, HttpError, toHttpError } from '../../src/http/http-error.js';
import type { HttpRequest } from '../../src/http/types.js';

const URL_ = 'https://scim.example.com:8443/scim/v2/Users?startIndex=1&count=2';
const REQUEST: HttpRequest = { method: 'GET', url: URL_, headers: { Authorization: 'Bearer [REDACTED]' } };

/** Builds an error shaped like the ones Node and undici throw (code, name, extra fields). */
function nodeError(code: string | undefined, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), code === undefined ? {} : { code }, extra);
}

describe('toHttpError', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['ENOTFOUND', nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND scim.example.com', { hostname: 'scim.example.com' }), 'dns', /^DNS: no address found for scim\.example\.com \(ENOTFOUND\)$/],
    ['EAI_AGAIN', nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN'), 'dns', /lookup of scim\.example\.com failed temporarily \(EAI_AGAIN\)/],
    ['ECONNREFUSED', nodeError('ECONNREFUSED', 'connect ECONNREFUSED'), 'refused', /scim\.example\.com:8443 refused the connection/],
    ['UND_ERR_CONNECT_TIMEOUT', nodeError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error'), 'connect-timeout', /no TCP connection to scim\.example\.com:8443 within 5000 ms/],
    ['UND_ERR_HEADERS_TIMEOUT', nodeError('UND_ERR_HEADERS_TIMEOUT', 'Headers Timeout Error'), 'timeout', /no complete answer within 5000 ms \(Okta gives up after 60 s\)/],
    ['UND_ERR_BODY_TIMEOUT', nodeError('UND_ERR_BODY_TIMEOUT', 'Body Timeout Error'), 'timeout', /within 5000 ms/],
    ['CERT_HAS_EXPIRED', nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), 'tls', /^TLS: certificate has expired/],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), 'tls', /^TLS: self-signed certificate \(/],
    ['SELF_SIGNED_CERT_IN_CHAIN', nodeError('SELF_SIGNED_CERT_IN_CHAIN', 'x'), 'tls', /self-signed certificate in the chain/],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'x'), 'tls', /unable to verify the first certificate/],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", {
        reason: "Host: scim.example.com. is not in the cert's altnames: DNS:other.host",
        cert: { subjectaltname: 'DNS:other.host, DNS:*.other.host' },
      }),
      'tls',
      /certificate is for other\.host, \*\.other\.host, not scim\.example\.com/,
    ],
    ['ECONNRESET', nodeError('ECONNRESET', 'read ECONNRESET'), 'reset', /closed the connection before a complete answer/],
    ['UND_ERR_SOCKET', nodeError('UND_ERR_SOCKET', 'other side closed'), 'reset', /\(UND_ERR_SOCKET\)/],
    ['HPE_INVALID_CONSTANT', nodeError('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/'), 'not-http', /not HTTP\/1\.1 \(Expected HTTP\/\)/],
    ['UND_ERR_RES_EXCEEDED_MAX_SIZE', nodeError('UND_ERR_RES_EXCEEDED_MAX_SIZE', 'x'), 'too-large', /response body exceeded 10 MiB/],
    ['AbortError', Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }), 'aborted', /was cancelled/],
    ['TimeoutError', Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'timeout', /within 5000 ms/],
    ['ERR_INVALID_URL', nodeError('ERR_INVALID_URL', 'Invalid URL'), 'invalid-url', /is not a valid http\(s\) URL/],
    ['unknown', nodeError('EWHATEVER', 'odd failure'), 'network', /failed: odd failure \(EWHATEVER\)/],
  ];

  it.each(cases)('%s', (_name, err, kind, detail) => {
    const mapped = toHttpError(err, REQUEST, URL_, { timeoutMs: 5000, maxResponseBytes: 10 * 1024 * 1024 });
    expect(mapped).toBeInstanceOf(HttpError);
    expect(mapped).toBeInstanceOf(ScimCheckError);
    expect(mapped.kind).toBe(kind);
    expect(mapped.code).toBe(`target.${kind}`);
    expect(mapped.exitCode).toBe(ExitCode.TARGET_ERROR);
    expect(mapped.detail).toMatch(detail);
    expect(mapped.request).toBe(REQUEST);
    expect(mapped.message).toBe(`${mapped.title}: ${mapped.detail}`);
  });

  it('looks through cause chains and AggregateErrors', () => {
    const wrapped = new TypeError('fetch failed', { cause: nodeError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1') });
    expect(toHttpError(wrapped, REQUEST, URL_).kind).toBe('refused');
    const aggregate = Object.assign(new AggregateError([nodeError('ECONNREFUSED', 'v4'), nodeError('ECONNREFUSED', 'v6')], 'x'), { code: undefined });
    expect(toHttpError(aggregate, REQUEST, URL_).kind).toBe('refused');
  });

  it('puts TLS advice in the hint', () => {
    const mapped = toHttpError(nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'x'), REQUEST, URL_);
    expect(mapped.hint).toBe('pass --ca FILE, or --insecure to check anyway');
    expect(mapped.title).toBe('TLS handshake failed');
  });

  it('reports failures to reach the proxy as proxy errors', () => {
    const proxy = 'http://user:proxy-pass-77@proxy.corp:3128';
    const refused = toHttpError(nodeError('ECONNREFUSED', 'connect ECONNREFUSED', { port: 3128, address: '10.0.0.1' }), REQUEST, URL_, { proxy });
    expect(refused.kind).toBe('proxy');
    expect(refused.detail).toBe('proxy proxy.corp:3128 cannot be reached (ECONNREFUSED)');
    const dns = toHttpError(nodeError('ENOTFOUND', 'x', { hostname: 'proxy.corp' }), REQUEST, URL_, { proxy });
    expect(dns.kind).toBe('proxy');
    expect(JSON.stringify([refused, dns])).not.toContain('proxy-pass-77');
  });

  it('scrubs secrets from the URL and from text taken from the original error', () => {
    const secret = 'tok-SECRET-42424242';
    const mapped = toHttpError(nodeError('EWHATEVER', `bad header value ${secret}`), REQUEST, `https://h.example/Users?key=${secret}`, {
      secrets: [secret],
    });
    expect(JSON.stringify(mapped)).not.toContain(secret);
    expect(mapped.message).not.toContain(secret);
    expect(mapped.url).toBe('https://h.example/Users?key=[REDACTED]');
  });

  it('passes an HttpError through unchanged', () => {
    const original = new HttpError({ kind: 'too-large', url: URL_, detail: 'x' });
    expect(toHttpError(original, REQUEST, URL_)).toBe(original);
  });
});

describe('describeTlsError', () => {
  it('returns undefined for errors that are not about TLS', () => {
    expect(describeTlsError(nodeError('ECONNREFUSED', 'x'), 'h')).toBeUndefined();
    expect(describeTlsError('a string', 'h')).toBeUndefined();
  });

  it('words a plain http port reached with https://', () => {
    expect(describeTlsError(nodeError('ERR_SSL_WRONG_VERSION_NUMBER', 'x'), 'h')?.cause).toContain('does not speak TLS');
  });
});

describe('formatBytes', () => {
  it('speaks in MiB, KiB or bytes', () => {
    expect(formatBytes(10 * 1024 * 1024)).toBe('10 MiB');
    expect(formatBytes(512 * 1024)).toBe('512 KiB');
    expect(formatBytes(300)).toBe('300 bytes');
  });
});
