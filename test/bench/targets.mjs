// The speed and memory targets of scim-check, each as a ratio measured in this one run (interleaved, medians).
// Prints a table of measure, value, baseline, ratio and target; exits 1 when any target is missed.
// Usage: npm run bench          (builds first; BENCH_ONLY=okta,get200,list,builtin,steps,import,serve picks rows)
// Knobs: RUNS (timed rounds, default 10), STEP_RUNS (default 3), SERVE_REQUESTS (default 1000000).
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { cli, fixedServer, interleaved, logRow, mib, ms, printTable, root, runNode, undiciIndex, workDir } from './lib.mjs';

const only = process.env.BENCH_ONLY?.split(',');
const want = (name) => only === undefined || only.includes(name);
const RUNS = Number(process.env.RUNS ?? 10);
const STEP_RUNS = Number(process.env.STEP_RUNS ?? 3);
const SERVE_REQUESTS = Number(process.env.SERVE_REQUESTS ?? 1_000_000);
const TOKEN = 'bench-token-0123456789';
const rows = [];
const row = (r) => {
  rows.push(r);
  logRow(r);
};
const here = new URL('.', import.meta.url).pathname;
const log = (s) => process.stderr.write(`${s}\n`);

const nodeE0 = () => runNode(['-e', '0']);
const { startServer } = await import(pathToFileURL(join(root, 'dist/server/index.js')).href);

if (want('okta')) {
  log('okta: the 18-request Okta flow as a suite vs a bare undici script');
  const server = await startServer({ token: TOKEN, record: false });
  const env = { SCIM_TOKEN: TOKEN };
  const r = await interleaved({
    plain: () => runNode([join(here, 'okta-flow-plain.mjs'), server.baseUrl, TOKEN, undiciIndex]),
    suite: () => runNode([cli, 'run', join(here, 'okta-flow.yaml'), '--base-url', server.baseUrl, '--reporter', `json=${join(workDir, 'okta.json')}`], { env }),
  }, { runs: RUNS });
  await server.close();
  row({ measure: '18-request Okta flow: suite / bare undici', value: ms(r.suite.ms), baseline: ms(r.plain.ms), ratio: r.suite.ms / r.plain.ms, target: 1.2 });
}

if (want('get200')) {
  log('get200: 200 GET steps vs a bare undici script');
  const server = await fixedServer();
  const suite = join(workDir, 'get200.yaml');
  const steps = Array.from({ length: 200 }, (_, i) => `  - id: s${i}\n    title: GET ${i}\n    request: { method: GET, path: /Users }\n    expect: { status: 200 }\n`).join('');
  writeFileSync(suite, `id: bench\ntitle: 200 GETs\nsteps:\n${steps}`);
  const plain = join(workDir, 'plain200.mjs');
  writeFileSync(plain, `import { Agent, request } from ${JSON.stringify(undiciIndex)};\nconst agent = new Agent();\nfor (let i = 0; i < 200; i++) { const r = await request(${JSON.stringify(`${server.base}/Users`)}, { dispatcher: agent }); await r.body.text(); if (r.statusCode !== 200) process.exit(1); }\nawait agent.close();\n`);
  const r = await interleaved({
    plain: () => runNode([plain]),
    suite: () => runNode([cli, 'run', suite, '--base-url', server.base, '--reporter', `json=${join(workDir, 'get200.json')}`]),
  }, { runs: RUNS });
  await server.close();
  row({ measure: '200 GET steps: suite / bare undici', value: ms(r.suite.ms), baseline: ms(r.plain.ms), ratio: r.suite.ms / r.plain.ms, target: 1.3 });
}

if (want('list')) {
  log('list: `list` vs node -e 0');
  const r = await interleaved({ node: nodeE0, list: () => runNode([cli, 'list']) }, { runs: RUNS });
  row({ measure: '`list` / node -e 0', value: ms(r.list.ms), baseline: ms(r.node.ms), ratio: r.list.ms / r.node.ms, target: 2.5 });
}

if (want('builtin')) {
  log('builtin: `run` of every built-in suite against the embedded server vs node -e 0');
  const server = await startServer({ token: TOKEN, record: false });
  const r = await interleaved({
    node: nodeE0,
    run: () => runNode([cli, 'run', '--base-url', server.baseUrl], { env: { SCIM_TOKEN: TOKEN } }),
  }, { runs: RUNS });
  await server.close();
  row({ measure: 'built-in `run` vs embedded server / node -e 0', value: ms(r.run.ms), baseline: ms(r.node.ms), ratio: r.run.ms / r.node.ms, target: 5 });
}

if (want('steps')) {
  log('steps: per-step cost at 1 000, 10 000 and 30 000 steps, and peak RSS at 30 000');
  const server = await fixedServer();
  const sizes = [1, 1000, 10_000, 30_000];
  const files = {};
  for (const n of sizes) {
    // Every tenth step captures a value a later step uses, as suites do with ids.
    const lines = [];
    for (let i = 0; i < n; i++) {
      const capture = i % 10 === 0 ? `    capture: { c${i}: status }\n` : '';
      const query = i % 10 === 5 ? `, query: { prev: '{{ c${i - 5} }}' }` : '';
      lines.push(`  - id: s${i}\n    title: GET ${i}\n    request: { method: GET, path: /Users${query} }\n    expect: { status: 200 }\n${capture}`);
    }
    files[n] = join(workDir, `steps-${n}.yaml`);
    writeFileSync(files[n], `id: steps\ntitle: ${n} steps\nsteps:\n${lines.join('')}`);
  }
  const commands = Object.fromEntries(sizes.map((n) => [n, () => runNode([cli, 'run', files[n], '--base-url', server.base])]));
  const r = await interleaved(commands, { runs: STEP_RUNS, warmup: 0 });
  await server.close();
  // What reading the suite file alone costs: `validate` parses and checks it, and sends nothing.
  const load = await runNode([cli, 'validate', files[30_000]]);
  log(`  30 000 steps, validate only (load, no request): peak RSS ${mib(load.rssKiB)}`);
  const perStep = (n) => (r[n].ms - r[1].ms) / (n - 1);
  for (const n of sizes.slice(1)) log(`  ${n} steps: median ${ms(r[n].ms)}, ${perStep(n).toFixed(3)} ms/step, peak RSS ${mib(r[n].rssKiB)}`);
  row({ measure: 'cost per step: 30 000 steps / 1 000 steps', value: `${perStep(30_000).toFixed(3)} ms`, baseline: `${perStep(1000).toFixed(3)} ms`, ratio: perStep(30_000) / perStep(1000), target: 1.2 });
  row({ measure: 'cost per step: 10 000 steps / 1 000 steps (info)', value: `${perStep(10_000).toFixed(3)} ms`, baseline: `${perStep(1000).toFixed(3)} ms`, ratio: perStep(10_000) / perStep(1000), target: 1.2 });
  row({ measure: 'peak RSS of a 30 000-step run / 250 MiB', value: mib(r[30_000].rssKiB), baseline: '250 MiB', ratio: r[30_000].rssKiB / (250 * 1024), target: 1 });
}

/** Starts `scim-check serve` as its own process; resolves once it prints where it listens. */
function startServe(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'serve', '--port', '0', '--token', TOKEN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`serve exited ${code} before listening`)));
    child.stdout.on('data', (c) => {
      out += c;
      const m = /export SCIM_BASE_URL=(\S+)/.exec(out);
      if (m !== null) {
        child.removeAllListeners('exit');
        resolve({
          child,
          baseUrl: m[1],
          rssKiB: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]),
          stop: () => new Promise((r) => { child.on('exit', r); child.kill('SIGTERM'); }),
        });
      }
    });
    child.stderr.resume();
  });
}

if (want('import')) {
  log('import: peak RSS of scim-check paging through 100 000 vs 10 000 users');
  const suite = join(workDir, 'import.yaml');
  writeFileSync(suite, [
    'id: bench.import', 'title: import all users', 'steps:', '  - id: import', '    title: page through every user',
    '    request: { method: GET, path: /Users, headers: { User-Agent: Okta SCIM Client 1.0.0 } }',
    '    paging: { count: 100, maxPages: 5000 }', '    expect: { status: 200, schema: ListResponse }', '',
  ].join('\n'));
  const small = await startServe(['--seed-users', '10000']);
  const large = await startServe(['--seed-users', '100000']);
  const env = { SCIM_TOKEN: TOKEN };
  const r = await interleaved({
    small: () => runNode([cli, 'run', suite, '--base-url', small.baseUrl], { env }),
    large: () => runNode([cli, 'run', suite, '--base-url', large.baseUrl], { env }),
  }, { runs: 2, warmup: 0 });
  await small.stop();
  await large.stop();
  row({ measure: 'peak RSS importing 100 000 / 10 000 users', value: mib(r.large.rssKiB), baseline: mib(r.small.rssKiB), ratio: r.large.rssKiB / r.small.rssKiB, target: 1.3 });
}

if (want('serve')) {
  log(`serve: RSS of \`serve\` after ${SERVE_REQUESTS} requests vs after 10 000`);
  const serve = await startServe([]);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const send = (method, path, body) => new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { authorization: `Bearer ${TOKEN}`, accept: 'application/scim+json' };
    if (payload !== undefined) Object.assign(headers, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(payload) });
    const req = httpRequest(`${serve.baseUrl}${path}`, { method, headers, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode, text }));
    });
    req.on('error', reject);
    req.end(payload);
  });
  const created = await send('POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'soak@example.com', active: true });
  const id = JSON.parse(created.text).id;
  // What a long afternoon of runs sends, minus creates (a store that grows with creates is not a leak).
  const mix = [
    () => send('GET', `/Users?filter=${encodeURIComponent('userName eq "soak@example.com"')}&startIndex=1&count=100`),
    () => send('GET', `/Users/${id}`),
    () => send('PATCH', `/Users/${id}`, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { active: true } }] }),
    () => send('GET', '/Groups?startIndex=1&count=100'),
    () => send('GET', '/Users/no-such-id'),
  ];
  let sent = 0;
  const drive = async (until) => {
    const worker = async () => {
      while (sent < until) {
        const n = sent++;
        await mix[n % mix.length]();
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  };
  const started = performance.now();
  await drive(10_000);
  const at10k = serve.rssKiB();
  // RSS at each tenth of the way: a leak climbs steadily, a heap settling to its working size levels off.
  const curve = [];
  for (let tenth = 1; tenth <= 10; tenth++) {
    await drive(Math.max(10_000, Math.round((SERVE_REQUESTS * tenth) / 10)));
    curve.push(`${sent}: ${mib(serve.rssKiB())}`);
  }
  log(`  RSS along the way: ${curve.join(', ')}`);
  const atEnd = serve.rssKiB();
  log(`  ${sent} requests in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  agent.destroy();
  await serve.stop();
  row({ measure: `\`serve\` RSS after ${SERVE_REQUESTS} / after 10 000 requests`, value: mib(atEnd), baseline: mib(at10k), ratio: atEnd / at10k, target: 1.3 });
}

printTable(rows);
