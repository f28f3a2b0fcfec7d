// Shared by the benches: whole-process timing in interleaved rounds (medians), peak RSS of a child through
// rss-probe.mjs, a loopback answering server, and the closing table (exit code 1 when a target is missed).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The package under test; BENCH_ROOT points at another build (e.g. a copy of main) to record "before" figures. */
export const root = process.env.BENCH_ROOT ?? fileURLToPath(new URL('../..', import.meta.url));
export const cli = join(root, 'bin/scim-check.js');
export const undiciIndex = join(root, 'node_modules/undici/index.js');
const probe = pathToFileURL(fileURLToPath(new URL('./rss-probe.mjs', import.meta.url))).href;

export const workDir = mkdtempSync(join(tmpdir(), 'scim-check-bench-'));
process.on('exit', () => rmSync(workDir, { recursive: true, force: true }));

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

let probeCount = 0;
/**
 * Runs `node ...args` to its end; resolves with wall time (ms) and peak RSS (KiB). Async, so a server living in
 * this process keeps answering the child. A non-zero exit (unless allowed) rejects with the child's stderr.
 */
export function runNode(args, { env = {}, allowExit = [0] } = {}) {
  const rssFile = join(workDir, `rss-${probeCount++}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', probe, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', ...env, BENCH_RSS_FILE: rssFile },
    });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (!allowExit.includes(code)) return reject(new Error(`node ${args.join(' ')} exited ${code}\n${stderr.slice(0, 2000)}`));
      let rssKiB = Number.NaN;
      try {
        rssKiB = Number(readFileSync(rssFile, 'utf8'));
      } catch {}
      resolve({ ms, rssKiB });
    });
  });
}

/**
 * Times each named command `runs` times after `warmup` rounds, interleaved (one of each per round, the order
 * rotating), so load on the machine falls on all of them alike. Resolves with name → { ms, rssKiB } medians.
 */
export async function interleaved(commands, { runs = 10, warmup = 2 } = {}) {
  const names = Object.keys(commands);
  const samples = Object.fromEntries(names.map((n) => [n, { ms: [], rss: [] }]));
  for (let round = 0; round < warmup + runs; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    for (const name of order) {
      const r = await commands[name]();
      if (round >= warmup) {
        samples[name].ms.push(r.ms);
        samples[name].rss.push(r.rssKiB);
      }
    }
  }
  return Object.fromEntries(names.map((n) => [n, { ms: median(samples[n].ms), rssKiB: median(samples[n].rss), all: samples[n].ms }]));
}

/** A loopback server answering every request with one fixed SCIM ListResponse. */
export async function fixedServer() {
  const body = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { base: `http://127.0.0.1:${server.address().port}/scim/v2`, close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }) };
}

/** One row as soon as it is measured (stderr), so a long run that is stopped still leaves its figures. */
export function logRow(r) {
  process.stderr.write(`  => ${r.measure}: ${r.value} vs ${r.baseline}, ratio ${r.ratio.toFixed(2)} (target ≤ ${r.target})\n`);
}

/** Rows of the closing table: { measure, value, baseline, ratio, target } with ratio ≤ target to pass. */
export function printTable(rows) {
  const head = ['measure', 'value', 'baseline', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.measure, r.value, r.baseline, r.ratio.toFixed(2), `≤ ${r.target}`, r.ratio <= r.target ? 'yes' : 'NO']);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => String(c[i]).length)));
  const line = (c) => `| ${c.map((x, i) => String(x).padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`);
  for (const c of cells) console.log(line(c));
  const missed = rows.filter((r) => !(r.ratio <= r.target));
  if (missed.length > 0) {
    console.log(`\n${missed.length} of ${rows.length} targets missed`);
    process.exitCode = 1;
  } else {
    console.log(`\nall ${rows.length} targets met`);
  }
}

export const ms = (x) => `${x.toFixed(1)} ms`;
export const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
