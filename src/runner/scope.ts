// Variable scopes of a suite run: run info, env, suite and profile vars (expanded once), then captures.
import { createScope, expandTemplates } from '../suite/templates.js';
import type { TemplateScope } from '../suite/index.js';
import type { Profile, Suite } from '../suite/types.js';

export interface RunInfo {
  id: string;
  startedAt: string;
}

/** Holds one suite's variables; captures are added as steps produce them. */
export class SuiteScope {
  readonly #base: Record<string, unknown>;
  readonly captures = new Map<string, unknown>();

  constructor(suite: Suite, profile: Profile, run: RunInfo, env: Record<string, string | undefined>) {
    const base: Record<string, unknown> = { run: { ...run }, env: definedEnv(env) };
    // Profile vars replace suite vars key by key, so an app profile can change what a suite sends.
    const merged = { ...suite.vars, ...profile.vars };
    for (const [name, value] of Object.entries(merged)) {
      base[name] = expandTemplates(value, createScope(base));
    }
    this.#base = base;
  }

  /** A template scope over everything known so far, plus `extra` (e.g. the page of a paged step). */
  scope(extra: Record<string, unknown> = {}): TemplateScope {
    // Resolved by the first name, without copying the captures: a copy per call made each step cost O(captures).
    const base = this.#base;
    const captures = this.captures;
    return {
      lookup(path) {
        const head = path[0];
        if (head === undefined) return createScope({ ...base, ...Object.fromEntries(captures), ...extra }).lookup(path);
        const owner = Object.hasOwn(extra, head) ? extra : captures.has(head) ? { [head]: captures.get(head) } : base;
        return createScope(owner).lookup(path);
      },
    };
  }

  has(name: string): boolean {
    return this.captures.has(name) || Object.hasOwn(this.#base, name);
  }
}

function definedEnv(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
