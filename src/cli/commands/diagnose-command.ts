// Resolves the target for `diagnose` (same flags and precedence as `run`) and hands over to src/diagnose.
import { loadConfig } from '../load-inputs.js';
import { resolveTarget } from '../../config/resolve-target.js';
import type { TargetFlags } from '../../config/resolve-target.js';
import type { CliIo } from '../io.js';

export async function diagnoseCommand(flags: TargetFlags & { json?: boolean; har?: string; config?: string }, io: CliIo): Promise<number> {
  const config = await loadConfig({ config: flags.config }, io.cwd);
  const { target, warnings } = await resolveTarget({ flags, env: io.env, cwd: io.cwd, config });
  for (const warning of warnings) io.stderr(`${warning}\n`);
  const { createUndiciTransport } = await import('../../http/undici-transport.js');
  const { diagnose } = await import('./diagnose.js');
  const result = await diagnose(
    { target, json: flags.json === true, ...(flags.har === undefined ? {} : { harFile: flags.har }) },
    { stdout: io.stdout, stderr: io.stderr, transportFactory: (t) => createUndiciTransport(t), color: io.stdoutIsTTY && io.terminal.colorLevel > 0 },
  );
  return result.exitCode;
}
