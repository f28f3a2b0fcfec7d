// The ladder: URL → DNS → TCP → TLS → HTTP → Auth → SCIM shape → Verdict. runDiagnose only sequences the rungs;
// each rung is a function returning its own result. After a failure the ladder goes on where it can learn more
// (TLS verification off, a suggested base URL), labelling those rungs; the verdict is always what Okta would see.
import type { Exchange, Target, Transport } from '../http/types.js';
import { checkAuth, hasCredentials } from './check-auth.js';
import { checkDns } from './check-dns.js';
import { checkHttp } from './check-http.js';
import { checkScimShape } from './check-scim-shape.js';
import { checkTcp } from './check-tcp.js';
import { checkTls } from './check-tls.js';
import { checkUrl, displayUrl, type ParsedBase, type UrlCheck } from './check-url.js';
import { candidateBaseUrls, findBaseUrl, urlRungAfterSearch } from './find-base-url.js';
import { scimLike, sendOktaProbe, type ProbeOutcome } from './okta-probe.js';
import { connectFailure, oktaFailure, oktaSuccess, reasonFor } from './okta-verdict.js';
import type { DiagnoseDeps, DiagnoseReport, OktaVerdict, RungName, RungResult } from './types.js';

export const RUNG_ORDER: readonly RungName[] = ['url', 'dns', 'tcp', 'tls', 'http', 'auth', 'scim-shape', 'verdict'];

export const RUNG_TITLES: Record<RungName, string> = {
  url: 'URL',
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  http: 'HTTP',
  auth: 'Auth',
  'scim-shape': 'SCIM shape',
  verdict: 'Verdict',
};

/** What the ladder has learnt so far; each rung adds its own result and never edits another's. */
interface Climb {
  rungs: Map<RungName, RungResult>;
  extra: Pick<DiagnoseReport, 'suggestedBaseUrl' | 'authVariants'>;
}

/** Runs every rung against `target` and returns the report; never throws for anything the target does. */
export async function runDiagnose(target: Target, deps: DiagnoseDeps): Promise<DiagnoseReport> {
  const startedAt = new Date().toISOString();
  const climb: Climb = { rungs: new Map(), extra: {} };
  const set = (result: RungResult): void => {
    climb.rungs.set(result.rung, result);
  };

  const url = checkUrl(target.baseUrl);
  set(url.result);
  const parsed = url.parsed;
  if (!parsed) return finish(climb, target, startedAt, { passes: false, message: 'Okta would not accept this base URL.', wording: 'inferred' });

  const dns = await checkDns(parsed.host);
  set(dns.result);
  if (dns.addresses.length === 0) return finish(climb, target, startedAt, oktaFailure(`${parsed.host}: Name or service not known`, 'inferred'));

  const connectTimeoutMs = deps.connectTimeoutMs ?? Math.min(target.timeoutMs, 10_000);
  const tcp = await checkTcp(parsed.host, dns.addresses, parsed.port, connectTimeoutMs);
  set(tcp.result);
  if (!tcp.address) return finish(climb, target, startedAt, connectFailure(parsed.host, parsed.port, dns.addresses[0] ?? parsed.host, tcp.timedOut));

  const tls = await tlsRung(target, parsed, tcp.address, connectTimeoutMs);
  set(tls.result);
  if (tls.stop) return finish(climb, target, startedAt, tls.stop);

  const base = `${parsed.url.origin}${parsed.url.pathname.replace(/\/+$/, '')}${parsed.url.search}`;
  const main = deps.transportFactory(tls.probeTarget);
  const unauthTransport = deps.transportFactory({ ...tls.probeTarget, auth: { kind: 'none' }, headers: {} });
  const onExchange = (exchange: Exchange): void => deps.onExchange?.(exchange);
  try {
    const original = await sendOktaProbe(main.transport, base, target.timeoutMs);
    if (original.exchange) onExchange(original.exchange);
    const http = await httpRung(original, base, url, main.transport, target.timeoutMs, onExchange, tls.label);
    set(http.url);
    set(http.result);
    if (http.suggestedBaseUrl) climb.extra.suggestedBaseUrl = http.suggestedBaseUrl;

    if (http.effective.exchange) {
      const unauth = await sendOktaProbe(unauthTransport.transport, http.effectiveBase, target.timeoutMs);
      if (unauth.exchange) onExchange(unauth.exchange);
      const auth = await checkAuth(tls.probeTarget, http.effectiveBase, unauth, hasCredentials(target) ? http.effective : undefined, {
        transportFactory: deps.transportFactory,
        timeoutMs: target.timeoutMs,
        onExchange,
      });
      set(labelled(auth.result, http.label));
      if (auth.variants.length > 0) climb.extra.authVariants = auth.variants;
      set(shapeRung(target, http.effective, auth.workingExchange, unauth.exchange, http.label));
    }
    const parsedUrl = parsed;
    return finish(climb, target, startedAt, oktaVerdictAt(parsedUrl, tls.verdict, original, climb.rungs.get('scim-shape')));
  } finally {
    await Promise.all([main.close(), unauthTransport.close()]);
  }
}

/** Adds the probing condition to a rung that probed under other conditions than Okta's. */
function labelled(result: RungResult, label: string | undefined): RungResult {
  return label ? { ...result, probe: label } : result;
}

interface TlsStep {
  result: RungResult;
  /** Okta's verdict when the ladder cannot go on. */
  stop?: OktaVerdict;
  /** The target later rungs use (TLS verification off, for information, when the certificate is not trusted). */
  probeTarget: Target;
  label?: string;
  /** Okta's verdict when TLS fails verification but the ladder goes on to learn more. */
  verdict?: OktaVerdict;
}

async function tlsRung(target: Target, parsed: ParsedBase, address: string, connectTimeoutMs: number): Promise<TlsStep> {
  if (!parsed.https) {
    return {
      result: { rung: 'tls', title: RUNG_TITLES.tls, status: 'skip', summary: 'plain http: no TLS to check (Okta requires https)', evidence: [] },
      probeTarget: target,
    };
  }
  const tls = await checkTls(parsed.host, address, parsed.port, connectTimeoutMs, target.tls.ca);
  const result = target.tls.verify ? tls.result : { ...tls.result, evidence: [...tls.result.evidence, '--insecure was given, but Okta always verifies certificates'] };
  if (!tls.handshake) return { result, stop: oktaFailure(tls.oktaReason ?? 'null', 'inferred'), probeTarget: target };
  if (tls.trusted) return { result, probeTarget: target };
  return {
    result,
    probeTarget: { ...target, tls: { ...target.tls, verify: false } },
    label: 'with TLS verification off, for information (Okta stops at TLS)',
    verdict: oktaFailure(tls.oktaReason ?? 'null', 'inferred'),
  };
}

interface HttpStep {
  result: RungResult;
  /** The URL rung, with what the base-URL search found. */
  url: RungResult;
  suggestedBaseUrl?: string;
  effectiveBase: string;
  effective: ProbeOutcome;
  /** The probing condition for the auth and shape rungs. */
  label?: string;
}

/** The HTTP rung, and a search of nearby base URLs when the given one does not answer like SCIM. */
async function httpRung(
  original: ProbeOutcome,
  base: string,
  url: UrlCheck,
  transport: Transport,
  timeoutMs: number,
  onExchange: (e: Exchange) => void,
  tlsLabel: string | undefined,
): Promise<HttpStep> {
  const first = checkHttp(original, displayUrl(base));
  const answer = original.exchange;
  const status = answer?.response.status;
  const redirected = status !== undefined && status >= 300 && status < 400;
  const notScim = answer !== undefined && (redirected || status === 404 || status === 405 || status === 410 || (status === 200 && scimLike(answer) === null));
  const step: HttpStep = { result: labelled(first.result, tlsLabel), url: url.result, effectiveBase: base, effective: original, ...(tlsLabel ? { label: tlsLabel } : {}) };
  if (!answer || !(notScim || url.candidates.length > 0)) return step;

  const candidates = candidateBaseUrls(base.replace(/\?.*$/, ''), [...(first.redirectBase ? [first.redirectBase] : []), ...url.candidates]);
  const search = await findBaseUrl(candidates, transport, timeoutMs, onExchange);
  if (!search.found || !search.exchange) return { ...step, url: urlRungAfterSearch(url.result, search, displayUrl(base), status) };
  const label = [tlsLabel, `at the suggested base URL ${search.found}`].filter(Boolean).join(', ');
  const effective: ProbeOutcome = { exchange: search.exchange };
  if (redirected) {
    // A redirect is the HTTP rung's finding: the search only adds where the redirect leads.
    const result = labelled({ ...first.result, evidence: [...first.result.evidence, ...search.evidence] }, tlsLabel);
    return { result, url: url.result, suggestedBaseUrl: search.found, effectiveBase: search.found, effective, label };
  }
  return {
    result: labelled(checkHttp(effective, search.found).result, label),
    url: urlRungAfterSearch(url.result, search, displayUrl(base), status),
    suggestedBaseUrl: search.found,
    effectiveBase: search.found,
    effective,
    label,
  };
}

/** The SCIM-shape rung reads the list Okta's request got, or the one the working credential form got. */
function shapeRung(target: Target, effective: ProbeOutcome, working: Exchange | undefined, unauth: Exchange | undefined, label: string | undefined): RungResult {
  const own = effective.exchange?.response.status === 200 ? effective.exchange : undefined;
  const listExchange = hasCredentials(target) ? (own ?? working) : own;
  const shapeLabel = [label, !own && working ? 'with the credential form that worked' : undefined].filter(Boolean).join(', ');
  return labelled(checkScimShape(listExchange, unauth), shapeLabel === '' ? undefined : shapeLabel);
}

/** What Okta sees at the base URL as given, with verified TLS and the configured credentials. */
function oktaVerdictAt(parsed: ParsedBase, tlsVerdict: OktaVerdict | undefined, original: ProbeOutcome, shape: RungResult | undefined): OktaVerdict {
  if ((!parsed.https && !parsed.loopback) || parsed.host.includes('_')) {
    return { passes: false, message: 'Okta does not call this base URL (it must be https, with no "_" in the host name).', wording: 'inferred' };
  }
  if (tlsVerdict) return tlsVerdict;
  if (!original.exchange) return oktaFailure(original.failure.kind === 'timeout' ? 'Read timed out' : 'null', 'inferred');
  const got = original.exchange.response;
  if (got.status !== 200) return reasonFor(got.status, got.statusText);
  if (scimLike(original.exchange) !== 'list' || (shape?.status === 'fail' && !shape.probe)) return oktaFailure('null', 'inferred');
  return oktaSuccess();
}

/** Adds the verdict rung, marks unclimbed rungs as skipped, and assembles the report. */
function finish(climb: Climb, target: Target, startedAt: string, okta: OktaVerdict): DiagnoseReport {
  const rungs = new Map(climb.rungs);
  rungs.set('verdict', {
    rung: 'verdict',
    title: RUNG_TITLES.verdict,
    status: okta.passes ? 'pass' : 'fail',
    summary: okta.passes ? "Okta's Test API Credentials would pass" : "Okta's Test API Credentials would fail",
    evidence: [`Okta would show: "${okta.message}"${okta.wording === 'inferred' ? ' (wording inferred)' : ''}`],
  });
  const firstFailure = RUNG_ORDER.find((name) => rungs.get(name)?.status === 'fail') ?? null;
  const ordered = RUNG_ORDER.map(
    (name): RungResult =>
      rungs.get(name) ?? {
        rung: name,
        title: RUNG_TITLES[name],
        status: 'skip',
        summary: firstFailure ? `not checked: the ${RUNG_TITLES[firstFailure]} rung failed` : 'not checked',
        evidence: [],
      },
  );
  return { version: 1, baseUrl: displayUrl(target.baseUrl), startedAt, rungs: ordered, firstFailure, ...climb.extra, okta, exitCode: okta.passes ? 0 : 1 };
}
