// `scim-check demo`: the reference server on a free loopback port, every built-in suite against it, then stop.
import { resolveTarget } from '../../config/resolve-target.js';
import { buildPlan } from '../../runner/index.js';
import { TOOL } from '../../version.js';
import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import { reporterSpecs } from '../output-sinks.js';
import { executePlan, newRunId } from '../run-api.js';

export async function demoCommand(flags: { profile?: string; reporter?: string[] }, io: CliIo): Promise<number> {
  const profileName = flags.profile ?? 'okta';
  const inputs = await loadInputs({ profile: profileName, config: undefined }, io.cwd, io.env);
  const specs = reporterSpecs({ reporter: flags.reporter }, io.env);
  const { startServer } = await import('../../server/index.js');
  const emulate = profileName === 'postman' ? { emulate: 'postman' as const } : {};
  const server = await startServer({ host: '127.0.0.1', port: 0, ...emulate });
  try {
    io.stderr(`${TOOL.name} demo: reference SCIM server${profileName === 'postman' ? ' (Postman emulation)' : ''} at ${server.baseUrl}\n`);
    // The demo server's token is generated here and never printed.
    const { target } = await resolveTarget({ flags: { baseUrl: server.baseUrl }, env: { SCIM_TOKEN: server.token }, cwd: io.cwd });
    const plan = buildPlan({ runId: newRunId(), baseUrl: target.baseUrl, profile: inputs.profile, suites: inputs.suites, gate: inputs.gate, selection: {}, notices: [] });
    return await executePlan(plan, target, specs, {}, io);
  } finally {
    await server.close();
  }
}
