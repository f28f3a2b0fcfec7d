// `scim-check replay FILE.har`: sends a recorded session again to a target (fresh unique values, ids mapped),
// judges each exchange as `watch` does, cleans up what it created, and exits with the codes `run` uses.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveTarget } from '../../config/resolve-target.js';
import type { TargetFlags } from '../../config/resolve-target.js';
import { ExitCode, ScimCheckError } from '../../errors.js';
import { formatSummary } from '../../report/format-summary.js';
import { TOOL } from '../../version.js';
import { parseHar, replaySession } from '../../watch/replay.js';
import { formatSeen, Session } from '../../watch/session.js';
import { exitCodeFor } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { humanWriter, loadJudging, machineSpecs, writeReports } from './watch.js';
import { newRunId } from '../run-api.js';

export interface ReplayFlags extends TargetFlags {
  har: string;
  profile?: string | undefined;
  level?: string | undefined;
  config?: string | undefined;
  reporter?: string[] | undefined;
}

export async function replayCommand(flags: ReplayFlags, io: CliIo): Promise<number> {
  const specs = machineSpecs(flags.reporter);
  const judging = await loadJudging(flags, io);
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, flags.har), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ScimCheckError({ code: 'input.notFound', exitCode: ExitCode.INVALID_INPUT, title: 'HAR file not readable', detail: `${flags.har}: ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}` });
  }
  const calls = parseHar(text, flags.har);
  if (calls.length === 0) throw new ScimCheckError({ code: 'input.badHar', exitCode: ExitCode.INVALID_INPUT, title: 'Empty HAR file', detail: `${flags.har}: no entries to replay` });
  const { target, warnings, notices } = await resolveTarget({ flags, env: io.env, cwd: io.cwd, config: judging.config, profileBaseUrl: judging.profile.baseUrl });
  const { write, style } = await humanWriter(specs, io);
  for (const warning of warnings) io.stderr(`${warning}\n`);
  const runId = newRunId();
  for (const notice of notices) write(`${style.yellow(notice)}\n`);
  write(`${style.bold('scim-check replay')} ${TOOL.version} · ${flags.har} (${calls.length} request(s)) → ${target.baseUrl} · profile ${judging.profile.id} · run ${runId}\n`);

  const session = new Session();
  const { createUndiciTransport } = await import('../../http/undici-transport.js');
  const http = createUndiciTransport(target);
  let result;
  try {
    result = await replaySession({
      calls,
      baseUrl: target.baseUrl,
      transport: http.transport,
      judging,
      runId,
      signal: io.signal,
      hardSignal: io.hardSignal,
      onSeen: (seen) => {
        session.add(seen);
        write(formatSeen(seen, style));
      },
    });
  } finally {
    await http.close();
  }
  const fallbacks = result.cleanup.filter((c) => c.outcome === 'fallback');
  if (fallbacks.length > 0) notices.push(`${fallbacks.length} resource(s) could not be deleted and were deactivated instead; they remain on the server, named scim-check-${runId}-…`);
  const summary = session.summary({ runId, baseUrl: target.baseUrl, profile: judging.profile, suites: judging.suites, gate: judging.gate, notices, cleanup: result.cleanup, interrupted: result.interrupted });
  write(`\n${formatSummary(summary, style)}`);
  await writeReports(specs, summary, judging.profile, io);
  return exitCodeFor(summary);
}
