// The same 18 requests as okta-flow.yaml, sent with undici alone: the floor targets.mjs compares a suite run with.
// Usage: node okta-flow-plain.mjs BASE_URL TOKEN UNDICI_INDEX_PATH
import { randomBytes } from 'node:crypto';

const [base, token, undiciPath] = process.argv.slice(2);
const { Agent, request } = await import(undiciPath);
const agent = new Agent();
const id = randomBytes(4).toString('hex');
const userName = `bench-${id}@example.com`;
const groupName = `bench-${id}`;
const h = { 'user-agent': 'Okta SCIM Client 1.0.0', accept: 'application/scim+json', authorization: `Bearer ${token}` };
const patch = (Operations) => ({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

async function send(method, path, body, want) {
  const headers = body === undefined ? h : { ...h, 'content-type': 'application/json' };
  const res = await request(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), dispatcher: agent });
  const text = await res.body.text();
  if (!want.includes(res.statusCode)) throw new Error(`${method} ${path}: ${res.statusCode} ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}
const q = (s) => encodeURIComponent(s);

await send('GET', '/Users?startIndex=1&count=1', undefined, [200]);
await send('GET', `/Users?filter=${q(`userName eq "${userName}"`)}&startIndex=1&count=100`, undefined, [200]);
const user = await send('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName, name: { givenName: 'Bench', familyName: 'User' }, emails: [{ primary: true, value: userName, type: 'work' }], displayName: 'Bench User', externalId: `00u${id}`, groups: [], password: '1mz050nq', active: true }, [201]);
const userId = user.id;
await send('GET', `/Users/${userId}`, undefined, [200]);
await send('PUT', `/Users/${userId}`, { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], id: userId, userName, name: { givenName: 'Bench', familyName: 'Renamed' }, emails: [{ primary: true, value: userName, type: 'work' }], displayName: 'Bench Renamed', active: true }, [200]);
await send('PATCH', `/Users/${userId}`, patch([{ op: 'replace', value: { active: false } }]), [200]);
await send('PATCH', `/Users/${userId}`, patch([{ op: 'replace', value: { active: true } }]), [200]);
await send('GET', `/Users?filter=${q(`userName eq "${userName}"`)}&startIndex=1&count=100`, undefined, [200]);
await send('GET', '/Groups?startIndex=1&count=100', undefined, [200]);
await send('GET', `/Groups?filter=${q(`displayName eq "${groupName}"`)}&startIndex=1&count=100`, undefined, [200]);
const group = await send('POST', '/Groups', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: groupName, members: [] }, [201]);
const groupId = group.id;
await send('PATCH', `/Groups/${groupId}`, patch([{ op: 'add', path: 'members', value: [{ value: userId }] }]), [200, 204]);
await send('GET', `/Groups/${groupId}`, undefined, [200]);
await send('PATCH', `/Groups/${groupId}`, patch([{ op: 'remove', path: `members[value eq "${userId}"]` }]), [200, 204]);
await send('PATCH', `/Groups/${groupId}`, patch([{ op: 'replace', value: { id: groupId, displayName: `${groupName}-renamed` } }]), [200, 204]);
await send('DELETE', `/Groups/${groupId}`, undefined, [204]);
await send('PATCH', `/Users/${userId}`, patch([{ op: 'replace', value: { active: false } }]), [200]);
await send('DELETE', `/Users/${userId}`, undefined, [204]);
await agent.close();
