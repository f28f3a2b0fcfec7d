// The runner's contract: plan, run, and the result types reporters consume.
export { buildPlan, supportOf, whyNot } from './plan.js';
export type { PlanInput, Selection } from './plan.js';
export { runPlan } from './run-plan.js';
export type { RunPlanOptions } from './run-plan.js';
export { countsAtGate } from './run-step.js';
export type * from './types.js';
export type { Reporter } from './events.js';
