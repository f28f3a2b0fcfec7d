// Auth rung: no credentials must get 401, the configured ones 200; when they are refused, try the forms people
// get wrong (Bearer added, removed or doubled, x-api-key, Basic) and say what to type in each kind of Okta app
// (okta-protocol.md §1.2, §4.2 "Unauthorized", §5.3).
import type { AuthConfig, Exchange, Target } from '../http/types.js';
import { sendOktaProbe, statusLine, type ProbeOutcome } from './okta-probe.js';
import type { AuthVariantResult, RungResult, TransportFactory } from './types.js';

interface Variant {
  id: string;
  shape: string;
  auth: AuthConfig;
  headers: Record<string, string>;
}

export interface AuthCheck {
  result: RungResult;
  variants: AuthVariantResult[];
  /** The 200 answer of a variant that worked, for the SCIM-shape rung when the configured form was refused. */
  workingExchange?: Exchange;
}

const BEARER_PREFIX = /^(?:bearer\s+)+/i;

export function hasCredentials(target: Target): boolean {
  return target.auth.kind !== 'none' || Object.keys(target.headers).length > 0;
}

/** How the configured credentials go on the wire, with secrets replaced by placeholders. */
export function configuredShape(target: Target): string {
  const parts: string[] = [];
  const auth = target.auth;
  if (auth.kind === 'bearer') parts.push(`Authorization: Bearer ${BEARER_PREFIX.test(auth.token) ? 'Bearer ' : ''}<token>`);
  if (auth.kind === 'header') {
    const bearers = /^((?:bearer\s+)*)/i.exec(auth.value)?.[1] ?? '';
    parts.push(`Authorization: ${'Bearer '.repeat(bearers.trim() === '' ? 0 : bearers.trim().split(/\s+/).length)}<token>`);
  }
  if (auth.kind === 'basic') parts.push('Authorization: Basic <base64 of username:password>');
  for (const name of Object.keys(target.headers)) parts.push(`${name}: <secret>`);
  return parts.length > 0 ? parts.join(' + ') : '(no credentials)';
}

/** The bare token the configured credentials carry, with any "Bearer " prefixes removed. */
function bareToken(target: Target): string | undefined {
  const auth = target.auth;
  if (auth.kind === 'bearer') return auth.token.replace(BEARER_PREFIX, '');
  if (auth.kind === 'header') return auth.value.replace(BEARER_PREFIX, '');
  const first = Object.values(target.headers)[0];
  return first?.replace(BEARER_PREFIX, '');
}

function variantsOf(target: Target): Variant[] {
  const token = bareToken(target);
  const list: Variant[] = [];
  if (token) {
    list.push(
      { id: 'bearer', shape: 'Authorization: Bearer <token>', auth: { kind: 'header', value: `Bearer ${token}` }, headers: {} },
      { id: 'raw', shape: 'Authorization: <token>', auth: { kind: 'header', value: token }, headers: {} },
      { id: 'double-bearer', shape: 'Authorization: Bearer Bearer <token>', auth: { kind: 'header', value: `Bearer Bearer ${token}` }, headers: {} },
      { id: 'x-api-key', shape: 'x-api-key: <token>', auth: { kind: 'none' }, headers: { 'x-api-key': token } },
    );
  }
  if (target.auth.kind === 'basic') {
    list.push({ id: 'basic', shape: 'Authorization: Basic <base64 of username:password>', auth: target.auth, headers: {} });
  }
  const configured = configuredShape(target);
  return list.filter((v) => v.shape !== configured);
}

/** What to type in each kind of Okta app for the form that worked (okta-protocol.md §1.2). */
function appAdvice(id: string): string {
  switch (id) {
    case 'bearer':
      return 'In the SCIM 2.0 Test App (Header Auth) type "Bearer <token>" in the API Token field (it is sent verbatim). In an App Integration Wizard app (HTTP Header mode) or the OAuth Bearer Token test app paste only "<token>": Okta adds "Bearer " itself.';
    case 'raw':
      return 'In the SCIM 2.0 Test App (Header Auth) type only "<token>", without "Bearer". An App Integration Wizard app and the OAuth Bearer Token test app always send "Bearer <token>", which this server refuses: use the Header Auth app, or make the server accept "Authorization: Bearer <token>" (RFC 6750).';
    case 'double-bearer':
      return 'The server only accepts "Bearer Bearer <token>": it most likely stored the token with a "Bearer " prefix. Store the bare token on the server; then paste only "<token>" in an App Integration Wizard or OAuth Bearer Token app, or "Bearer <token>" in the Header Auth app.';
    case 'x-api-key':
      return 'The server reads the key from an x-api-key header, which Okta\'s SCIM apps cannot send (they only send Authorization). Make the server accept "Authorization: Bearer <key>" too (Postman\'s SCIM API does, okta-protocol.md §5.3), or use the vendor\'s own Okta app.';
    case 'basic':
      return 'Use Basic authentication: the SCIM 2.0 Test App (Basic Auth), or Basic mode in an App Integration Wizard app, with this username and password (an account without MFA: the SCIM connector cannot do MFA).';
    default:
      return '';
  }
}

function whyConfiguredFails(configured: string, working: string): string {
  if (configured === 'Authorization: <token>' && working === 'bearer') {
    return 'The "Bearer " prefix is missing. The Header Auth test app sends its API Token field verbatim, so the field must read "Bearer <token>".';
  }
  if (configured.startsWith('Authorization: Bearer Bearer') && working === 'bearer') {
    return '"Bearer" is doubled: the token was entered with "Bearer " in a field where Okta adds "Bearer " itself (App Integration Wizard HTTP Header mode, OAuth Bearer Token test app).';
  }
  if (configured.startsWith('Authorization: Bearer') && working === 'raw') {
    return 'The server wants the bare token, without the "Bearer " scheme Okta sends.';
  }
  if (working === 'x-api-key') return 'The server ignores the Authorization header and only reads x-api-key.';
  if (working === 'basic') return 'The server wants Basic authentication, not a token.';
  return 'The server accepts these credentials only in another form.';
}

export async function checkAuth(
  target: Target,
  baseUrl: string,
  unauth: ProbeOutcome,
  authed: ProbeOutcome | undefined,
  deps: { transportFactory: TransportFactory; timeoutMs: number; onExchange?: ((e: Exchange) => void) | undefined },
): Promise<AuthCheck> {
  const base = { rung: 'auth' as const, title: 'Auth' };
  const evidence: string[] = [];
  const warnings: { cause: string; fix: string }[] = [];
  const u = unauth.exchange;
  if (u) {
    evidence.push(`without credentials: ${statusLine(u)}`);
    if (u.response.status >= 200 && u.response.status < 300) {
      warnings.push({
        cause: 'Security finding: the server lists users to anyone, without credentials.',
        fix: 'Require the token on every SCIM endpoint and answer 401 with a SCIM Error body otherwise (RFC 7644 §3.12).',
      });
    } else if (u.response.status === 403) {
      evidence.push('(401 is the RFC 7644 §3.12 status for missing credentials; 403 works with Okta too)');
    }
  } else {
    evidence.push(`without credentials: no answer (${unauth.failure.kind})`);
  }

  const configured = configuredShape(target);
  if (!hasCredentials(target)) {
    const refused = u !== undefined && (u.response.status === 401 || u.response.status === 403);
    return {
      result: {
        ...base,
        status: refused ? 'fail' : warnings.length > 0 ? 'warn' : 'skip',
        summary: refused ? `no credentials given, and the server wants some (${u?.response.status})` : 'no credentials given',
        evidence,
        ...(refused
          ? {
              cause: 'scim-check was given no credentials, so it sent the request as an Okta app with an empty token field would.',
              fix: 'Pass the token Okta is configured with: SCIM_TOKEN=… (Bearer), --auth-header "…" for the Header Auth app\'s value verbatim, or Basic credentials.',
            }
          : warnings[0] ?? {}),
      },
      variants: [],
    };
  }

  const a = authed?.exchange;
  if (!a) {
    return {
      result: { ...base, status: 'skip', summary: 'the authenticated request got no HTTP answer (see HTTP)', evidence },
      variants: [],
    };
  }
  evidence.push(`as Okta would send it (${configured}): ${statusLine(a)}`);
  if (Object.keys(target.headers).length > 0) {
    evidence.push('note: Okta\'s SCIM apps send only an Authorization header; extra headers (--header) are not something Okta can send');
  }
  const status = a.response.status;
  if (status >= 200 && status < 300) {
    const warning = warnings[0];
    return {
      result: warning
        ? { ...base, status: 'warn', summary: `credentials accepted (${status}), but the server also answers without them`, evidence, ...warning }
        : { ...base, status: 'pass', summary: `no credentials → ${u?.response.status ?? 'no answer'}, credentials → ${status}`, evidence },
      variants: [],
    };
  }
  if (status !== 401 && status !== 403) {
    return {
      result: { ...base, status: 'skip', summary: `the server answered ${status}, not an auth decision (see HTTP)`, evidence },
      variants: [],
    };
  }

  const variants: AuthVariantResult[] = [{ id: 'as-configured', shape: configured, status }];
  let working: { variant: Variant; exchange: Exchange } | undefined;
  for (const variant of variantsOf(target)) {
    const { transport, close } = deps.transportFactory({ ...target, auth: variant.auth, headers: variant.headers });
    try {
      const outcome = await sendOktaProbe(transport, baseUrl, deps.timeoutMs);
      if (outcome.exchange) deps.onExchange?.(outcome.exchange);
      const got = outcome.exchange?.response.status ?? null;
      variants.push({ id: variant.id, shape: variant.shape, status: got });
      evidence.push(`tried ${variant.shape}: ${outcome.exchange ? statusLine(outcome.exchange) : `no answer (${outcome.failure.kind})`}`);
      if (!working && outcome.exchange && got !== null && got >= 200 && got < 300) working = { variant, exchange: outcome.exchange };
    } finally {
      await close();
    }
  }

  if (working) {
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `${configured} is refused (${status}); ${working.variant.shape} works`,
        evidence,
        cause: `Okta would send ${configured} and get ${status}. ${whyConfiguredFails(configured, working.variant.id)}`,
        fix: appAdvice(working.variant.id),
      },
      variants,
      workingExchange: working.exchange,
    };
  }
  return {
    result: {
      ...base,
      status: 'fail',
      summary: `the credentials are refused (${status}) in every form tried`,
      evidence,
      cause:
        'The token itself is not accepted: wrong, revoked or expired (OAuth Bearer test app tokens never refresh), issued for another tenant or environment, or missing the SCIM scope. For Postman: SCIM not enabled for the team, not the SCIM API key, or the key status not ACTIVE (okta-protocol.md §4.2, §5.1).',
      fix: 'Generate a fresh SCIM token in the application, check its scope and status, and paste it into Okta again; then rerun this command with it.',
    },
    variants,
  };
}
