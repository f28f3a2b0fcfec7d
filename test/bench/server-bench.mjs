// Benchmarks of the embedded reference server (issue 3): Okta-style paging of 10 000 users, the userName filter
// at 100 vs 100 000 users (index, not scan), and 2 000 creates from 16 concurrent connections.
// Run: npm run build && node test/bench/server-bench.mjs        (server and client share this process)
import { Agent, request } from 'node:http';
import { startServer } from '../../dist/server/index.js';

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

/** One request on the shared keep-alive agent; resolves with status and body text. */
function send(server, method, path, body) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { authorization: `Bearer ${server.token}`, accept: 'application/scim+json' };
    if (payload !== undefined) {
      headers['content-type'] = 'application/scim+json; charset=utf-8';
      headers['content-length'] = Buffer.byteLength(payload);
    }
    const req = request(`${server.baseUrl}${path}`, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(payload);
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

async function paging() {
  const t0 = performance.now();
  const server = await startServer({ seedUsers: 10_000, record: false });
  const seeded = performance.now() - t0;
  const t1 = performance.now();
  const seen = new Set();
  for (let start = 1; ; start += 100) {
    const res = await send(server, 'GET', `/Users?startIndex=${start}&count=100`);
    const page = JSON.parse(res.text);
    for (const r of page.Resources) seen.add(r.id);
    if (start + 100 > page.totalResults) break;
  }
  const wall = performance.now() - t1;
  await server.close();
  if (seen.size !== 10_000) throw new Error(`paging saw ${seen.size} users, not 10000`);
  console.log(`paging: seeded 10000 users in ${seeded.toFixed(0)} ms; read all ${seen.size} with count=100 (100 pages) in ${wall.toFixed(0)} ms; peak RSS ${mb(process.resourceUsage().maxRSS)}`);
}

async function filterLatency(users, samples) {
  const server = await startServer({ seedUsers: users, record: false });
  const width = String(users).length;
  const times = [];
  for (let i = 0; i < samples; i++) {
    const n = String(1 + ((i * 7919) % users)).padStart(width, '0');
    const f = encodeURIComponent(`userName eq "SEED.USER.${n}@example.com"`);
    const t = performance.now();
    const res = await send(server, 'GET', `/Users?filter=${f}&startIndex=1&count=100`);
    times.push(performance.now() - t);
    if (!res.text.includes('"totalResults":1')) throw new Error(`filter missed user ${n}`);
  }
  await server.close();
  return median(times.slice(50));
}

async function concurrentCreates() {
  const server = await startServer({ record: false });
  const total = 2000;
  const connections = 16;
  let next = 0;
  const statuses = new Map();
  const worker = async (names) => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      const res = await send(server, 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: names(i), active: true });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, () => worker((i) => `bench.${i}@example.com`)));
  const wall = performance.now() - t0;
  const created = statuses.get(201) ?? 0;
  // Second wave: the same names upper-cased, again from 16 connections; every one must be a 409.
  next = 0;
  statuses.clear();
  await Promise.all(Array.from({ length: connections }, () => worker((i) => `BENCH.${i}@EXAMPLE.COM`)));
  const conflicts = statuses.get(409) ?? 0;
  const names = new Set([...server.store.users.values()].map((u) => String(u.userName).toLowerCase()));
  const duplicates = server.store.users.size - names.size;
  await server.close();
  console.log(
    `creates: ${created}/${total} x 201 from ${connections} connections in ${wall.toFixed(0)} ms (${((total / wall) * 1000).toFixed(0)} creates/s); ` +
      `same names re-sent upper-cased: ${conflicts}/${total} x 409; users stored ${server.store.users.size}, duplicates ${duplicates}`,
  );
  if (created !== total || conflicts !== total || duplicates !== 0) process.exitCode = 1;
}

await paging();
const small = await filterLatency(100, 1050);
const large = await filterLatency(100_000, 1050);
const ratio = large / small;
console.log(`filter userName eq: median ${small.toFixed(3)} ms at 100 users, ${large.toFixed(3)} ms at 100000 users; ratio ${ratio.toFixed(2)} (must be <= 2)`);
if (ratio > 2) process.exitCode = 1;
await concurrentCreates();
agent.destroy();
