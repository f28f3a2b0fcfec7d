// The first cause: when Okta's Test API Credentials call fails (no answer, TLS, 401/403, 404 at the base URL) every
// later suite would fail for the same reason. Say it once, with the likely cause and the fix, using diagnose's own
// probes (the base URL that does answer, the credential form that works), and do not run what depends on it.
import { checkAuth, hasCredentials } from '../diagnose/check-auth.js';
import { candidateBaseUrls, findBaseUrl } from '../diagnose/find-base-url.js';
import { sendOktaProbe } from '../diagnose/okta-probe.js';
import type { TransportFactory } from '../diagnose/types.js';
import type { Target } from '../http/types.js';
import type { Suite } from '../suite/types.js';
import type { FirstCause, StepResult } from './types.js';

/** What the runner needs to explain a first cause; the CLI passes the real target and undici transports. */
export interface FirstCauseDeps {
  target: Target;
  transportFactory: TransportFactory;
}

type Kind = FirstCause['kind'];

/** The feature key of the suite that replays Test API Credentials: everything else depends on it. */
export const TEST_CREDENTIALS_FEATURE = 'testCredentials';

const NOT_FOUND = new Set([404, 405, 410]);
const TRANSPORT_CODES = new Set(['target.dns', 'target.refused', 'target.connect-timeout', 'target.tls', 'target.not-http', 'target.proxy', 'target.invalid-url']);

function statusOf(result: StepResult): number | undefined {
  const status = result.checks.find((c) => c.kind === 'status' && !c.passed)?.actual;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Whether this step's outcome is a first cause. `credentialsStep`: it is the first step of Test API Credentials;
 * `answeredBefore`: the target had answered something earlier in the run (then a refusal is a crash, not this).
 */
export function firstCauseKind(result: StepResult, credentialsStep: boolean, answeredBefore: boolean, target: Target | undefined): Kind | undefined {
  if (result.status === 'errored' && result.error !== undefined && !answeredBefore) {
    const code = result.error.code;
    // A timeout of Okta's own first call means a hung server; elsewhere it may be one slow endpoint.
    if (TRANSPORT_CODES.has(code) || (credentialsStep && code === 'target.timeout')) return code === 'target.tls' ? 'tls' : 'transport';
  }
  if (!credentialsStep || result.status !== 'failed') return undefined;
  const status = statusOf(result);
  if (status === 401 || status === 403) return target !== undefined && !hasCredentials(target) ? 'no-credentials' : 'auth';
  if (status !== undefined && NOT_FOUND.has(status)) return 'not-found';
  return undefined;
}

export function isCredentialsSuite(suite: Suite): boolean {
  return suite.feature === TEST_CREDENTIALS_FEATURE;
}

function statusText(result: StepResult): string {
  const response = result.exchanges[0]?.response;
  if (response === undefined) return '';
  return `${response.status}${response.statusText === '' ? '' : ` ${response.statusText}`}`;
}

/** Builds the explanation; probes the target again only for 401/403 and 404 (as `diagnose` would). */
export async function explainFirstCause(kind: Kind, result: StepResult, baseUrl: string, deps: FirstCauseDeps | undefined): Promise<FirstCause> {
  const base = { suiteId: result.suiteId, stepId: result.stepId, kind, evidence: [] as string[], notRun: 0 };
  if (kind === 'transport' || kind === 'tls') {
    const error = result.error;
    return {
      ...base,
      title: `${error?.title ?? 'No answer'}: nothing was checked, since the server never answered`,
      cause: "Okta's Test API Credentials would fail the same way: every call needs an answer from this base URL.",
      fix: error?.hint ?? 'check --base-url and that the server is running',
    };
  }
  const got = statusText(result);
  if (kind === 'no-credentials') {
    return {
      ...base,
      title: `No credential is configured, and the server wants one (${got})`,
      cause: 'scim-check sent every request without credentials, as an Okta app whose token field is empty would.',
      fix: 'Pass the token Okta is configured with: SCIM_TOKEN=… (or --token-file FILE) for Bearer, SCIM_AUTH_HEADER / --auth-header-file for a whole Authorization value, SCIM_BASIC_USER and SCIM_PASSWORD for Basic.',
    };
  }
  if (kind === 'not-found') {
    const exchange = result.exchanges[0];
    let found: string | undefined;
    if (deps !== undefined) {
      const { transport, close } = deps.transportFactory(deps.target);
      try {
        const search = await findBaseUrl(candidateBaseUrls(baseUrl, []), transport, deps.target.timeoutMs);
        found = search.found;
        base.evidence.push(...search.evidence);
      } finally {
        await close();
      }
    }
    const where = `${baseUrl}/Users`;
    return found === undefined
      ? {
          ...base,
          title: `Wrong base URL: ${exchange?.request.method ?? 'GET'} ${where} answered ${got}`,
          cause: `Nothing answers like SCIM at ${where}, and no nearby base URL did either.`,
          fix: 'Check the path of --base-url: Okta appends /Users and /Groups to it, so it usually ends in /scim/v2.',
        }
      : {
          ...base,
          title: `Wrong base URL: ${where} answered ${got}, but ${found}/Users answers like SCIM`,
          cause: `The base URL is missing a path segment or has one too many, so every call lands on a page that is not the SCIM API.`,
          fix: `Pass --base-url ${found}, and set the same base URL in Okta.`,
        };
  }
  // 401/403 with credentials: try the forms people get wrong, as `diagnose` does.
  if (deps === undefined) {
    return { ...base, title: `The server refused the credentials (${got})`, cause: 'The configured credentials were not accepted.', fix: 'Check the token and how it is sent (scim-check diagnose tries the usual variants).' };
  }
  const unauthTransport = deps.transportFactory({ ...deps.target, auth: { kind: 'none' }, headers: {} });
  try {
    const unauth = await sendOktaProbe(unauthTransport.transport, baseUrl, deps.target.timeoutMs);
    const authed = result.exchanges[0];
    const auth = await checkAuth(deps.target, baseUrl, unauth, authed === undefined ? undefined : { exchange: authed }, {
      transportFactory: deps.transportFactory,
      timeoutMs: deps.target.timeoutMs,
    });
    return {
      ...base,
      evidence: auth.result.evidence,
      title: `The server refused the credentials (${got}): ${auth.result.summary}`,
      cause: auth.result.cause ?? 'The configured credentials were not accepted.',
      fix: auth.result.fix ?? 'Check the token and how it is sent.',
    };
  } finally {
    await unauthTransport.close();
  }
}
