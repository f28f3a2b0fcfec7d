// URL rung, static part: what Okta demands of a base URL before it sends anything (okta-protocol.md §1.3).
// The probes of nearby paths live in find-base-url.ts; this file sends nothing.
import type { RungResult } from './types.js';

export interface ParsedBase {
  url: URL;
  /** Host name without IPv6 brackets. */
  host: string;
  port: number;
  https: boolean;
  /** localhost, 127.0.0.0/8 or ::1: plain http is tolerated there so local testing works. */
  loopback: boolean;
}

export interface UrlCheck {
  result: RungResult;
  parsed?: ParsedBase;
  /** A base URL fixed from the text alone (e.g. /Users removed), to probe before suggesting it. */
  candidates: string[];
}

/** The base URL for display: user info dropped, query values hidden (people paste tokens into URLs). */
export function displayUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return raw.replace(/\/\/[^/@]*@/, '//').replace(/\?.*$/, '?…');
  }
  url.username = '';
  url.password = '';
  const keys = [...url.searchParams.keys()];
  const query = keys.length > 0 ? `?${keys.map((k) => `${k}=…`).join('&')}` : '';
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}${query}${url.hash ? '#…' : ''}`;
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(h) || h === '::1';
}

/** Checks the shape of the base URL; `parsed` is absent when it is not a usable http(s) URL. */
export function checkUrl(raw: string): UrlCheck {
  const evidence: string[] = [];
  const base = { rung: 'url' as const, title: 'URL' };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `"${displayUrl(raw)}" is not a URL`,
        evidence: [`could not parse "${displayUrl(raw)}" as a URL`],
        cause: 'The base URL must be an absolute https:// URL.',
        fix: 'Pass the base URL as Okta will use it, e.g. --base-url https://scim.example.com/scim/v2',
      },
      candidates: [],
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `scheme ${url.protocol} is not http(s)`,
        evidence: [`scheme: ${url.protocol}`],
        cause: 'Okta calls SCIM servers over https only (okta-protocol.md §1.3).',
        fix: 'Use an https:// base URL.',
      },
      candidates: [],
    };
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const https = url.protocol === 'https:';
  const parsed: ParsedBase = {
    url,
    host,
    port: url.port ? Number(url.port) : https ? 443 : 80,
    https,
    loopback: isLoopbackHost(host),
  };

  const fails: { cause: string; fix: string }[] = [];
  const warns: { cause: string; fix: string }[] = [];
  const candidates: string[] = [];
  evidence.push(`scheme ${url.protocol.slice(0, -1)}, host ${host}, port ${parsed.port}, path ${url.pathname}`);

  if (!https) {
    const problem = {
      cause: 'Okta does not call plain http endpoints (okta-protocol.md §1.3).',
      fix: `Serve the SCIM API over https and give Okta https://${url.host}${url.pathname}`,
    };
    if (parsed.loopback) {
      evidence.push('plain http on a loopback address: accepted here so local testing works, but Okta would refuse it');
      warns.push(problem);
    } else {
      evidence.push('plain http: Okta will not call it');
      fails.push(problem);
    }
  }
  if (host.includes('_')) {
    evidence.push(`the host name "${host}" contains "_"`);
    fails.push({
      cause: 'Okta rejects base URLs whose host contains an underscore (okta-protocol.md §1.3).',
      fix: 'Publish the API under a host name without "_" (e.g. with "-").',
    });
  }
  const cleanBase = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  if (url.search || url.hash) {
    evidence.push(`the URL carries a ${url.search ? 'query string' : 'fragment'} (${displayUrl(raw).replace(/^[^?#]*/, '')})`);
    fails.push({
      cause: 'Okta appends /Users, /Groups and its own query to the base URL, so a query or fragment in it breaks every request.',
      fix: `Use ${cleanBase} and pass tenant information in the path or the token instead.`,
    });
    candidates.push(cleanBase);
  }
  if (/\/users\/?$/i.test(url.pathname)) {
    const trimmed = `${url.origin}${url.pathname.replace(/\/users\/?$/i, '')}`;
    evidence.push(`the path ends in /Users: Okta would call ${url.pathname.replace(/\/+$/, '')}/Users`);
    fails.push({
      cause: 'Okta appends /Users to the base URL itself (okta-protocol.md §2.1), so a base URL ending in /Users is called as …/Users/Users.',
      fix: `Set the base URL to ${trimmed}`,
    });
    candidates.push(trimmed);
  }
  if (url.pathname.length > 1 && url.pathname.endsWith('/')) {
    evidence.push('the path ends with "/": Okta would call …//Users');
    warns.push({
      cause: 'Okta appends "/Users" to the base URL as typed, so a trailing slash gives a double slash many servers do not route.',
      fix: `Remove the trailing slash: ${cleanBase}`,
    });
  }
  if (!/\/scim(\/|$)/i.test(url.pathname)) {
    evidence.push('the path has no /scim segment (Okta suggests …/scim/v2; fine if the server really lives here)');
  }

  const first = fails[0] ?? warns[0];
  const status = fails.length > 0 ? 'fail' : warns.length > 0 ? 'warn' : 'pass';
  const summary =
    status === 'pass'
      ? `${displayUrl(raw)} is a valid base URL for Okta`
      : `${displayUrl(raw)}: ${[...fails, ...warns].length} problem(s) Okta cares about`;
  const result: RungResult = { ...base, status, summary, evidence };
  if (first) {
    result.cause = [...fails, ...warns].map((p) => p.cause).join(' ');
    result.fix = [...fails, ...warns].map((p) => p.fix).join(' ');
  }
  return { result, parsed, candidates };
}
