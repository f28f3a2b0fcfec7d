// A profile's `fixtures:` applied to loaded suites: a request whose body came from a fixture the profile replaces
// sends the profile's body instead (Postman's names-only create, for example), with the suite's own keys on top.
import { ExitCode, ScimCheckError } from '../errors.js';
import { isPlainObject } from '../shared/is-plain-object.js';
import { escapePointerToken } from '../shared/json-pointer.js';
import { templateRefs } from './templates.js';
import type { Profile, RequestSpec, Suite } from './types.js';

const ALWAYS = new Set(['run', 'env', 'random', 'page']);

/**
 * Swaps the bodies in place. A key the suite writes beside `$fixture` is kept, except one that overrides an
 * attribute of the suite's fixture which the profile's fixture does not send: that app's Okta does not map it.
 * Returns an error for each template in a profile fixture that a suite using it has no value for.
 */
export function applyProfileFixtures(profile: Profile, suites: readonly Suite[]): ScimCheckError[] {
  const swaps = profile.fixtures ?? {};
  if (Object.keys(swaps).length === 0) return [];
  const errors: ScimCheckError[] = [];
  for (const suite of suites) {
    const roots = new Set([...ALWAYS, ...Object.keys(suite.vars), ...Object.keys(profile.vars), ...suite.steps.flatMap((s) => Object.keys(s.capture))]);
    const reported = new Set<string>();
    const swap = (request: RequestSpec): void => {
      const use = request.fixture;
      const replacement = use === undefined ? undefined : swaps[use.name];
      if (use === undefined || replacement === undefined || !isPlainObject(replacement.content)) return;
      const content = replacement.content;
      const kept = Object.fromEntries(Object.entries(use.overrides).filter(([k]) => !use.keys.includes(k) || Object.hasOwn(content, k)));
      request.body = { ...content, ...kept };
      for (const ref of templateRefs(Object.fromEntries(Object.entries(content).filter(([k]) => !Object.hasOwn(kept, k))), '')) {
        const root = ref.path[0];
        if (root === undefined || roots.has(root) || reported.has(`${use.name}:${root}`)) continue;
        reported.add(`${use.name}:${root}`);
        errors.push(new ScimCheckError({
          code: 'profile.fixtureTemplate',
          exitCode: ExitCode.INVALID_INPUT,
          title: 'Profile fixture does not fit a suite',
          detail: `fixture "${replacement.file}" uses ${ref.raw}, but suite ${suite.id} (${suite.file}), which sends "${use.name}", has no variable or capture "${root}"`,
          location: profile.locate(`/fixtures/${escapePointerToken(use.name)}`),
        }));
      }
    };
    for (const step of suite.steps) {
      swap(step.request);
      step.cleanup.forEach(swap);
    }
  }
  return errors;
}
