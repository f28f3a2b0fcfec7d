// Decides which suites and steps run for a profile and the user's selection, and why the others do not.
import type { Level, Profile, Step, Suite } from '../suite/types.js';
import type { Plan, PlannedSuite } from './types.js';

export interface Selection {
  /** Matched against suite and step ids and titles. */
  grep?: RegExp | undefined;
  /** A step runs when it or its suite has at least one of these tags. */
  tags?: string[] | undefined;
  /** Only suites of these features. */
  features?: string[] | undefined;
  /** Only these `suite.step` ids (or whole suites by id). */
  only?: string[] | undefined;
  /** Skip every step that writes. */
  readOnly?: boolean | undefined;
}

export interface PlanInput {
  runId: string;
  baseUrl: string;
  profile: Profile;
  suites: Suite[];
  gate: Level;
  selection: Selection;
  notices: string[];
}

/** How the profile treats a suite's feature; suites without a feature always run. */
export function supportOf(suite: Suite, profile: Profile): 'on' | 'off' | 'unsupported' {
  if (suite.feature === undefined) return 'on';
  return profile.features[suite.feature] ?? 'off';
}

/** Why the profile leaves a step out (the feature is off, another variant, …), or undefined. */
export function profileReason(suite: Suite, step: Step, profile: Profile): string | undefined {
  const support = supportOf(suite, profile);
  if (support === 'off') return `feature ${suite.feature ?? ''} is off in profile ${profile.id}`;
  const when = step.when;
  const wanted = when?.support ?? 'on';
  if (wanted === 'on' && support === 'unsupported') {
    return `profile ${profile.id} declares ${suite.feature ?? ''} unsupported`;
  }
  if (wanted === 'unsupported' && support === 'on') return `runs only where ${suite.feature ?? ''} is declared unsupported`;
  if (when?.variant !== undefined && when.variant !== profile.variant) {
    return `only an ${when.variant === 'aiw' ? 'App Integration Wizard' : 'OIN catalog'} app sends this (profile ${profile.id} is ${profile.variant})`;
  }
  if (when?.features !== undefined && !when.features.some((f) => profile.features[f] === 'on')) {
    return `needs one of ${when.features.join(', ')} on in profile ${profile.id}`;
  }
  return undefined;
}

/** Why the user's selection (--read-only, --feature, --only, --tags, --grep) leaves a step out, or undefined. */
export function selectionReason(suite: Suite, step: Step, selection: Selection): string | undefined {
  if (selection.readOnly === true && step.writes) return `--read-only: it sends ${step.request.method}`;
  if (selection.features !== undefined && !selection.features.includes(suite.feature ?? '')) return 'not in --feature';
  if (selection.only !== undefined && !selection.only.some((o) => o === suite.id || o === `${suite.id}.${step.id}`)) {
    return 'not in --only';
  }
  if (selection.tags !== undefined && !selection.tags.some((t) => suite.tags.includes(t) || step.tags.includes(t))) {
    return 'no tag in --tags';
  }
  if (selection.grep !== undefined) {
    const grep = selection.grep;
    const texts = [suite.id, suite.title, step.id, step.title, `${suite.id}.${step.id}`];
    if (!texts.some((t) => grep.test(t))) return 'does not match --grep';
  }
  return undefined;
}

/** Why a step does not run, or undefined when it does. */
export function whyNot(suite: Suite, step: Step, profile: Profile, selection: Selection): string | undefined {
  return profileReason(suite, step, profile) ?? selectionReason(suite, step, selection);
}

/** Builds the plan; suites left with no step to run are dropped from `suites` but listed by `list`. */
export function buildPlan(input: PlanInput): Plan {
  const suites: PlannedSuite[] = input.suites.map((suite) => ({
    suite,
    steps: suite.steps.map((step) => {
      const byProfile = profileReason(suite, step, input.profile);
      if (byProfile !== undefined) return { stepId: step.id, runs: false, reason: byProfile };
      const bySelection = selectionReason(suite, step, input.selection);
      return bySelection === undefined ? { stepId: step.id, runs: true } : { stepId: step.id, runs: false, reason: bySelection, bySelection: true };
    }),
  }));
  return {
    runId: input.runId,
    baseUrl: input.baseUrl,
    profile: input.profile,
    gate: input.gate,
    suites,
    notices: input.notices,
  };
}
