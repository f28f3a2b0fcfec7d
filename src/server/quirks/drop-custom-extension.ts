import { EXAMPLE_EXTENSION_SCHEMA } from '../resource-schemas.js';
import { defineQuirk } from '../quirk-hooks.js';
import { rewriteUsers } from './user-bodies.js';

export default defineQuirk({
  name: 'drop-custom-extension',
  description: `the custom extension (${EXAMPLE_EXTENSION_SCHEMA}: badgeNumber, …) is accepted with 2xx and silently dropped, though /Schemas advertises it`,
  oktaSymptom: 'none at the time: Okta shows the push of a mapped custom attribute as done, and the app never holds it (§2.4, §2.6)',
  hooks: () => ({
    answer: (op, answer) =>
      rewriteUsers(op, answer, (user) => {
        delete user[EXAMPLE_EXTENSION_SCHEMA];
        if (Array.isArray(user['schemas'])) user['schemas'] = user['schemas'].filter((s) => s !== EXAMPLE_EXTENSION_SCHEMA);
        return user;
      }),
  }),
});
