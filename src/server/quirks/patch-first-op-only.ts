import { defineQuirk } from '../quirk-hooks.js';

export default defineQuirk({
  name: 'patch-first-op-only',
  description: 'a PATCH with several operations applies only the first (RFC 7644 §3.5.2 applies them all, in order)',
  oktaSymptom: 'Okta sends a password and other changes in one PATCH: all but the first are lost (§2.9, §2.11)',
  hooks: () => ({ patchOps: (_kind, ops) => ops.slice(0, 1) }),
});
