import { defineQuirk } from '../quirk-hooks.js';
import { rewriteUsers } from './user-bodies.js';

export default defineQuirk({
  name: 'drop-advertised',
  description: 'ims and roles, which /Schemas advertises as writable, are accepted with 2xx and silently dropped',
  oktaSymptom: 'none at the time: an admin who maps either attribute sees the push succeed, and the app never holds it (§2.4, §2.6)',
  hooks: () => ({
    answer: (op, answer) =>
      rewriteUsers(op, answer, (user) => {
        delete user['ims'];
        delete user['roles'];
        return user;
      }),
  }),
});
