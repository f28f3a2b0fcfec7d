import { describe, expect, it } from 'vitest';
import { toHar } from '../../src/http/har.js';
import type { Exchange } from '../../src/http/types.js';

const exchange: Exchange = {
  request: {
    method: 'POST',
    url: 'https://scim.example.com/scim/v2/Users?filter=userName%20eq%20%22a%22&count=2',
    headers: { 'Content-Type': 'application/scim+json; charset=utf-8', Authorization: 'Bearer [REDACTED]' },
    body: '{"userName":"é"}',
  },
  response: {
    status: 201,
    statusText: 'Created',
    httpVersion: '1.1',
    headers: { 'content-type': 'application/scim+json', 'set-cookie': 'a=1\nb=2', location: 'https://scim.example.com/scim/v2/Users/1' },
    body: '{"id":"1"}',
    bodySize: 30,
    json: { id: '1' },
  },
  timings: { startedAt: '2024-05-01T10:00:00.000Z', connect: -1, wait: 12.5, receive: 0.5, total: 13 },
};

describe('toHar', () => {
  it('builds a HAR 1.2 log entry per exchange', () => {
    const har = toHar([exchange, { ...exchange, request: { method: 'GET', url: 'https://scim.example.com/Users', headers: {} } }], {
      name: 'scim-check',
      version: '0.1.0',
    });
    expect(har.log.version).toBe('1.2');
    expect(har.log.creator).toEqual({ name: 'scim-check', version: '0.1.0' });
    expect(har.log.entries).toHaveLength(2);
    const [post, get] = har.log.entries;
    expect(post).toEqual({
      startedDateTime: '2024-05-01T10:00:00.000Z',
      time: 13,
      request: {
        method: 'POST',
        url: exchange.request.url,
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'Content-Type', value: 'application/scim+json; charset=utf-8' },
          { name: 'Authorization', value: 'Bearer [REDACTED]' },
        ],
        queryString: [
          { name: 'filter', value: 'userName eq "a"' },
          { name: 'count', value: '2' },
        ],
        cookies: [],
        headersSize: -1,
        bodySize: 17,
        postData: { mimeType: 'application/scim+json; charset=utf-8', text: '{"userName":"é"}' },
      },
      response: {
        status: 201,
        statusText: 'Created',
        httpVersion: 'HTTP/1.1',
        headers: [
          { name: 'content-type', value: 'application/scim+json' },
          { name: 'set-cookie', value: 'a=1' },
          { name: 'set-cookie', value: 'b=2' },
          { name: 'location', value: 'https://scim.example.com/scim/v2/Users/1' },
        ],
        cookies: [],
        content: { size: 10, compression: -20, mimeType: 'application/scim+json', text: '{"id":"1"}' },
        redirectURL: '',
        headersSize: -1,
        bodySize: 30,
      },
      cache: {},
      timings: { blocked: -1, dns: -1, connect: -1, send: 0, wait: 12.5, receive: 0.5, ssl: -1 },
    });
    expect(get?.request.postData).toBeUndefined();
    expect(get?.request.bodySize).toBe(0);
    // A HAR must survive a JSON round trip unchanged.
    expect(JSON.parse(JSON.stringify(har))).toEqual(har);
  });
});
