// The messages Okta's Admin Console shows for SCIM failures (okta-protocol.md §4.1, §4.2, Postman's §5), each
// with what it means, its likely causes (most likely first), the scim-check command that confirms each, and the
// fix. Pure data: `explain` must work offline and load nothing heavy.

export interface OktaCause {
  cause: string;
  /** The exact scim-check command (or Okta setting, for configuration causes) that confirms it. */
  confirm: string;
  fix: string;
}

export interface OktaMessage {
  id: string;
  /** The message as Okta shows it (placeholders in <>). */
  message: string;
  /** Where the mapping comes from. */
  source: string;
  /** Any match identifies the message; entries are tried in order, most specific first. */
  patterns: RegExp[];
  /** Extra words for the closest-match search. */
  keywords: string;
  meaning: string;
  causes: OktaCause[];
}

const BASE = '<your base URL>';
const DIAGNOSE = `SCIM_TOKEN=<token> scim-check diagnose --base-url ${BASE}`;
const DIAGNOSE_HEADER = `SCIM_AUTH_HEADER='<the API Token field exactly as typed in Okta>' scim-check diagnose --base-url ${BASE}`;
const run = (grep: string, extra = ''): string => `SCIM_TOKEN=<token> scim-check run --base-url ${BASE}${extra} --grep ${grep}`;
const OKTA_CONFIG = 'nothing to run: this is Okta configuration.';

export const OKTA_MESSAGES: readonly OktaMessage[] = [
  {
    id: 'test-connect-timeout',
    message: 'Error authenticating: Connect to <host>:443 [<host>/<ip>] failed: Connect timed out',
    source: 'okta-protocol.md §4.1, §4.2',
    patterns: [/connect(ion)? timed out/i, /connect to \S+:\d+ .*failed/i],
    keywords: 'connect timeout firewall waf reachable tcp 443',
    meaning: "Okta's cloud could not open a TCP connection to the server: packets are dropped on the way.",
    causes: [
      {
        cause: "A firewall, WAF or security group drops Okta's IP addresses.",
        confirm: `${DIAGNOSE}   (TCP rung; run it from outside your network)`,
        fix: "Allow Okta's IP ranges (Admin Console → Settings → Downloads → Okta IP ranges) on every firewall, security group and WAF in front of the server.",
      },
      {
        cause: 'The host name resolves only on an internal DNS, or to a private address.',
        confirm: `${DIAGNOSE}   (DNS rung: private addresses are flagged)`,
        fix: 'Publish the SCIM endpoint on a public address with a public DNS record.',
      },
      {
        cause: 'The service or its load balancer is down.',
        confirm: `${DIAGNOSE}   (TCP and TLS rungs)`,
        fix: 'Start the service and check the load balancer health checks.',
      },
    ],
  },
  {
    id: 'test-connect-refused',
    message: 'Error authenticating: Connect to <host>:443 … failed: Connection refused (inferred wording)',
    source: 'okta-protocol.md §4.1 (by analogy)',
    patterns: [/connection refused/i, /ECONNREFUSED/],
    keywords: 'refused port listening down',
    meaning: 'The host answered, but nothing listens on the port of the base URL.',
    causes: [
      {
        cause: 'The SCIM service is down, or listens on another port than the one in the base URL.',
        confirm: `${DIAGNOSE}   (TCP rung)`,
        fix: 'Start the service, or put the right port in the base URL; check the load balancer listener on 443.',
      },
    ],
  },
  {
    id: 'test-unknown-host',
    message: 'Error authenticating: <host>: Name or service not known (inferred wording)',
    source: 'okta-protocol.md §4.2 (internal-only DNS)',
    patterns: [/unknownhost/i, /name or service not known/i, /nodename nor servname/i, /ENOTFOUND/],
    keywords: 'dns resolve host name unknown',
    meaning: 'Okta could not resolve the host name of the base URL.',
    causes: [
      {
        cause: 'A typo in the host name, or a name that exists only on an internal DNS.',
        confirm: `${DIAGNOSE}   (DNS rung)`,
        fix: 'Fix the host name in the base URL, or publish a public DNS record for it.',
      },
    ],
  },
  {
    id: 'test-tls',
    message: 'Error authenticating: PKIX path building failed / SSLHandshakeException / certificate … (inferred wording)',
    source: 'okta-protocol.md §1.3 (HTTPS only)',
    patterns: [/pkix/i, /ssl ?handshake/i, /certificate/i, /certpath/i, /validity check failed/i, /subject alternative name/i, /\bssl\b|\btls\b/i],
    keywords: 'tls ssl certificate expired self-signed chain handshake',
    meaning: 'The TLS handshake failed: Okta does not trust the certificate or the protocol.',
    causes: [
      {
        cause: 'A self-signed or private-CA certificate, or a missing intermediate certificate.',
        confirm: `${DIAGNOSE}   (TLS rung names the problem)`,
        fix: 'Serve the full chain (leaf + intermediates) of a certificate from a public CA.',
      },
      {
        cause: 'An expired certificate, or one issued for another host name.',
        confirm: `${DIAGNOSE}   (TLS rung: expiry date and host name check)`,
        fix: 'Renew the certificate / install one whose subjectAltName covers the host in the base URL.',
      },
      {
        cause: 'TLS older than 1.2.',
        confirm: `${DIAGNOSE}   (TLS rung: negotiated protocol)`,
        fix: 'Enable TLS 1.2 and 1.3.',
      },
    ],
  },
  {
    id: 'test-not-found',
    message: 'Error authenticating: Not Found. The connector configuration could not be tested. …',
    source: 'okta-protocol.md §4.2 (inferred text)',
    patterns: [/error authenticating:?\s*not found/i],
    keywords: 'base url path scim v2 users 404 not found',
    meaning: 'GET {base}/Users?startIndex=1&count=2 got a 404: the base URL does not point at the SCIM API.',
    causes: [
      {
        cause: 'The base URL lacks /scim/v2 (or a tenant segment), or has a typo in the path.',
        confirm: `${DIAGNOSE}   (URL rung probes nearby paths and suggests the base URL that answers)`,
        fix: 'Set the base URL to the one diagnose suggests.',
      },
      {
        cause: 'The base URL already ends in /Users, and Okta appends /Users itself.',
        confirm: `${DIAGNOSE}   (URL rung)`,
        fix: 'Remove the trailing /Users from the base URL.',
      },
    ],
  },
  {
    id: 'test-forbidden',
    message: 'Error authenticating: Forbidden. The connector configuration could not be tested. … (inferred text)',
    source: 'okta-protocol.md §4.1 (by the same pattern)',
    patterns: [/error authenticating:?\s*forbidden/i],
    keywords: 'forbidden 403 scope permission waf',
    meaning: 'The server (or a WAF in front of it) answered 403 to the list request.',
    causes: [
      {
        cause: 'The token is valid but lacks the SCIM scope or permission (e.g. OneTrust needed a SCIM-scoped key).',
        confirm: `${DIAGNOSE}   (Auth rung)`,
        fix: 'Issue a token with the SCIM / user-provisioning scope.',
      },
      {
        cause: "A WAF or IP allow-list blocks Okta's IPs or its User-Agent (Okta SCIM Client 1.0.0).",
        confirm: `${DIAGNOSE} --har forbidden.har   (HTTP rung: who answered, headers in the HAR)`,
        fix: "Allow Okta's IP ranges and User-Agent in the WAF.",
      },
    ],
  },
  {
    id: 'test-server-error',
    message: 'Error authenticating: Bad Gateway | Service Unavailable | Gateway Timeout | Internal Server Error',
    source: 'okta-protocol.md §4.1, §4.2 (proxy/CDN)',
    patterns: [/error authenticating:?\s*(bad gateway|service unavailable|gateway time-?out|internal server error)/i],
    keywords: 'proxy cdn 502 503 504 500 gateway',
    meaning: 'A 5xx answered the list request: the server failed, or a proxy/CDN in front of it could not reach it.',
    causes: [
      {
        cause: 'A reverse proxy or CDN (Cloudflare, nginx, a load balancer) answered because the SCIM server behind it is down or slow.',
        confirm: `${DIAGNOSE}   (HTTP rung names the proxy from its headers and body)`,
        fix: 'Fix the origin behind the proxy (health, upstream timeouts).',
      },
      {
        cause: 'The SCIM server crashed on GET /Users?startIndex=1&count=2.',
        confirm: `${DIAGNOSE}   (HTTP rung shows the status and the error body)`,
        fix: 'Check the server logs for this request.',
      },
    ],
  },
  {
    id: 'test-null',
    message: 'Error authenticating: null. The connector configuration could not be tested. …',
    source: 'okta-protocol.md §4.1, §4.2, §7.5',
    patterns: [/error authenticating:?\s*null/i],
    keywords: 'null bearer reason phrase http2 html json',
    meaning: 'Okta had no reason phrase to show: the answer had none, or could not be read.',
    causes: [
      {
        cause: 'The "Bearer " prefix is missing from the Header Auth test app\'s API Token field (the reported fix).',
        confirm: DIAGNOSE_HEADER,
        fix: 'Type "Bearer <token>" in the API Token field of the SCIM 2.0 Test App (Header Auth).',
      },
      {
        cause: 'The status line has no reason phrase (HTTP/2, or a proxy that strips it) [hypothesis].',
        confirm: `${DIAGNOSE}   (HTTP rung shows the raw status line)`,
        fix: 'Serve HTTP/1.1 with reason phrases, or fix the status the server returns.',
      },
      {
        cause: 'The body is not JSON (an HTML page, a login redirect target, an empty 200).',
        confirm: `${DIAGNOSE}   (HTTP and SCIM shape rungs)`,
        fix: 'Answer GET /Users with a SCIM ListResponse in JSON.',
      },
    ],
  },
  {
    id: 'verify-unauthorized',
    message: 'Automatic provisioning of user <u> to app <App> failed: Error while verifying if user <u> exists: Unauthorized. …',
    source: 'okta-protocol.md §4.2',
    patterns: [/verifying if user .* exists:?\s*unauthori[sz]ed/i, /error while [^:]*:?\s*unauthori[sz]ed/i],
    keywords: 'unauthorized token expired rotated after working',
    meaning: 'Provisioning worked before, and now the server refuses the stored credentials.',
    causes: [
      {
        cause: 'The token was rotated, revoked or has expired (tokens in the OAuth Bearer Token test app never refresh).',
        confirm: DIAGNOSE,
        fix: 'Generate a new token, paste it into Okta (Provisioning → Integration), and Test API Credentials.',
      },
    ],
  },
  {
    id: 'credentials-invalid',
    message: 'The credentials used to connect to the API were invalid; please check your configuration',
    source: 'okta-protocol.md §4.2',
    patterns: [/credentials used to connect to the api were invalid/i],
    keywords: 'credentials invalid configuration reauthenticate',
    meaning: 'The credential Okta stored for the integration is refused.',
    causes: [
      {
        cause: 'The stored token or OAuth grant is no longer valid.',
        confirm: DIAGNOSE,
        fix: 'OIN apps with OAuth: re-authenticate the integration; token apps: paste a fresh token.',
      },
    ],
  },
  {
    id: 'admin-credentials',
    message: 'Could not verify the administrator credentials; please confirm that these are set correctly',
    source: 'okta-protocol.md §1.2, §4.2',
    patterns: [/could not verify the administrator credentials/i],
    keywords: 'administrator basic mfa service account',
    meaning: 'Basic authentication with the app-side admin account failed.',
    causes: [
      {
        cause: 'The service account is subject to MFA on the app side; the SCIM connector cannot do MFA.',
        confirm: `SCIM_BASIC_USER=<user> SCIM_PASSWORD=<password> scim-check diagnose --base-url ${BASE}`,
        fix: 'Use a service account exempt from MFA, or switch to token authentication.',
      },
    ],
  },
  {
    id: 'test-unauthorized',
    message: 'Error authenticating: Unauthorized. The connector configuration could not be tested. …',
    source: 'okta-protocol.md §4.1, §4.2, §5.1',
    patterns: [/error authenticating:?\s*unauthori[sz]ed/i, /^\s*unauthori[sz]ed\.?\s*$/i],
    keywords: 'unauthorized 401 token bearer header auth api key',
    meaning: 'The server answered 401 to GET {base}/Users?startIndex=1&count=2 with the credentials Okta sent.',
    causes: [
      {
        cause: 'SCIM 2.0 Test App (Header Auth): the API Token field lacks "Bearer " (Okta sends the field verbatim).',
        confirm: DIAGNOSE_HEADER,
        fix: 'Type "Bearer <token>" in the API Token field.',
      },
      {
        cause: 'App Integration Wizard app (HTTP Header mode): "Bearer " typed in the token field, so Okta sends "Bearer Bearer <token>".',
        confirm: `SCIM_TOKEN='<the token field exactly as typed in Okta>' scim-check diagnose --base-url ${BASE}`,
        fix: 'Paste only the token; Okta adds "Bearer " itself.',
      },
      {
        cause: 'The token is wrong, revoked, expired, for another tenant, or lacks the SCIM scope.',
        confirm: DIAGNOSE,
        fix: 'Generate a fresh SCIM token with the right scope and paste it again.',
      },
      {
        cause: 'The server reads another header (x-api-key) or scheme than the Authorization Okta sends.',
        confirm: `${DIAGNOSE}   (Auth rung tries Bearer added/removed/doubled, x-api-key, Basic)`,
        fix: 'Make the server accept "Authorization: Bearer <token>".',
      },
      {
        cause: 'Postman: SCIM not enabled for the team, not the SCIM API key, or the key status is not ACTIVE.',
        confirm: 'SCIM_TOKEN=<SCIM API key> scim-check diagnose --base-url https://api.getpostman.com/scim/v2',
        fix: 'In Postman: Team Settings → Authentication → SCIM Provisioning on, generate the SCIM API key, check it is ACTIVE (okta-protocol.md §5.1).',
      },
    ],
  },
  {
    id: 'cdn-invalid-json',
    message: "Bad Gateway. Errors reported by remote server: Invalid JSON: Unrecognized token 'error': …",
    source: 'okta-protocol.md §4.1, §4.2',
    patterns: [/(bad gateway|service unavailable|gateway time-?out)[^]*invalid json/i, /unrecognized token 'error'/i],
    keywords: 'cloudflare cdn proxy 502 invalid json unrecognized token error code',
    meaning: 'A CDN or reverse proxy answered with plain text ("error code: 502") instead of the SCIM server.',
    causes: [
      {
        cause: "The proxy/CDN (e.g. Cloudflare's plain-text \"error code: 502\") could not reach the SCIM server.",
        confirm: `${DIAGNOSE}   (HTTP rung names the proxy and the token Okta chokes on)`,
        fix: 'Fix the origin behind the CDN (up, reachable, within the proxy timeout).',
      },
    ],
  },
  {
    id: 'invalid-json',
    message: "Invalid JSON: Unrecognized token '<tok>': was expecting … line: 1, column: N",
    source: 'okta-protocol.md §4.1',
    patterns: [/invalid json/i, /unrecognized token/i],
    keywords: 'invalid json html error page body unrecognized token',
    meaning: 'A response body was not JSON; the token quoted is where Okta\'s parser stopped.',
    causes: [
      {
        cause: "An HTML error page (token '<' or 'html'), e.g. from a proxy, a framework's default error handler or a login page.",
        confirm: `${DIAGNOSE}   (HTTP rung)`,
        fix: 'Make every answer, errors included, SCIM JSON.',
      },
      {
        cause: 'The server answers errors for one call as plain text.',
        confirm: run('users.create'),
        fix: 'Return SCIM Error JSON bodies (RFC 7644 §3.12) on every error path.',
      },
    ],
  },
  {
    id: 'create-empty-user',
    message: 'Error while creating user <u>: Create new user returned empty user.',
    source: 'okta-protocol.md §2.4, §4.2',
    patterns: [/returned empty user/i],
    keywords: 'create empty user body 204 post',
    meaning: 'POST /Users succeeded but the body held no user.',
    causes: [
      {
        cause: 'The server answers POST /Users with 201/200 and an empty body, or 204.',
        confirm: run('users.create'),
        fix: 'Answer 201 with the full created User, including its "id".',
      },
    ],
  },
  {
    id: 'conflict',
    message: 'Error while creating user <u>: Conflict. Errors reported by remote server: <detail>',
    source: 'okta-protocol.md §2.3, §4.2, §5.4',
    patterns: [/\bconflict\b/i, /already exists/i, /\b409\b/],
    keywords: 'conflict 409 exists unique filter case',
    meaning: 'Okta looked the user up, found nothing, POSTed, and the server said the user exists.',
    causes: [
      {
        cause: 'The userName filter is case-sensitive (userName is caseExact=false, RFC 7643 §4.1.1).',
        confirm: run('users.create'),
        fix: 'Match `userName eq "…"` case-insensitively.',
      },
      {
        cause: 'The filter leaves inactive users out, so a reassigned user is not found.',
        confirm: run('users.deactivate'),
        fix: 'Return inactive users in filter results.',
      },
      {
        cause: 'The filter matches another attribute than userName, or ignores the filter.',
        confirm: run('users.create'),
        fix: 'Filter on userName exactly as Okta sends it.',
      },
      {
        cause: 'Postman: the user belongs to another Postman team, or the email domain is not verified.',
        confirm: 'SCIM_TOKEN=<SCIM API key> scim-check run --profile postman --grep users.create',
        fix: 'Remove the pending invite / verify the domain in Postman (okta-protocol.md §5.1).',
      },
    ],
  },
  {
    id: 'sync-failure',
    message: 'Sync user in external application: FAILURE (no reason given)',
    source: 'okta-protocol.md §1.3, §4.2',
    patterns: [/sync user in external application/i, /provision_user_failed/i],
    keywords: 'sync failure string counts accept content type 406 415 assignment',
    meaning: 'Test API Credentials passed, but assignments fail without a server message.',
    causes: [
      {
        cause: 'ListResponse numbers sent as strings ("startIndex": "1").',
        confirm: `${DIAGNOSE}   (SCIM shape rung), then ${run('users.create')}`,
        fix: 'Serialise totalResults, startIndex and itemsPerPage as JSON integers.',
      },
      {
        cause: 'The server or a proxy rejects Accept: application/scim+json (406) or Content-Type: application/scim+json (415), or does not parse that body.',
        confirm: run('users.create'),
        fix: 'Accept and parse application/scim+json (RFC 7644 §3.1).',
      },
    ],
  },
  {
    id: 'bad-request',
    message: 'Bad Request. Errors reported by remote server: <detail>',
    source: 'okta-protocol.md §2.4, §2.7, §4.2',
    patterns: [/bad request/i, /\b400\b/],
    keywords: 'bad request 400 schema attribute password locale externalid patch',
    meaning: "The server refused one of Okta's request bodies.",
    causes: [
      {
        cause: 'Strict validation rejects attributes Okta sends (groups, password, externalId, locale) or the placeholder password.',
        confirm: run('users.create'),
        fix: 'Ignore unknown attributes; do not apply a password policy to Okta\'s placeholder password.',
      },
      {
        cause: 'Empty or null values in a profile update (Okta pushes them).',
        confirm: run('users.update'),
        fix: 'Accept empty values as "clear this attribute".',
      },
      {
        cause: 'The path-less PATCH ({"op":"replace","value":{"active":false}}) is not parsed.',
        confirm: run('users.deactivate'),
        fix: 'Support PATCH operations without "path" whose value is an object (RFC 7644 §3.5.2.3).',
      },
      {
        cause: 'A group rename PATCH whose value carries "id" is refused.',
        confirm: run('groups'),
        fix: 'Accept (and ignore) "id" inside a replace value.',
      },
    ],
  },
  {
    id: 'group-patch',
    message: "Group push fails: rename or membership PATCH refused (e.g. invalidValue: 'schemas' is required)",
    source: 'okta-protocol.md §2.11, §2.12, §4.2',
    patterns: [/'?schemas'? is required/i, /invalidvalue/i, /push(ing)? group/i, /group push/i],
    keywords: 'group push patch membership rename members',
    meaning: "The server does not accept Okta's group PATCH shapes.",
    causes: [
      {
        cause: 'PATCH Operations[].value as an object without "path", or "id" in the value, is unsupported.',
        confirm: run('groups'),
        fix: 'Support Okta\'s membership and rename PATCH bodies exactly (okta-protocol.md §2.11–2.12).',
      },
      {
        cause: 'Group push never reaches the server: members not assigned to the app, push not active, no name match.',
        confirm: OKTA_CONFIG,
        fix: 'Assign the group members to the app and activate the push (Push Groups tab).',
      },
    ],
  },
  {
    id: 'matching-user-not-found',
    message: 'Matching user not found.',
    source: 'okta-protocol.md §4.2',
    patterns: [/matching user not found/i],
    keywords: 'matching user not found provisioning to app',
    meaning: 'Provisioning is on, but Okta is not allowed to create or update users in the app.',
    causes: [
      {
        cause: 'Create Users / Update User Attributes / Deactivate Users are not enabled under Provisioning → To App.',
        confirm: `${OKTA_CONFIG} (to prove the server side works: ${run('users.create')})`,
        fix: 'Enable Create Users, Update User Attributes and Deactivate Users under Provisioning → To App.',
      },
    ],
  },
  {
    id: 'assigned-before-provisioning',
    message: 'User was assigned this application before Provisioning was enabled and not provisioned in the downstream application. Click Provision User.',
    source: 'okta-protocol.md §4.2',
    patterns: [/assigned this application before provisioning/i, /click provision user/i],
    keywords: 'assigned before provisioning enabled provision user',
    meaning: 'These assignments predate provisioning; Force Sync does not create them.',
    causes: [
      {
        cause: 'Users were assigned before provisioning was switched on.',
        confirm: OKTA_CONFIG,
        fix: 'Click "Provision User" on each (or unassign and reassign).',
      },
    ],
  },
  {
    id: 'profile-push',
    message: 'An error occurred while pushing a profile update to this app',
    source: 'okta-protocol.md §4.2',
    patterns: [/pushing a profile update/i],
    keywords: 'profile update push empty required reactivation',
    meaning: 'A user update (PUT/PATCH) failed.',
    causes: [
      {
        cause: 'A required attribute is null or empty in the update, and the server rejects it.',
        confirm: run('users.update'),
        fix: 'Accept empty values, or map the attribute so it is never empty.',
      },
      {
        cause: 'The reactivation request shape is unsupported.',
        confirm: run('users.deactivate'),
        fix: 'Support PATCH {"op":"replace","value":{"active":true}} (OIN) and PUT with "active": true (AIW).',
      },
    ],
  },
  {
    id: 'unassign-does-nothing',
    message: 'Unassigning a user does nothing on the server',
    source: 'okta-protocol.md §4.2',
    patterns: [/unassign/i, /deactivat\w* (does nothing|not)/i],
    keywords: 'unassign deactivate nothing linked',
    meaning: 'Okta only deprovisions users it provisioned or linked.',
    causes: [
      {
        cause: 'The user was never linked (an earlier create or link failed).',
        confirm: run('users.deactivate'),
        fix: 'Fix the earlier provisioning error, then Provision User / reassign.',
      },
    ],
  },
  {
    id: 'rate-limit',
    message: 'Tasks delayed with a "rate limit" status (429 Too Many Requests)',
    source: 'okta-protocol.md §1.3, §4.2',
    patterns: [/rate.?limit/i, /too many requests/i, /\b429\b/],
    keywords: 'rate limit 429 retry after delayed',
    meaning: 'The server answered 429; Okta waits Retry-After (integer seconds only) or 5 minutes, doubling, up to 10 tries.',
    causes: [
      {
        cause: 'Retry-After missing or an HTTP date, so Okta waits 5 minutes and more.',
        confirm: `${DIAGNOSE} --har rate.har   (the 429 and its Retry-After are in the evidence and the HAR)`,
        fix: 'Send Retry-After as integer seconds, and raise the limit for Okta.',
      },
    ],
  },
  {
    id: 'timeout',
    message: 'Requests hang or time out (Read timed out)',
    source: 'okta-protocol.md §1.3, §4.2',
    patterns: [/read timed out/i, /timed? ?out/i, /\bhang/i],
    keywords: 'timeout slow 60 seconds hang',
    meaning: 'The server takes longer than 60 s; Okta closes the socket.',
    causes: [
      {
        cause: 'A slow endpoint (often the filtered lookup on a large user table without an index).',
        confirm: run('users.create'),
        fix: 'Answer within seconds; index userName for `userName eq`.',
      },
    ],
  },
  {
    id: 'reason-not-found',
    message: 'Not Found. Errors reported by remote server: <detail>',
    source: 'okta-protocol.md §2.5, §4.1, §7.6',
    patterns: [/not found\. errors reported by remote server/i],
    keywords: 'not found 404 update deactivate id',
    meaning: 'A request for a user or group by id got 404.',
    causes: [
      {
        cause: 'The resource was deleted on the server, or its id changed (e.g. on reactivation).',
        confirm: run('users.update'),
        fix: 'Keep ids stable; deactivate rather than delete.',
      },
    ],
  },
  {
    id: 'reason-media-type',
    message: 'Unsupported Media Type / Not Acceptable. Errors reported by remote server: …',
    source: 'okta-protocol.md §1.1, §4.2',
    patterns: [/unsupported media type/i, /not acceptable/i, /\b41[5]\b|\b406\b/],
    keywords: 'media type scim+json accept content-type 415 406',
    meaning: 'The server refuses application/scim+json.',
    causes: [
      {
        cause: 'Accept or Content-Type application/scim+json is refused.',
        confirm: run('users.create'),
        fix: 'Accept application/scim+json everywhere application/json is accepted.',
      },
    ],
  },
  {
    id: 'reason-method-not-allowed',
    message: 'Method Not Allowed. Errors reported by remote server: …',
    source: 'okta-protocol.md §0, §5.2',
    patterns: [/method not allowed/i, /\b405\b/],
    keywords: 'method not allowed patch put delete 405',
    meaning: 'The server does not implement a method Okta uses (PATCH for OIN apps, PUT for AIW apps).',
    causes: [
      {
        cause: 'PATCH /Users/{id} (OIN deactivation) or PUT (AIW updates) not implemented.',
        confirm: `${run('users.deactivate')}   (add --profile okta-aiw for the PUT flow)`,
        fix: 'Implement the method this app type uses, or use the other app type.',
      },
    ],
  },
  {
    id: 'reason-server-error',
    message: 'Internal Server Error. Errors reported by remote server: …',
    source: 'okta-protocol.md §4.1',
    patterns: [/internal server error/i, /\b500\b/],
    keywords: 'internal server error 500 crash',
    meaning: 'The server crashed on one of Okta\'s requests.',
    causes: [
      {
        cause: 'A request shape the server does not handle (path-less PATCH, empty values, filter encoding with + or %20).',
        confirm: `SCIM_TOKEN=<token> scim-check run --base-url ${BASE}`,
        fix: 'Check the server log for the failing request; scim-check names the step.',
      },
    ],
  },
  {
    id: 'postman',
    message: 'Postman SCIM API errors (SCIM not enabled, invalid or inactive SCIM API key)',
    source: 'okta-protocol.md §5.1, §5.3, §5.4',
    patterns: [/postman/i, /x-api-key/i, /api key/i],
    keywords: 'postman scim api key active enabled team',
    meaning: 'Postman\'s SCIM API refused the request.',
    causes: [
      {
        cause: 'SCIM is not enabled for the team, the key is not the SCIM API key, or its status is not ACTIVE.',
        confirm: 'SCIM_TOKEN=<SCIM API key> scim-check diagnose --base-url https://api.getpostman.com/scim/v2',
        fix: 'Team Settings → Authentication → SCIM Provisioning on, generate the key, check it is ACTIVE; paste the raw key in the Postman Okta app.',
      },
      {
        cause: 'A feature Postman does not support (password sync, DELETE /Users, PUT /Groups from an AIW app).',
        confirm: 'SCIM_TOKEN=<SCIM API key> scim-check run --profile postman',
        fix: 'Use the Postman Okta app (or the Header Auth test app) with Sync Password off.',
      },
    ],
  },
];

/** What to check when the message is not recognised. */
export const GENERAL_CHECKLIST: readonly string[] = [
  `${DIAGNOSE}   (URL, DNS, TCP, TLS, HTTP, auth and the list answer, as Okta's Test API Credentials sees them)`,
  `SCIM_TOKEN=<token> scim-check run --base-url ${BASE}   (every call Okta makes, with the failing step named)`,
  'In Okta: System Log, event "Sync user in external application" (application.provision.user.sync) for the full message.',
  'On the server: the request log at that time (Okta does not log SCIM bodies).',
];
