// SCIM-shape rung: the 200 answer to Okta's Test API Credentials request, read as Okta reads it
// (okta-protocol.md §1.3, §2.1; RFC 7644 §3.4.2), plus the body of the 401 without credentials.
import type { Exchange } from '../http/types.js';
import { ERROR_URN, LIST_RESPONSE_URN, getLoose, schemasOf, statusLine } from './okta-probe.js';
import type { RungResult } from './types.js';

interface Finding {
  level: 'warn' | 'fail';
  cause: string;
  fix: string;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return `${typeof value} ${typeof value === 'object' ? '' : String(value)}`.trim();
}

export function checkScimShape(listExchange: Exchange | undefined, unauthExchange: Exchange | undefined): RungResult {
  const base = { rung: 'scim-shape' as const, title: 'SCIM shape' };
  if (!listExchange || listExchange.response.status !== 200) {
    const evidence: string[] = [];
    const bodyFinding = unauthorizedBody(unauthExchange, evidence);
    return {
      ...base,
      status: 'skip',
      summary: listExchange ? `no 200 answer to read (got ${listExchange.response.status})` : 'no 200 answer to read',
      evidence,
      ...(bodyFinding ? { cause: bodyFinding.cause, fix: bodyFinding.fix } : {}),
    };
  }
  const { headers, json } = listExchange.response;
  const evidence: string[] = [`GET /Users?startIndex=1&count=2 → ${statusLine(listExchange)}`];
  const findings: Finding[] = [];
  const contentType = headers['content-type'] ?? '';
  evidence.push(`content-type: ${contentType || '(none)'}`);
  if (!/^application\/(scim\+)?json\b/i.test(contentType)) {
    findings.push({
      level: 'warn',
      cause: `The content type is "${contentType || 'missing'}"; Okta does not seem to check it, but RFC 7644 §3.1 says application/scim+json and proxies or clients may treat the body differently.`,
      fix: 'Send Content-Type: application/scim+json (or application/json).',
    });
  }
  const object = asObject(json);
  if (json === undefined) {
    findings.push({
      level: 'fail',
      cause: 'The 200 body is not JSON, so Okta cannot read a ListResponse from it.',
      fix: 'Answer GET /Users with a SCIM ListResponse in JSON (RFC 7644 §3.4.2).',
    });
  } else if (!object) {
    findings.push({
      level: 'fail',
      cause: `The body is JSON but a ${Array.isArray(json) ? 'bare array' : describe(json)}, not a ListResponse object.`,
      fix: 'Wrap the users in {"schemas":["urn:ietf:params:scim:api:messages:2.0:ListResponse"],"totalResults":…,"startIndex":1,"itemsPerPage":…,"Resources":[…]}.',
    });
  } else {
    const schemas = schemasOf(object);
    if (!schemas.includes(LIST_RESPONSE_URN)) {
      findings.push({
        level: 'warn',
        cause: `"schemas" does not contain ${LIST_RESPONSE_URN} (got ${JSON.stringify(schemas)}).`,
        fix: `Add "schemas": ["${LIST_RESPONSE_URN}"] (RFC 7644 §3.4.2).`,
      });
    }
    const stringCounts: string[] = [];
    for (const key of ['totalResults', 'startIndex', 'itemsPerPage']) {
      const value = getLoose(object, key);
      evidence.push(`${key}: ${value === undefined ? '(missing)' : describe(value)}`);
      if (value === undefined) {
        if (key === 'totalResults') {
          findings.push({ level: 'warn', cause: 'totalResults is missing (REQUIRED, RFC 7644 §3.4.2).', fix: 'Always send totalResults as an integer.' });
        } else {
          findings.push({ level: 'warn', cause: `${key} is missing; Okta pages with startIndex/count and expects it (RFC 7644 §3.4.2.4).`, fix: `Send ${key} as an integer.` });
        }
      } else if (typeof value !== 'number' || !Number.isInteger(value)) {
        stringCounts.push(`${key} is ${describe(value)}`);
      }
    }
    if (stringCounts.length > 0) {
      findings.push({
        level: 'warn',
        cause: `${stringCounts.join(', ')}, not an integer. Test API Credentials still passes, but imports and every assignment fail later with "Sync user in external application: FAILURE" and no reason (okta-protocol.md §1.3, §4.2).`,
        fix: 'Serialise totalResults, startIndex and itemsPerPage as JSON numbers (1, not "1").',
      });
    }
    const resources = getLoose(object, 'Resources');
    const total = getLoose(object, 'totalResults');
    if (resources === undefined) {
      if (typeof total === 'number' && total > 0) {
        findings.push({ level: 'warn', cause: 'totalResults > 0 but there is no Resources array.', fix: 'Return the users in "Resources".' });
      }
      evidence.push('Resources: (missing)');
    } else if (!Array.isArray(resources)) {
      findings.push({ level: 'fail', cause: `Resources is ${describe(resources)}, not an array.`, fix: 'Return the users as an array in "Resources".' });
    } else {
      evidence.push(`Resources: ${resources.length} user(s)`);
      if (resources.length > 2) {
        findings.push({
          level: 'warn',
          cause: `count=2 was asked but ${resources.length} users came back; Okta pages with count and may skip or repeat users.`,
          fix: 'Never return more than count resources (RFC 7644 §3.4.2.4).',
        });
      }
      if (resources.length === 0) {
        evidence.push('an empty page: Okta does not document whether Test API Credentials passes without users; the OIN SPEC test needs at least one (okta-protocol.md §2.1, §7)');
      }
      const incomplete = resources.filter((r) => {
        const user = asObject(r);
        return !user || typeof getLoose(user, 'id') !== 'string' || typeof getLoose(user, 'userName') !== 'string';
      });
      if (incomplete.length > 0) {
        findings.push({
          level: 'warn',
          cause: `${incomplete.length} resource(s) lack a string id or userName; Okta links and imports users by them.`,
          fix: 'Return every user with "id" and "userName" (RFC 7643 §4.1).',
        });
      }
    }
  }
  const bodyFinding = unauthorizedBody(unauthExchange, evidence);
  if (bodyFinding) findings.push(bodyFinding);

  const fails = findings.filter((f) => f.level === 'fail');
  const status = fails.length > 0 ? 'fail' : findings.length > 0 ? 'warn' : 'pass';
  const ordered = [...fails, ...findings.filter((f) => f.level === 'warn')];
  const result: RungResult = {
    ...base,
    status,
    summary:
      status === 'pass'
        ? 'a ListResponse with integer counts, and a SCIM Error body on the 401'
        : `${ordered.length} problem(s): ${ordered[0]?.cause.split('. ')[0] ?? ''}`,
    evidence,
  };
  if (ordered.length > 0) {
    result.cause = ordered.map((f) => f.cause).join(' ');
    result.fix = ordered.map((f) => f.fix).join(' ');
  }
  return result;
}

/** A 401/403 without a SCIM Error body: Okta then has no detail to show the admin (okta-protocol.md §4.1). */
function unauthorizedBody(exchange: Exchange | undefined, evidence: string[]): Finding | undefined {
  if (!exchange || (exchange.response.status !== 401 && exchange.response.status !== 403)) return undefined;
  const schemas = schemasOf(exchange.response.json);
  if (schemas.includes(ERROR_URN)) {
    evidence.push(`the ${exchange.response.status} without credentials carries a SCIM Error body`);
    return undefined;
  }
  evidence.push(`the ${exchange.response.status} without credentials has ${exchange.response.body.trim() === '' ? 'an empty body' : 'a body that is not a SCIM Error'}`);
  return {
    level: 'warn',
    cause: `The ${exchange.response.status} carries no SCIM Error body, so Okta can only show the bare reason phrase, with no hint of what is wrong.`,
    fix: `Answer ${exchange.response.status} with {"schemas":["${ERROR_URN}"],"status":"${exchange.response.status}","detail":"<what is wrong>"} (RFC 7644 §3.12).`,
  };
}
