// Cleanup's look-ups over the real transport and the msw bridge: a server that pages its answer is followed page by
// page (as Okta's import does), so nothing the run created hides on page two; a server that never stops paging is
// reported, not followed for ever, and what it answered beyond the bound is not guessed at.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Target } from '../../src/http/types.js';
import { createUndiciTransport } from '../../src/http/undici-transport.js';
import { LOOKUP_MAX_PAGES, lookUp } from '../../src/runner/cleanup-lookup.js';
import { MswDispatcher } from '../support/msw-undici.js';

const BASE = 'https://scim.msw.test/scim/v2';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
const target: Target = { baseUrl: BASE, auth: { kind: 'bearer', token: 'lookup-token-0123456789' }, headers: {}, tls: { verify: true }, timeoutMs: 2_000, maxResponseBytes: 1024 * 1024 };

function pagedServer(users: Array<{ id: string; userName: string }>, pageSize: number, total = users.length) {
  const seen: string[] = [];
  const dispatcher = new MswDispatcher([
    http.get(`${BASE}/Users`, ({ request }) => {
      const url = new URL(request.url);
      seen.push(url.search);
      const start = Number(url.searchParams.get('startIndex') ?? '1');
      const page = users.slice(start - 1, start - 1 + pageSize);
      return HttpResponse.json({ schemas: [LIST], totalResults: total, startIndex: start, itemsPerPage: page.length, Resources: page });
    }),
  ]);
  return { transport: createUndiciTransport(target, { dispatcher }).transport, seen };
}

const sweep = (transport: ReturnType<typeof pagedServer>['transport']) =>
  lookUp(transport, { baseUrl: BASE, collection: '/Users', attribute: 'userName', filter: 'userName sw "scim-check-abcd"', headers: {}, matches: (v) => v.startsWith('scim-check-abcd') }, undefined);

describe('cleanup look-ups', () => {
  it('follow every page of a paged answer and find what the run created on each', async () => {
    const users = [
      { id: 'a', userName: 'scim-check-abcd-1' },
      { id: 'b', userName: 'someone-else' },
      { id: 'c', userName: 'scim-check-abcd-2' },
      { id: 'd', userName: 'scim-check-abcd-3' },
      { id: 'e', userName: 'scim-check-abcd-4' },
    ];
    const { transport, seen } = pagedServer(users, 2);
    const result = await sweep(transport);
    expect(result.ok).toBe(true);
    expect(result.ok && result.found.map((f) => f.id)).toEqual(['a', 'c', 'd', 'e']);
    // The first request is the one a single-page server sees; later pages add startIndex only.
    expect(seen.map((q) => new URLSearchParams(q).get('startIndex'))).toEqual([null, '3', '5']);
  });

  it('ask once when the first page holds everything', async () => {
    const { transport, seen } = pagedServer([{ id: 'a', userName: 'scim-check-abcd-1' }], 100);
    const result = await sweep(transport);
    expect(result.ok && result.found.map((f) => f.id)).toEqual(['a']);
    expect(seen).toHaveLength(1);
  });

  it('stop at the page bound and say that more was not looked at', async () => {
    const users = Array.from({ length: LOOKUP_MAX_PAGES + 5 }, (_, i) => ({ id: `u${i}`, userName: `scim-check-abcd-${i}` }));
    const { transport, seen } = pagedServer(users, 1);
    const result = await sweep(transport);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.why).toContain(`still had more pages after ${LOOKUP_MAX_PAGES}`);
    expect(seen).toHaveLength(LOOKUP_MAX_PAGES);
    expect(result.exchanges).toHaveLength(LOOKUP_MAX_PAGES);
  });

  it('end on an empty page even when totalResults promises more', async () => {
    const { transport, seen } = pagedServer([{ id: 'a', userName: 'scim-check-abcd-1' }], 1, 50);
    const result = await sweep(transport);
    expect(result.ok && result.found.map((f) => f.id)).toEqual(['a']);
    expect(seen).toHaveLength(2);
  });
});
