import { describe, expect, it } from 'vitest';
import { authHeaders, secretsOf } from '../../src/http/auth.js';
import {
  REDACTED,
  redactExchange,
  redactHeaders,
  redactJsonBody,
  redactJsonValue,
  redactRequest,
  redactText,
  redactUrl,
  secretFieldValues,
} from '../../src/http/redact.js';
import type { AuthConfig, Exchange, Target } from '../../src/http/types.js';

function target(auth: AuthConfig, headers: Record<string, string> = {}): Target {
  return {
    baseUrl: 'https://scim.example.com/scim/v2',
    auth,
    headers,
    tls: { verify: true },
    timeoutMs: 60_000,
    maxResponseBytes: 10 * 1024 * 1024,
  };
}

function exchangeWith(requestHeaders: Record<string, string>, responseBody: string, responseHeaders: Record<string, string> = {}): Exchange {
  let json: unknown;
  try {
    json = JSON.parse(responseBody);
  } catch {
    json = undefined;
  }
  return {
    request: { method: 'POST', url: 'https://scim.example.com/scim/v2/Users', headers: requestHeaders, body: '{"userName":"a"}' },
    response: {
      status: 401,
      statusText: 'Unauthorized',
      httpVersion: '1.1',
      headers: responseHeaders,
      body: responseBody,
      bodySize: responseBody.length,
      ...(json === undefined ? {} : { json }),
    },
    timings: { startedAt: '2024-01-01T00:00:00.000Z', connect: -1, wait: 1, receive: 1, total: 2 },
  };
}

describe('redactText', () => {
  it('replaces every occurrence of every secret, the longest first', () => {
    const out = redactText('a=abcd1234 b=abcd1234xyz c=abcd1234', ['abcd1234', 'abcd1234xyz']);
    expect(out).toBe(`a=${REDACTED} b=${REDACTED} c=${REDACTED}`);
  });

  it('also catches the JSON-escaped and percent-encoded forms of a secret', () => {
    const secret = 'p@ss"word/+1';
    const text = `${JSON.stringify({ echoed: secret })} ?t=${encodeURIComponent(secret)}`;
    const out = redactText(text, [secret]);
    expect(out).not.toContain('ss');
    expect(out).toContain(REDACTED);
  });

  it('leaves text without secrets alone', () => {
    expect(redactText('nothing here', ['secret-value'])).toBe('nothing here');
    expect(redactText('nothing here', [])).toBe('nothing here');
  });
});

describe('redactHeaders', () => {
  it('hides credential headers whatever their case, keeping a known auth scheme', () => {
    const out = redactHeaders(
      {
        Authorization: 'Bearer abc.def',
        'Proxy-Authorization': 'Basic Zm9vOmJhcg==',
        Cookie: 'sid=1',
        'set-cookie': 'sid=2; HttpOnly',
        'X-API-Key': 'k1',
        'api-key': 'k2',
        'x-auth-token': 'k3',
        Accept: 'application/scim+json',
      },
      [],
    );
    expect(out).toEqual({
      Authorization: `Bearer ${REDACTED}`,
      'Proxy-Authorization': `Basic ${REDACTED}`,
      Cookie: REDACTED,
      'set-cookie': REDACTED,
      'X-API-Key': REDACTED,
      'api-key': REDACTED,
      'x-auth-token': REDACTED,
      Accept: 'application/scim+json',
    });
  });

  it('hides an Authorization value with no recognised scheme entirely', () => {
    expect(redactHeaders({ authorization: 'mytoken-123' }, [])).toEqual({ authorization: REDACTED });
    expect(redactHeaders({ authorization: 'weird mytoken-123' }, [])).toEqual({ authorization: REDACTED });
  });

  it('hides any header whose value contains a secret', () => {
    const out = redactHeaders({ 'x-tenant': 'tenant-secret-42', 'x-echo': 'you sent tenant-secret-42', accept: '*/*' }, [
      'tenant-secret-42',
    ]);
    expect(out).toEqual({ 'x-tenant': REDACTED, 'x-echo': REDACTED, accept: '*/*' });
  });
});

describe('redactJsonBody', () => {
  it('hides password values at any depth and in any case, keeping the keys and the formatting', () => {
    const text = '{\n  "userName": "jo",\n  "password": "1mz050nq",\n  "ext": { "Password" : "s3cr3t!", "list": [{"PASSWORD":"x\\"y"}] }\n}';
    const out = redactJsonBody(text);
    expect(out).toBe(
      `{\n  "userName": "jo",\n  "password": "${REDACTED}",\n  "ext": { "Password" : "${REDACTED}", "list": [{"PASSWORD":"${REDACTED}"}] }\n}`,
    );
    expect(JSON.parse(out)).toEqual(redactJsonValue(JSON.parse(text)));
  });

  it('hides passwords inside PATCH value objects and PATCH operations whose path is the password', () => {
    const patch = {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [
        { op: 'replace', value: { password: 'newpass-1', active: true } },
        { op: 'replace', path: 'password', value: 'newpass-2' },
        { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', value: 'newpass-3' },
        { op: 'replace', path: 'displayName', value: 'Jo' },
      ],
    };
    const out = redactJsonBody(JSON.stringify(patch));
    expect(out).not.toMatch(/newpass/);
    expect(JSON.parse(out)).toEqual({
      schemas: patch.schemas,
      Operations: [
        { op: 'replace', value: { password: REDACTED, active: true } },
        { op: 'replace', path: 'password', value: REDACTED },
        { op: 'replace', path: 'urn:ietf:params:scim:schemas:core:2.0:User:password', value: REDACTED },
        { op: 'replace', path: 'displayName', value: 'Jo' },
      ],
    });
  });

  it('hides non-string password values but keeps null (nothing was echoed)', () => {
    expect(JSON.parse(redactJsonBody('{"password": 12345678, "a": {"password": null}}'))).toEqual({
      password: REDACTED,
      a: { password: null },
    });
    expect(JSON.parse(redactJsonBody('{"password": {"value": "x"}}'))).toEqual({ password: REDACTED });
  });

  it('falls back to a pattern on text that is not valid JSON', () => {
    expect(redactJsonBody('oops {"password": "hunter22", "x": 1')).toBe(`oops {"password": "${REDACTED}", "x": 1`);
  });

  it('returns text without passwords unchanged', () => {
    const text = '{ "userName" : "jo" }';
    expect(redactJsonBody(text)).toBe(text);
  });
});

describe('redactUrl', () => {
  it('hides userinfo passwords and secrets in the query', () => {
    expect(redactUrl('https://me:pa55word@host/scim?key=abcdef12', ['abcdef12'])).toBe(
      `https://me:${REDACTED}@host/scim?key=${REDACTED}`,
    );
  });
});

describe('redactExchange with the secrets of each auth mode', () => {
  const cases: Array<[string, Target, string[]]> = [
    ['bearer', target({ kind: 'bearer', token: 'tok-SECRET-bearer-1' }), ['tok-SECRET-bearer-1']],
    ['header', target({ kind: 'header', value: 'SSWS tok-SECRET-hdr-2' }), ['tok-SECRET-hdr-2']],
    ['basic', target({ kind: 'basic', username: 'admin', password: 'pw-SECRET-3' }), ['pw-SECRET-3', Buffer.from('admin:pw-SECRET-3').toString('base64')]],
    ['--header', target({ kind: 'none' }, { 'x-api-key': 'key-SECRET-4', 'x-tenant': 'tenant-SECRET-5' }), ['key-SECRET-4', 'tenant-SECRET-5']],
  ];

  it.each(cases)('%s: no secret survives in request, echoed error body, json or headers', (_mode, t, mustVanish) => {
    const sent = { ...t.headers, ...authHeaders(t.auth) };
    const echo = JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: `token ${JSON.stringify(sent)} (${mustVanish.join(' / ')}) is not valid`,
      status: '401',
    });
    const exchange = exchangeWith(sent, echo, { 'www-authenticate': `Bearer error="${Object.values(sent).join(' ')}"` });
    const before = JSON.stringify(exchange);
    const redacted = redactExchange(exchange, secretsOf(t));
    const all = JSON.stringify(redacted);
    for (const secret of mustVanish) expect(all).not.toContain(secret);
    expect(all).toContain(REDACTED);
    // Pure: the input is untouched.
    expect(JSON.stringify(exchange)).toBe(before);
    expect(before).not.toBe(all);
  });

  it('redacts the password in both request and response bodies and in the parsed json', () => {
    const exchange = exchangeWith({}, '{"id":"1","password":"echoed-pw-9"}');
    exchange.request.body = '{"userName":"jo","password":"1mz050nq"}';
    const redacted = redactExchange(exchange, []);
    expect(redacted.request.body).toBe(`{"userName":"jo","password":"${REDACTED}"}`);
    expect(redacted.response.body).toBe(`{"id":"1","password":"${REDACTED}"}`);
    expect(redacted.response.json).toEqual({ id: '1', password: REDACTED });
  });
});

describe('fields a suite marks secret', () => {
  const body = JSON.stringify({ userName: 'a', password: 'Pw-123456', enterprise: { PIN: 'pin-9876' }, Operations: [{ op: 'add', value: { apiSecret: 'as-5555-abcd' } }] });

  it('are found at any depth and in any case, beside every password', () => {
    expect(secretFieldValues(body, ['pin', 'apiSecret']).sort()).toEqual(['Pw-123456', 'as-5555-abcd', 'pin-9876']);
    expect(secretFieldValues(body)).toEqual(['Pw-123456']);
    // A body without the word "password" is still read when the suite names fields.
    expect(secretFieldValues(JSON.stringify({ pin: 'pin-9876' }), ['pin'])).toEqual(['pin-9876']);
  });

  it('are hidden in a request shown before anything learned them (a dry run), and the marker is not copied', () => {
    const shown = redactRequest({ method: 'POST', url: 'https://x/Users', headers: {}, body, secretFields: ['pin', 'apiSecret'] }, []);
    expect(shown.body).not.toContain('pin-9876');
    expect(shown.body).not.toContain('as-5555-abcd');
    expect(shown.body).not.toContain('Pw-123456');
    expect(shown.body).toContain('"userName":"a"');
    expect(shown).not.toHaveProperty('secretFields');
  });
});
