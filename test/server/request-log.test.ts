// The server's request log is bounded: a long-lived `serve` keeps the newest requests, not every one it ever saw.
import { describe, expect, it } from 'vitest';
import { scim, start } from './scim-client.js';

describe('request log', () => {
  it('keeps only the newest recordLimit requests, in arrival order', async () => {
    const s = await start({ recordLimit: 3 });
    for (let i = 1; i <= 5; i++) await scim(s, 'GET', `/Users?startIndex=${i}&count=1`);
    expect(s.received.map((r) => r.rawQuery)).toEqual(['startIndex=3&count=1', 'startIndex=4&count=1', 'startIndex=5&count=1']);
  });

  it('keeps every request while under the default limit', async () => {
    const s = await start();
    for (let i = 0; i < 25; i++) await scim(s, 'GET', '/ServiceProviderConfig');
    expect(s.received).toHaveLength(25);
  });
});
