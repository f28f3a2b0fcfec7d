import { describe, it, expect } from 'vitest';
import { start, scim, createUser } from './scim-client.js';
describe('smoke', () => {
  it('works', async () => {
    const s = await start({ seedUsers: 3 });
    const u = await createUser(s, 'a@b.c');
    console.log(JSON.stringify(u));
    const l = await scim(s, 'GET', '/Users?filter=userName%20eq%20%22A@B.C%22');
    console.log(l.status, l.text);
    const p = await scim(s, 'PATCH', `/Users/${u.id}`, { body: { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: false } }] } });
    console.log(p.status, p.text);
    expect(1).toBe(1);
  });
});
