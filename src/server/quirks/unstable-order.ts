import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'unstable-order',
  description: 'list pages come in a different order on every request (alternately reversed)',
  oktaSymptom: 'imports page with startIndex, so users are skipped or imported twice (§1.3, §2.2)',
  hooks: () => {
    let lists = 0;
    return {
      listMatches: (_kind, matches) => (++lists % 2 === 0 ? [...matches].reverse() : matches),
    };
  },
});
