import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'filter-hides-inactive',
  description: 'filter results leave out users with active false',
  oktaSymptom: 'unassign then reassign: the filter finds nothing, Okta POSTs and gets 409 Conflict (§2.3)',
  hooks: () => ({
    listMatches: (kind, matches, filterText) =>
      kind === 'User' && filterText !== undefined ? matches.filter((r) => r['active'] !== false) : matches,
  }),
});
