// HTTP rung: reads the answer to Okta's Test API Credentials request as HTTP, before auth and SCIM shape:
// redirects (Okta does not follow them), proxies and CDNs answering instead of the server, the reason phrase.
import { bodyExcerpt, bodyKind, proxyName, scimLike, statusLine, unrecognizedToken, type ProbeOutcome } from './okta-probe.js';
import type { RungResult } from './types.js';

export interface HttpCheck {
  result: RungResult;
  /** For a redirect: the base URL its Location points at (…/Users and the query removed). */
  redirectBase?: string;
}

const FAILURE_ADVICE: Record<string, { cause: string; fix: string }> = {
  timeout: {
    cause: 'No complete answer in time; Okta gives up after 60 s (okta-protocol.md §1.3).',
    fix: 'Make GET /Users?startIndex=1&count=2 answer quickly (it needs at most two users), and check what hangs behind the proxy.',
  },
  'not-http': {
    cause: 'Something answered on the port, but not with HTTP.',
    fix: 'Check that the base URL points at the web server (not a database, SSH or another protocol) and at the right port.',
  },
  reset: {
    cause: 'The connection was closed before a full answer arrived (a crash, a proxy timeout or a WAF cutting the request).',
    fix: 'Check the server and proxy logs at the time of the request.',
  },
  'too-large': {
    cause: 'The answer to a two-user page was larger than the size limit.',
    fix: 'Honour count=2 on GET /Users (RFC 7644 §3.4.2.4).',
  },
};

export function checkHttp(outcome: ProbeOutcome, displayBase: string): HttpCheck {
  const base = { rung: 'http' as const, title: 'HTTP' };
  const request = `GET ${displayBase}/Users?startIndex=1&count=2`;
  if (!outcome.exchange) {
    const advice = FAILURE_ADVICE[outcome.failure.kind] ?? {
      cause: `The request got no HTTP answer (${outcome.failure.kind}).`,
      fix: 'See the evidence; check the server and anything in front of it.',
    };
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `no HTTP answer: ${outcome.failure.message}`,
        evidence: [`${request}: ${outcome.failure.kind}: ${outcome.failure.message}`],
        ...advice,
      },
    };
  }
  const exchange = outcome.exchange;
  const { status, statusText, headers } = exchange.response;
  const kind = bodyKind(exchange);
  const proxy = proxyName(exchange);
  const evidence = [
    `${request} → ${statusLine(exchange)} in ${Math.round(exchange.timings.total)} ms`,
    `content-type: ${headers['content-type'] ?? '(none)'}${headers['server'] ? `, server: ${headers['server']}` : ''}`,
  ];
  if (kind !== 'empty') evidence.push(`body (${kind}): ${bodyExcerpt(exchange)}`);
  const summary = `${statusLine(exchange)}${kind === 'json' || kind === 'empty' ? '' : ` with an ${kind === 'html' ? 'HTML' : 'plain-text'} body`}`;
  /** A finished rung: this status and its cause and fix, with the common evidence unless other evidence is given. */
  const verdict = (status: 'fail' | 'warn', line: string, cause: string, fix: string, lines: string[] = evidence): HttpCheck => ({
    result: { ...base, status, summary: line, evidence: lines, cause, fix },
  });

  if (status >= 300 && status < 400) {
    const location = headers['location'];
    evidence.push(`location: ${location ?? '(none)'}`);
    const redirectBase = location ? baseFromLocation(location, exchange.request.url) : undefined;
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `redirect ${status} to ${location ?? '(no Location)'}`,
        evidence,
        cause: 'The server redirects the request; Okta does not follow redirects, so it sees a non-200 answer.',
        fix: redirectBase
          ? `Give Okta the final URL: set the base URL to ${redirectBase}`
          : 'Give Okta the URL the redirect points to, without the redirect (an http→https or a trailing-slash redirect is the usual culprit).',
      },
      ...(redirectBase ? { redirectBase } : {}),
    };
  }

  if (kind === 'html' || kind === 'text') {
    const who = proxy ?? (kind === 'html' ? 'a web server or proxy' : 'a proxy or CDN');
    const token = unrecognizedToken(exchange.response.body);
    if (status >= 500 || status === 200 || status === 404) {
      const down = status >= 500;
      const cause = down
        ? `${who} answered ${status} with a ${kind === 'html' ? 'web page' : 'plain-text message'} instead of the SCIM server (the server behind it is down, unreachable from the proxy, or timing out). Okta shows "${statusText || 'null'}. Errors reported by remote server: Invalid JSON: Unrecognized token '${token}'" in provisioning tasks (okta-protocol.md §4.2).`
        : `A ${kind === 'html' ? 'web page' : 'non-JSON text'} came back instead of SCIM JSON: the URL reaches a web app, login page, WAF block page or proxy, not the SCIM endpoint.`;
      const fix = down
        ? `Check that the SCIM server is up and that ${who} can reach it (origin health, upstream timeouts); make the server answer errors as SCIM JSON.`
        : 'Check the base URL and the proxy routing for /Users; make every answer, including errors, SCIM JSON.';
      return verdict('fail', `${summary}: ${who} answered, not the SCIM API`, cause, fix, [...evidence, `Okta's JSON parser would stop at: Invalid JSON: Unrecognized token '${token}'`]);
    }
  }

  if (status === 406 || status === 415) {
    return verdict('fail', summary, `The server refuses Okta's media type (${status === 406 ? 'Accept' : 'Content-Type'}: application/scim+json), which RFC 7644 §3.1 requires it to accept.`, 'Accept application/scim+json as well as application/json in the server and in any proxy or framework content negotiation.');
  }
  if (status >= 500) {
    return verdict('fail', summary, `The SCIM server failed with ${status}${scimLike(exchange) === 'error' ? ' (its SCIM error detail is in the evidence)' : ''}.`, 'Check the server logs for this request; GET /Users?startIndex=1&count=2 must answer 200 with a ListResponse.');
  }
  if (status === 404 || status === 405 || status === 410) {
    return verdict('fail', `${summary}: no SCIM /Users at this base URL`, 'Nothing answers GET /Users under this base URL (a wrong path prefix, a tenant segment missing, or /Users not implemented).', 'Use the base URL under which GET /Users answers (okta-protocol.md §4.2 "Not Found").');
  }
  if (status === 429) {
    return verdict('warn', summary, 'The server is rate-limiting this client right now.', 'Retry later; make 429 answers carry an integer Retry-After (Okta ignores HTTP dates, okta-protocol.md §1.3).', [...evidence, `retry-after: ${headers['retry-after'] ?? '(none)'}`]);
  }
  if (status !== 200 && statusText === '') {
    return verdict('warn', summary, 'The status line has no reason phrase; Okta puts the reason phrase in its message, so it would show "null" (okta-protocol.md §4.1).', 'Send a reason phrase (e.g. "401 Unauthorized"), or serve over HTTP/1.1 where the proxy strips it.');
  }
  if (status >= 400 && status !== 401 && status !== 403) {
    return verdict('fail', summary, `The server refused Okta's list request with ${status}; Okta sends exactly GET /Users?startIndex=1&count=2 with the headers of okta-protocol.md §1.1.`, 'Accept startIndex and count on GET /Users and Okta\'s headers (User-Agent, Accept: application/scim+json).');
  }
  return {
    result: {
      ...base,
      status: 'pass',
      summary: status === 200 ? summary : `${summary} (credentials are checked in the Auth rung)`,
      evidence,
    },
  };
}

/** The base URL a Location header implies: its path with a trailing /Users and the query removed. */
export function baseFromLocation(location: string, requestUrl: string): string | undefined {
  try {
    const url = new URL(location, requestUrl);
    const path = url.pathname.replace(/\/Users\/?$/i, '').replace(/\/+$/, '');
    return `${url.origin}${path}`;
  } catch {
    return undefined;
  }
}
