import { notFound } from '../scim-http-error.js';
import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'filter-404',
  description: 'a filter that matches nothing answers 404 + SCIM Error instead of 200 with totalResults 0',
  oktaSymptom: 'Okta tolerates it, but the OIN SPEC test "Test invalid User by username" fails (§2.3)',
  hooks: () => ({
    listMatches: (kind, matches, filterText) => {
      if (filterText !== undefined && matches.length === 0) throw notFound(`No ${kind} matches the filter ${filterText}.`);
      return matches;
    },
  }),
});
