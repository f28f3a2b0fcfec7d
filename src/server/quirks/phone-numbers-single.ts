import { defineQuirk } from '../quirk-hooks.js';
import { rewriteUsers } from './user-bodies.js';

export default defineQuirk({
  name: 'phone-numbers-single',
  description: 'phoneNumbers, a multi-valued attribute, is returned as one object instead of an array (RFC 7643 §2.4, §4.1.2)',
  oktaSymptom: 'none in Okta; clients that read the user (imports, other IdPs) fail to parse or lose the other numbers (§2.2)',
  hooks: () => ({
    answer: (op, answer) =>
      rewriteUsers(op, answer, (user) => {
        const phones = user['phoneNumbers'];
        if (Array.isArray(phones) && phones.length > 0) user['phoneNumbers'] = phones[0];
        return user;
      }),
  }),
});
