// Okta's calls, as the built-in suites replay them: each entry names the suite step whose request is Okta's call
// and whose expectations judge the answer. Order matters: the first entry a request fits wins, so narrower shapes
// (a PUT that deactivates) come before wider ones (any PUT of a user).
import type { Step, Suite } from '../suite/types.js';

export interface CatalogueEntry {
  suite: string;
  step: string;
  /** How the body is compared: `strict` (PATCH operations tell calls apart), `bind` (any body), `ignore`. */
  body: 'strict' | 'bind' | 'ignore';
  /** JSON pointers into the live body that must hold these values (`undefined`: only present). */
  requires?: Array<[pointer: string, value: unknown]> | undefined;
  /**
   * Another step of the same suite with the same request, judged instead when the answer's JSON has a value at
   * `when` (a look-up may find the user or not; each outcome has its own step).
   */
  alternative?: { step: string; when: string } | undefined;
}

export const OKTA_CALLS: readonly CatalogueEntry[] = [
  // Test API Credentials, and the group list Okta adds to it (also Refresh App Groups and the first import page).
  { suite: 'test-credentials', step: 'users', body: 'ignore' },
  { suite: 'test-credentials', step: 'groups', body: 'ignore' },
  // Import paging (the first /Groups page is the credentials call above, which expects the same).
  { suite: 'users.import', step: 'import', body: 'ignore' },
  { suite: 'groups.import', step: 'import', body: 'ignore' },
  // Users.
  { suite: 'users.create', step: 'lookup', body: 'ignore', alternative: { step: 'lookup-exact', when: '/Resources/0' } },
  { suite: 'users.create', step: 'create', body: 'bind' },
  { suite: 'users.update', step: 'get', body: 'ignore' },
  { suite: 'users.deactivate', step: 'aiw-put-deactivate', body: 'bind', requires: [['/active', false]] },
  { suite: 'users.password', step: 'aiw-put-password', body: 'bind', requires: [['/password', undefined]] },
  { suite: 'users.update', step: 'put', body: 'bind' },
  { suite: 'users.deactivate', step: 'deactivate', body: 'strict' },
  { suite: 'users.deactivate', step: 'reactivate', body: 'strict' },
  { suite: 'users.password', step: 'patch-password', body: 'strict' },
  { suite: 'users.update', step: 'patch', body: 'ignore' },
  // Groups.
  { suite: 'groups.push', step: 'lookup', body: 'ignore' },
  { suite: 'groups.push', step: 'create', body: 'bind' },
  { suite: 'groups.push', step: 'aiw-get-add', body: 'ignore' },
  { suite: 'groups.push', step: 'add-members', body: 'strict' },
  { suite: 'groups.push', step: 'remove-member', body: 'strict' },
  { suite: 'groups.push', step: 'replace-empty', body: 'strict' },
  { suite: 'groups.push', step: 'rename', body: 'strict' },
  // Any other group PATCH (a replace of a non-empty member list, several operations): Okta expects 200 or 204.
  { suite: 'groups.push', step: 'add-members', body: 'ignore' },
  { suite: 'groups.push', step: 'aiw-put-add', body: 'bind' },
  { suite: 'groups.push', step: 'delete', body: 'ignore' },
  // Discovery (Okta itself never calls these, but a customer's tooling might).
  { suite: 'discovery', step: 'service-provider-config', body: 'ignore' },
  { suite: 'discovery', step: 'resource-types', body: 'ignore' },
  { suite: 'discovery', step: 'schemas', body: 'ignore' },
];

/** One catalogue entry with its loaded suite and steps. */
export interface KnownCall {
  entry: CatalogueEntry;
  suite: Suite;
  step: Step;
  alternative?: { step: Step; when: string } | undefined;
}

/**
 * Resolves the catalogue against the loaded suites. A suite or step that is missing (a trimmed install, a renamed
 * step) drops its entries; the returned names say which, so a test can insist on none.
 */
export function resolveCatalogue(suites: readonly Suite[]): { calls: KnownCall[]; missing: string[] } {
  const byId = new Map(suites.map((s) => [s.id, s]));
  const calls: KnownCall[] = [];
  const missing: string[] = [];
  for (const entry of OKTA_CALLS) {
    const suite = byId.get(entry.suite);
    const step = suite?.steps.find((s) => s.id === entry.step);
    if (suite === undefined || step === undefined) {
      missing.push(`${entry.suite} › ${entry.step}`);
      continue;
    }
    const other = entry.alternative === undefined ? undefined : suite.steps.find((s) => s.id === entry.alternative?.step);
    if (entry.alternative !== undefined && other === undefined) missing.push(`${entry.suite} › ${entry.alternative.step}`);
    calls.push({ entry, suite, step, alternative: other === undefined || entry.alternative === undefined ? undefined : { step: other, when: entry.alternative.when } });
  }
  return { calls, missing };
}
