import { ENTERPRISE_SCHEMA } from '../resource-schemas.js';
import { defineQuirk } from '../quirk-hooks.js';
import { rewriteUsers } from './user-bodies.js';

export default defineQuirk({
  name: 'drop-enterprise',
  description: 'the enterprise extension (department, employeeNumber, …) is accepted with 2xx and silently dropped, though /Schemas advertises it',
  oktaSymptom: 'none at the time: Okta shows the push as done, and the app never holds the mapped department or employee number (§2.4, §2.6)',
  hooks: () => ({
    answer: (op, answer) =>
      rewriteUsers(op, answer, (user) => {
        delete user[ENTERPRISE_SCHEMA];
        if (Array.isArray(user['schemas'])) user['schemas'] = user['schemas'].filter((s) => s !== ENTERPRISE_SCHEMA);
        return user;
      }),
  }),
});
