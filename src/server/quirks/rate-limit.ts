// A rate limiter that refuses the first request to each METHOD + path once, with three forms of Retry-After.
import { defineQuirk } from '../quirk-hooks.js';
import type { Answer, QuirkHooks } from '../quirk-hooks.js';

function limiter(retryAfter: () => string | undefined): QuirkHooks {
  const seen = new Set<string>();
  return {
    intercept: ({ method, path }): Answer | undefined => {
      const key = `${method} ${path}`;
      if (seen.has(key)) return undefined;
      seen.add(key);
      const value = retryAfter();
      const headers: Record<string, string> = value === undefined ? {} : { 'retry-after': value };
      const body = { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], detail: 'Too many requests; retry later.', status: '429' };
      return { status: 429, headers, body, contentType: 'application/scim+json; charset=utf-8' };
    },
  };
}

export const rateLimit = defineQuirk({
  name: 'rate-limit',
  description: 'the first request to each METHOD + path gets 429 with "Retry-After: 1"; the retry goes through',
  oktaSymptom: 'tasks show a rate-limit status and are retried after Retry-After seconds (§1.3)',
  hooks: () => limiter(() => '1'),
});

export const rateLimitHttpDate = defineQuirk({
  name: 'rate-limit-http-date',
  description: 'like rate-limit, but Retry-After is an HTTP-date, which Okta does not read',
  oktaSymptom: 'Okta ignores the date and waits 5 minutes, doubling each time: provisioning crawls (§1.3)',
  hooks: () => limiter(() => new Date(Date.now() + 1000).toUTCString()),
});

export const rateLimitNoRetryAfter = defineQuirk({
  name: 'rate-limit-no-retry-after',
  description: 'like rate-limit, but the 429 carries no Retry-After header',
  oktaSymptom: 'Okta waits its 5-minute default, doubling on each further 429 (§1.3)',
  hooks: () => limiter(() => undefined),
});
