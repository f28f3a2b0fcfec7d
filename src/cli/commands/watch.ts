// `scim-check watch`: a judging reverse proxy between Okta and a SCIM app. Every exchange is forwarded unchanged,
// recognised as one of Okta's calls and judged with the built-in suites' expectations; Ctrl-C prints the
// per-feature summary and exits with the codes `run` uses.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { prepareSchemas } from '../../assert/index.js';
import type { ConfigFile } from '../../config/config-file.js';
import { resolveTarget } from '../../config/resolve-target.js';
import type { TargetFlags } from '../../config/resolve-target.js';
import { UsageError } from '../../errors.js';
import { secretsOf } from '../../http/auth.js';
import { redactText } from '../../http/redact.js';
import type { Target } from '../../http/types.js';
import { formatSummary } from '../../report/format-summary.js';
import type { ReporterSpec } from '../../report/index.js';
import { MACHINE_REPORTERS, parseReporterSpec } from '../../report/index.js';
import type { Style } from '../../report/style.js';
import type { Plan, RunSummary } from '../../runner/types.js';
import type { Level, Profile, Suite } from '../../suite/types.js';
import { TOOL } from '../../version.js';
import { resolveCatalogue } from '../../watch/catalogue.js';
import type { KnownCall } from '../../watch/catalogue.js';
import { writeSessionHar } from '../../watch/har-file.js';
import { erroredSeen, judgeSeen } from '../../watch/live.js';
import { startProxy } from '../../watch/proxy.js';
import { formatSeen, Session } from '../../watch/session.js';
import { exitCodeFor } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import { loadStyle } from '../style.js';
import { openSinks } from '../output-sinks.js';
import { newRunId } from '../run-api.js';

export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

export interface WatchFlags {
  target?: string | undefined;
  host?: string | undefined;
  port?: string | undefined;
  har?: string | undefined;
  profile?: string | undefined;
  level?: string | undefined;
  config?: string | undefined;
  reporter?: string[] | undefined;
  expectTokenFile?: string | undefined;
  maxRequestBytes?: string | undefined;
  timeout?: string | undefined;
  insecure?: boolean | undefined;
  ca?: string | undefined;
  proxy?: string | undefined;
  maxResponseBytes?: string | undefined;
}

/** What watch and replay share: the built-in suites as Okta's catalogue, the profile and the gate. */
export interface Judging {
  calls: KnownCall[];
  suites: Suite[];
  profile: Profile;
  gate: Level;
}

export async function loadJudging(flags: { profile?: string | undefined; level?: string | undefined; config?: string | undefined }, io: CliIo): Promise<Judging & { config: ConfigFile | undefined }> {
  // The built-in suites only: they are the catalogue of Okta's calls (a suite file of one's own is not).
  const inputs = await loadInputs({ profile: flags.profile, level: flags.level, config: flags.config, suites: [] }, io.cwd, io.env);
  const { calls } = resolveCatalogue(inputs.suites);
  if (calls.some((c) => c.step.expect.some((e) => e.schema !== undefined))) await prepareSchemas();
  return { calls, suites: inputs.suites, profile: inputs.profile, gate: inputs.gate, config: inputs.config };
}

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new UsageError('usage.badNumber', 'Invalid value', `${flag} ${text}: expected a whole number`);
  return n;
}

/** Reporter specs without pretty (the session prints its own human lines); pretty=FILE is not offered here. */
export function machineSpecs(reporter: string[] | undefined): ReporterSpec[] {
  const specs = (reporter ?? []).map(parseReporterSpec).filter((s) => s.name !== 'pretty');
  return specs;
}

/** Where human lines go: stdout, unless a machine reporter writes its document there. */
export async function humanWriter(specs: ReporterSpec[], io: CliIo): Promise<{ write: (text: string) => void; style: Style }> {
  const stdoutTaken = specs.some((s) => s.file === undefined && MACHINE_REPORTERS.includes(s.name));
  return { write: stdoutTaken ? io.stderr : io.stdout, style: await loadStyle(io.terminal.colorLevel) };
}

/** Runs the machine reporters on a summary and writes their files. */
export async function writeReports(specs: ReporterSpec[], summary: RunSummary, profile: Profile, io: CliIo): Promise<void> {
  if (specs.length === 0) return;
  const sinks = await openSinks(specs, io);
  // A session has no plan of steps; reporters that read the plan (the HTML one shows the profile) get its frame.
  const plan: Plan = { runId: summary.runId, baseUrl: summary.baseUrl, profile, gate: summary.gate, suites: [], notices: summary.notices };
  try {
    for (const reporter of sinks.reporters) reporter.onRunStart?.(plan);
    for (const reporter of sinks.reporters) await reporter.onRunEnd?.(summary, summary.reason);
  } finally {
    sinks.close();
  }
}

async function readExpectedToken(flags: WatchFlags, cwd: string): Promise<string> {
  if (flags.expectTokenFile === undefined) {
    throw new UsageError('usage.missingExpectToken', 'Missing --expect-token-file', 'watch needs --expect-token-file FILE: the token Okta sends (the one configured in the app\'s Provisioning settings), so the exposed proxy refuses everyone else');
  }
  let text: string;
  try {
    text = (await readFile(resolve(cwd, flags.expectTokenFile), 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError('input.notFound', 'Token file not readable', `--expect-token-file ${flags.expectTokenFile}: ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}`);
  }
  if (text.length < 8) throw new UsageError('input.emptySecret', 'Token too short', `--expect-token-file ${flags.expectTokenFile}: the token is empty or shorter than 8 characters`);
  return text;
}

/** Target options as `run` resolves them, minus credentials: watch relays Okta's own Authorization. */
export async function watchTarget(flags: TargetFlags, io: CliIo, config: ConfigFile | undefined): Promise<{ target: Target; secrets: string[]; warnings: string[]; notices: string[] }> {
  const { target, warnings, notices } = await resolveTarget({ flags, env: io.env, cwd: io.cwd, config });
  return { target: { ...target, auth: { kind: 'none' }, headers: {} }, secrets: secretsOf(target), warnings, notices };
}

function waitForAbort(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolveAbort) => signal.addEventListener('abort', () => resolveAbort(), { once: true }));
}

export async function watchCommand(flags: WatchFlags, io: CliIo): Promise<number> {
  const specs = machineSpecs(flags.reporter);
  const judging = await loadJudging(flags, io);
  const expectedToken = await readExpectedToken(flags, io.cwd);
  const host = flags.host ?? '127.0.0.1';
  const port = positive(flags.port, '--port', 8080);
  if (port > 65535) throw new UsageError('usage.badNumber', 'Invalid value', `--port ${flags.port ?? ''}: expected 0 to 65535`);
  const maxRequestBytes = positive(flags.maxRequestBytes, '--max-request-bytes', DEFAULT_MAX_REQUEST_BYTES);
  const { target, secrets: targetSecrets, warnings, notices } = await watchTarget(
    { baseUrl: flags.target, timeout: flags.timeout, insecure: flags.insecure, ca: flags.ca, proxy: flags.proxy, maxResponseBytes: flags.maxResponseBytes },
    io,
    judging.config,
  );
  const secrets = [...new Set([expectedToken, ...targetSecrets])].sort((a, b) => b.length - a.length);
  const { write, style } = await humanWriter(specs, io);
  for (const warning of warnings) io.stderr(`${warning}\n`);
  if (host !== '127.0.0.1' && host !== '::1' && host !== 'localhost') io.stderr(`warning: listening on ${host}, not only loopback; anyone who can reach it and holds the token can provision through it\n`);

  const session = new Session();
  const proxy = await startProxy({
    host,
    port,
    target,
    expectedToken,
    maxRequestBytes,
    secrets,
    hardSignal: io.hardSignal,
    onEvent: (event) => {
      if (event.kind === 'refused') {
        session.refused.push(event);
        write(`${style.dim(new Date().toISOString().slice(11, 19))}  ${style.yellow(`refused ${event.status}`)}  ${event.method} ${event.path}: ${event.reason}\n`);
        return;
      }
      const seq = session.next();
      const seen = event.kind === 'exchange' ? judgeSeen(judging.calls, judging.gate, seq, event.live, event.exchange) : erroredSeen(judging.calls, seq, event.live, event.error, event.durationMs);
      // The path and query are shown as Okta sent them; a secret in them (a token in a query) is not.
      seen.target = redactText(seen.target, secrets);
      session.add(seen);
      write(formatSeen(seen, style));
    },
  });
  write(`${style.bold('scim-check watch')} ${TOOL.version} · listening on ${proxy.url} · forwarding to ${target.baseUrl} · profile ${judging.profile.id} · gate ${judging.gate}\n`);
  write(style.dim('Point Okta (through your tunnel) at this address; each exchange is judged as it happens. Ctrl-C prints the summary.\n'));
  for (const notice of notices) write(`${style.yellow(notice)}\n`);

  await waitForAbort(io.signal);
  await proxy.close();
  const summary = session.summary({ runId: newRunId(), baseUrl: target.baseUrl, profile: judging.profile, suites: judging.suites, gate: judging.gate, notices });
  write(`\n${formatSummary(summary, style)}`);
  if (flags.har !== undefined) {
    const entries = session.harEntries();
    await writeSessionHar(resolve(io.cwd, flags.har), entries, target.baseUrl, { name: 'scim-check watch', version: TOOL.version }, secrets);
    io.stderr(`HAR with ${entries.length} exchange(s) written to ${flags.har}\n`);
  }
  await writeReports(specs, summary, judging.profile, io);
  // Ctrl-C is how a watch ends, so it is not an interruption: the verdicts decide the code, as for `run`.
  return io.hardSignal.aborted ? 130 : exitCodeFor(summary);
}
