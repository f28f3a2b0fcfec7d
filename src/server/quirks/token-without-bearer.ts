import { timingSafeEqual } from 'node:crypto';
import { defineQuirk } from '../quirk-hooks.js';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export default defineQuirk({
  name: 'token-without-bearer',
  description: 'the Authorization header must be the bare token; "Bearer <token>" gets 401',
  oktaSymptom: '"Error authenticating: Unauthorized" unless the admin types the token without "Bearer" (§1.2, §4.2)',
  hooks: () => ({
    authorize: (authorization, token) => authorization !== undefined && safeEqual(authorization.trim(), token),
    authHint: 'Authorization: <token>',
  }),
});
