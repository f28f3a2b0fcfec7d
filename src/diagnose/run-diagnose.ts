// The ladder: URL → DNS → TCP → TLS → HTTP → Auth → SCIM shape → Verdict. Each rung reports what it saw;
// after a failure the ladder goes on where it can learn more (TLS verification off, a suggested base URL),
// labelling those rungs, and the verdict is always what Okta itself would see.
import type { Exchange, Target } from '../http/types.js';
import { checkAuth, hasCredentials } from './check-auth.js';
import { checkDns } from './check-dns.js';
import { checkHttp } from './check-http.js';
import { checkScimShape } from './check-scim-shape.js';
import { checkTcp } from './check-tcp.js';
import { checkTls } from './check-tls.js';
import { checkUrl, displayUrl } from './check-url.js';
import { candidateBaseUrls, findBaseUrl } from './find-base-url.js';
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

/** Runs every rung against `target` and returns the report; never throws for anything the target does. */
export async function runDiagnose(target: Target, deps: DiagnoseDeps): Promise<DiagnoseReport> {
  const startedAt = new Date().toISOString();
  const baseUrl = target.baseUrl;
  const rungs = new Map<RungName, RungResult>();
  const extra: Pick<DiagnoseReport, 'suggestedBaseUrl' | 'authVariants'> = {};
  const onExchange = (exchange: Exchange): void => deps.onExchange?.(exchange);

  const finish = (okta: OktaVerdict): DiagnoseReport => {
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
    return {
      version: 1,
      baseUrl: displayUrl(baseUrl),
      startedAt,
      rungs: ordered,
      firstFailure,
      ...extra,
      okta,
      exitCode: okta.passes ? 0 : 1,
    };
  };

  // URL
  const url = checkUrl(baseUrl);
  rungs.set('url', url.result);
  const parsed = url.parsed;
  if (!parsed) return finish({ passes: false, message: 'Okta would not accept this base URL.', wording: 'inferred' });
  const base = `${parsed.url.origin}${parsed.url.pathname.replace(/\/+$/, '')}${parsed.url.search}`;
  const oktaRefusesUrl = (!parsed.https && !parsed.loopback) || parsed.host.includes('_');

  // DNS
  const dns = await checkDns(parsed.host);
  rungs.set('dns', dns.result);
  if (dns.addresses.length === 0) return finish(oktaFailure(`${parsed.host}: Name or service not known`, 'inferred'));

  // TCP
  const connectTimeoutMs = deps.connectTimeoutMs ?? Math.min(target.timeoutMs, 10_000);
  const tcp = await checkTcp(parsed.host, dns.addresses, parsed.port, connectTimeoutMs);
  rungs.set('tcp', tcp.result);
  if (!tcp.address) {
    return finish(connectFailure(parsed.host, parsed.port, dns.addresses[0] ?? parsed.host, tcp.timedOut));
  }

  // TLS
  let probeTarget: Target = target;
  let label: string | undefined;
  let tlsLabel: string | undefined;
  let tlsVerdict: OktaVerdict | undefined;
  if (parsed.https) {
    const tls = await checkTls(parsed.host, tcp.address, parsed.port, connectTimeoutMs, target.tls.ca);
    if (!target.tls.verify) tls.result.evidence.push('--insecure was given, but Okta always verifies certificates');
    rungs.set('tls', tls.result);
    if (!tls.handshake) return finish(oktaFailure(tls.oktaReason ?? 'null', 'inferred'));
    if (!tls.trusted) {
      probeTarget = { ...target, tls: { ...target.tls, verify: false } };
      label = tlsLabel = 'with TLS verification off, for information (Okta stops at TLS)';
      tlsVerdict = oktaFailure(tls.oktaReason ?? 'null', 'inferred');
    }
  } else {
    rungs.set('tls', {
      rung: 'tls',
      title: RUNG_TITLES.tls,
      status: 'skip',
      summary: 'plain http: no TLS to check (Okta requires https)',
      evidence: [],
    });
  }

  // HTTP
  const main = deps.transportFactory(probeTarget);
  const unauthTransport = deps.transportFactory({ ...probeTarget, auth: { kind: 'none' }, headers: {} });
  try {
    const original = await sendOktaProbe(main.transport, base, target.timeoutMs);
    if (original.exchange) onExchange(original.exchange);
    let http = checkHttp(original, displayUrl(base));
    let effectiveBase = base;
    let effective: ProbeOutcome = original;

    const answer = original.exchange;
    const status = answer?.response.status;
    const redirected = status !== undefined && status >= 300 && status < 400;
    const notScim =
      answer !== undefined &&
      (redirected || status === 404 || status === 405 || status === 410 || (status === 200 && scimLike(answer) === null));
    if (answer && (notScim || url.candidates.length > 0)) {
      const candidates = candidateBaseUrls(base.replace(/\?.*$/, ''), [...(http.redirectBase ? [http.redirectBase] : []), ...url.candidates]);
      const search = await findBaseUrl(candidates, main.transport, target.timeoutMs, onExchange);
      const urlRung = url.result;
      if (search.found && search.exchange) {
        extra.suggestedBaseUrl = search.found;
        effectiveBase = search.found;
        effective = { exchange: search.exchange };
        if (redirected) {
          http.result.evidence.push(...search.evidence);
        } else {
          urlRung.evidence.push(`GET ${displayUrl(base)}/Users answered ${status ?? 'nothing'}: no SCIM endpoint there`, ...search.evidence);
          if (urlRung.status !== 'fail') {
            const earlier = urlRung.cause ? { cause: urlRung.cause, fix: urlRung.fix ?? '' } : undefined;
            urlRung.status = 'fail';
            urlRung.cause = `Nothing answers like SCIM at ${displayUrl(base)}/Users, but ${search.found}/Users does: the base URL is wrong (a missing or extra path segment; okta-protocol.md §4.2 "Not Found").${earlier ? ` Also: ${earlier.cause}` : ''}`;
            urlRung.fix = `Set the base URL in Okta to ${search.found}.${earlier ? ` ${earlier.fix}` : ''}`;
          } else {
            urlRung.fix = `Set the base URL in Okta to ${search.found}`;
          }
          urlRung.summary = `wrong base URL: ${search.found} answers like SCIM`;
          http = checkHttp(effective, search.found);
        }
        label = [label, `at the suggested base URL ${search.found}`].filter(Boolean).join(', ');
      } else {
        urlRung.evidence.push(...search.evidence);
      }
    }
    const httpLabel = redirected ? tlsLabel : label;
    if (httpLabel) http.result.probe = httpLabel;
    rungs.set('http', http.result);

    // Auth
    const unauth = effective.exchange ? await sendOktaProbe(unauthTransport.transport, effectiveBase, target.timeoutMs) : undefined;
    if (unauth?.exchange) onExchange(unauth.exchange);
    if (unauth) {
      const auth = await checkAuth(probeTarget, effectiveBase, unauth, hasCredentials(target) ? effective : undefined, {
        transportFactory: deps.transportFactory,
        timeoutMs: target.timeoutMs,
        onExchange,
      });
      if (label) auth.result.probe = label;
      rungs.set('auth', auth.result);
      if (auth.variants.length > 0) extra.authVariants = auth.variants;

      // SCIM shape
      const own = effective.exchange?.response.status === 200 ? effective.exchange : undefined;
      const listExchange = hasCredentials(target) ? (own ?? auth.workingExchange) : own;
      const shape = checkScimShape(listExchange, unauth.exchange);
      const shapeLabel = [label, !own && auth.workingExchange ? 'with the credential form that worked' : undefined].filter(Boolean).join(', ');
      if (shapeLabel) shape.probe = shapeLabel;
      rungs.set('scim-shape', shape);
    }

    // Verdict: what Okta sees at the base URL as given, with verified TLS and the configured credentials.
    if (oktaRefusesUrl) {
      return finish({ passes: false, message: 'Okta does not call this base URL (it must be https, with no "_" in the host name).', wording: 'inferred' });
    }
    if (tlsVerdict) return finish(tlsVerdict);
    if (!original.exchange) {
      return finish(oktaFailure(original.failure.kind === 'timeout' ? 'Read timed out' : 'null', 'inferred'));
    }
    const got = original.exchange.response;
    if (got.status !== 200) return finish(reasonFor(got.status, got.statusText));
    const shape = rungs.get('scim-shape');
    if (scimLike(original.exchange) !== 'list' || (shape?.status === 'fail' && !shape.probe)) {
      return finish(oktaFailure('null', 'inferred'));
    }
    return finish(oktaSuccess());
  } finally {
    await Promise.all([main.close(), unauthTransport.close()]);
  }
}
