// `scim-check list`: each suite and step with its level and whether it runs for the profile. Sends nothing.
import { ExitCode } from '../../errors.js';
import { buildPlan, supportOf } from '../../runner/plan.js';
import type { CliIo } from '../io.js';
import { loadInputs } from '../load-inputs.js';
import { loadStyle } from '../style.js';
import { selectionOf } from '../selection.js';
import type { RunFlags } from './run.js';

export async function listCommand(flags: RunFlags, io: CliIo): Promise<number> {
  const inputs = await loadInputs(flags, io.cwd, io.env);
  const style = await loadStyle(io.stdoutIsTTY ? io.terminal.colorLevel : 0);
  const plan = buildPlan({ runId: 'list', baseUrl: '', profile: inputs.profile, suites: inputs.suites, gate: inputs.gate, selection: selectionOf(flags), notices: [] });
  const { profile } = plan;
  const out: string[] = [`Profile ${profile.id}: ${profile.title} (variant ${profile.variant}); failures below ${inputs.gate} are warnings`];
  let runs = 0;
  let total = 0;
  for (const planned of plan.suites) {
    const { suite } = planned;
    const support = supportOf(suite, profile);
    const note = suite.feature === undefined ? '' : ` [${suite.feature}: ${support}]`;
    out.push('', `${style.bold(suite.id)}  ${suite.okta ?? suite.title}${note}  ${style.dim(suite.file)}`);
    if (support !== 'on' && suite.feature !== undefined && profile.notes[suite.feature] !== undefined) out.push(`  ${style.dim(profile.notes[suite.feature] ?? '')}`);
    const width = Math.max(...suite.steps.map((s) => s.id.length));
    for (const step of suite.steps) {
      const entry = planned.steps.find((s) => s.stepId === step.id);
      total += 1;
      if (entry?.runs === true) runs += 1;
      const mark = entry?.runs === true ? style.green('✓') : style.dim('-');
      const why = entry?.runs === true ? '' : style.dim(`  (not run: ${entry?.reason ?? ''})`);
      out.push(`  ${mark} ${step.id.padEnd(width)}  ${step.level.padEnd(11)}  ${step.writes ? 'writes' : 'reads '}  ${step.title}${why}`);
    }
  }
  out.push('', `${runs} of ${total} steps run for profile ${profile.id}.`);
  io.stdout(`${out.join('\n')}\n`);
  return ExitCode.OK;
}
