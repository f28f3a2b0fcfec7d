// `scim-check diagnose`: runs the connectivity ladder against one target and prints it for a human or as JSON,
// optionally writing every exchange as HAR. Nothing it prints may contain a secret.
import { writeFile } from 'node:fs/promises';
import { loadConfig } from '../load-inputs.js';
import { resolveTarget } from '../../config/resolve-target.js';
import type { TargetFlags } from '../../config/resolve-target.js';
import type { CliIo } from '../io.js';
import { secretsOf } from '../../http/auth.js';
import { redactText } from '../../http/redact.js';
import type { Exchange, Target, Transport } from '../../http/types.js';
import { ExitCode, UsageError } from '../../errors.js';
import { renderDiagnose } from '../../diagnose/render-diagnose.js';
import { runDiagnose } from '../../diagnose/run-diagnose.js';
import type { DiagnoseReport } from '../../diagnose/types.js';

export interface DiagnoseOptions {
  target: Target;
  json: boolean;
  harFile?: string;
}

export interface DiagnoseIo {
  stdout(s: string): void;
  stderr(s: string): void;
  transportFactory: (t: Target) => { transport: Transport; close(): Promise<void> };
  color: boolean;
}

/** Every secret the ladder may send: the target's, plus the bare token it tries in other forms. */
function allSecrets(target: Target): string[] {
  const found = new Set(secretsOf(target));
  const auth = target.auth;
  const raw = auth.kind === 'bearer' ? auth.token : auth.kind === 'header' ? auth.value : undefined;
  const bare = raw?.replace(/^(?:bearer\s+)+/i, '').trim();
  if (bare !== undefined && bare.length >= 4) found.add(bare);
  for (const value of Object.values(target.headers)) {
    const v = value.replace(/^(?:bearer\s+)+/i, '').trim();
    if (v.length >= 4) found.add(v);
  }
  return [...found].sort((a, b) => b.length - a.length);
}

/**
 * Diagnoses why Okta's "Test API Credentials" would fail against `options.target`.
 * exitCode: 0 when Okta's test would pass, 1 when it would fail.
 */
export async function diagnose(options: DiagnoseOptions, io: DiagnoseIo): Promise<{ exitCode: number; report: DiagnoseReport }> {
  const secrets = allSecrets(options.target);
  const exchanges: Exchange[] = [];
  const report = await runDiagnose(options.target, {
    transportFactory: io.transportFactory,
    onExchange: (exchange) => exchanges.push(exchange),
  });
  // The transports already redact; this second pass also covers text we built ourselves (defence in depth).
  const safeReport = JSON.parse(redactText(JSON.stringify(report), secrets)) as DiagnoseReport;

  if (options.json) io.stdout(`${JSON.stringify(safeReport, null, 2)}\n`);
  else io.stdout(redactText(renderDiagnose(safeReport, { color: io.color }), secrets));

  // Written after the report is printed, so an unwritable path does not cost the diagnosis.
  if (options.harFile !== undefined) {
    const { toHar } = await import('../../http/har.js');
    const har = toHar(exchanges, { name: 'scim-check diagnose', version: '1' });
    try {
      await writeFile(options.harFile, `${redactText(JSON.stringify(har, null, 2), secrets)}\n`);
    } catch (err) {
      const code = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : 'error';
      throw new UsageError('usage.harFile', 'Cannot write the HAR file', `--har ${options.harFile}: ${code}`);
    }
    io.stderr(`HAR with ${exchanges.length} exchange(s) written to ${options.harFile}\n`);
  }

  return { exitCode: safeReport.exitCode, report: safeReport };
}

/** `diagnose`'s options as commander hands them over. */
export interface DiagnoseFlags extends TargetFlags {
  json?: boolean | undefined;
  har?: string | undefined;
  config?: string | undefined;
}

/** Resolves the target with the same flags and precedence as `run`, then walks the ladder. */
export async function diagnoseCommand(flags: DiagnoseFlags, io: CliIo): Promise<number> {
  const config = await loadConfig({ config: flags.config }, io.cwd);
  const { target, warnings, notices } = await resolveTarget({ flags, env: io.env, cwd: io.cwd, config });
  for (const line of [...warnings, ...notices]) io.stderr(`${line}\n`);
  const { createUndiciTransport } = await import('../../http/undici-transport.js');
  const { boundBy } = await import('../../diagnose/bound-factory.js');
  const result = await diagnose(
    { target, json: flags.json === true, ...(flags.har === undefined ? {} : { harFile: flags.har }) },
    // Ctrl-C ends the probe in flight and the rest at once: what the ladder learnt so far is still printed.
    { stdout: io.stdout, stderr: io.stderr, transportFactory: boundBy((t) => createUndiciTransport(t), io.signal), color: io.stdoutIsTTY && io.terminal.colorLevel > 0 },
  );
  if (io.signal.aborted) {
    io.stderr('Interrupted: the probe in flight and every later one were cut short.\n');
    return ExitCode.INTERRUPTED;
  }
  return result.exitCode;
}
