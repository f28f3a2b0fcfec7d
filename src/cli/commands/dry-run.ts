// `run --dry-run`: every request exactly as it would go out (templated, secrets shown redacted), nothing sent.
import { ExitCode } from '../../errors.js';
import { redactRequest, secretsOf } from '../../http/index.js';
import type { Target } from '../../http/types.js';
import { SuiteScope } from '../../runner/scope.js';
import { expandRequest } from '../../runner/run-step.js';
import type { Plan } from '../../runner/types.js';
import type { TemplateScope } from '../../suite/index.js';
import type { CliIo } from '../io.js';

/** Values only a live run knows (captures) print as <name>. */
class DryScope extends SuiteScope {
  override scope(extra: Record<string, unknown> = {}): TemplateScope {
    const real = super.scope(extra);
    return {
      lookup(path) {
        const found = real.lookup(path);
        return found.found ? found : { found: true, value: `<${path.join('.')}>` };
      },
    };
  }
}

function authLine(target: Target): string | undefined {
  switch (target.auth.kind) {
    case 'bearer':
      return 'Authorization: Bearer [REDACTED]';
    case 'header':
      return 'Authorization: [REDACTED] (sent verbatim)';
    case 'basic':
      return `Authorization: Basic [REDACTED] (user ${target.auth.username})`;
    case 'none':
      return undefined;
  }
}

export function printDryRun(plan: Plan, target: Target, io: CliIo): number {
  const out: string[] = [`Dry run: nothing is sent. Run ${plan.runId} against ${plan.baseUrl}, profile ${plan.profile.id} (${plan.profile.variant}).`, ...plan.notices];
  const auth = authLine(target);
  const secrets = secretsOf(target);
  const extra = Object.keys(target.headers).map((name) => `${name}: [REDACTED]`);
  run: for (const planned of plan.suites) {
    const running = planned.steps.filter((s) => s.runs);
    if (running.length === 0) continue;
    const suite = planned.suite;
    out.push('', `${suite.okta ?? suite.title} (${suite.id})`);
    const scope = new DryScope(suite, plan.profile, { id: plan.runId, startedAt: new Date().toISOString() }, io.env);
    for (const step of suite.steps) {
      if (!running.some((r) => r.stepId === step.id)) continue;
      out.push(`  ${suite.id} › ${step.id}: ${step.title}`);
      const page = step.paging === undefined ? undefined : ([['startIndex', '1'], ['count', String(step.paging.count)]] as Array<[string, string]>);
      const request = redactRequest(expandRequest(step.request, { scope, baseUrl: plan.baseUrl }, page === undefined ? {} : { page: { startIndex: 1, count: step.paging?.count } }, page), secrets);
      out.push(`    ${request.method} ${request.url}${step.paging === undefined ? '' : '   (then further pages)'}`);
      const named = Object.keys(request.headers).map((h) => h.toLowerCase());
      for (const [name, value] of Object.entries(request.headers)) out.push(`    ${name}: ${value}`);
      if (auth !== undefined && !named.includes('authorization')) out.push(`    ${auth}`);
      for (const line of extra) out.push(`    ${line}`);
      if (request.body !== undefined) out.push(`    ${request.body}`);
      if (io.signal.aborted) break run;
    }
  }
  io.stdout(`${out.join('\n')}\n`);
  return ExitCode.OK;
}
