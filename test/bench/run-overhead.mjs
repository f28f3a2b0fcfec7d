// Run overhead: a 200-step GET suite through `scim-check run` versus a plain undici script sending the same 200
// requests in sequence, both as whole processes timed by hyperfine against one loopback server.
// Usage: npm run build && node test/bench/run-overhead.mjs
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'scim-check-bench-'));
const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/scim/v2`;

const steps = Array.from({ length: 200 }, (_, i) => `  - id: s${i}\n    title: GET ${i}\n    request: { method: GET, path: /Users }\n    expect: { status: 200 }\n`).join('');
writeFileSync(join(dir, 'suite.yaml'), `id: bench\ntitle: 200 GETs\nsteps:\n${steps}`);
writeFileSync(
  join(dir, 'plain.mjs'),
  `import { Agent, request } from ${JSON.stringify(join(root, 'node_modules/undici/index.js'))};\n` +
    `const agent = new Agent();\nfor (let i = 0; i < 200; i++) { const r = await request(${JSON.stringify(`${base}/Users`)}, { dispatcher: agent }); await r.body.text(); if (r.statusCode !== 200) process.exit(1); }\nawait agent.close();\n`,
);
const out = join(dir, 'result.json');
// Async spawn: the loopback server lives in this process and must keep answering while hyperfine runs.
await new Promise((resolve, reject) => {
  const child = spawn(
  'hyperfine',
  ['--warmup', '2', '--runs', process.env.RUNS ?? '15', '-N', '--export-json', out,
    `node ${join(dir, 'plain.mjs')}`,
    `node ${join(root, 'bin/scim-check.js')} run ${join(dir, 'suite.yaml')} --base-url ${base} --reporter json=${join(dir, 'report.json')}`],
  { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  child.on('error', reject);
  child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`hyperfine exited ${code}`))));
});
server.close();
const results = JSON.parse(readFileSync(out, 'utf8')).results;
const [plain, scim] = results;
console.log(`plain undici script: median ${(plain.median * 1000).toFixed(1)} ms`);
console.log(`scim-check run:      median ${(scim.median * 1000).toFixed(1)} ms`);
const ratio = scim.median / plain.median;
console.log(`ratio: ${ratio.toFixed(2)}x (target ≤ 1.3x)${ratio <= 1.3 ? '' : ' — MISSED'}`);
if (!(ratio <= 1.3)) process.exitCode = 1;
