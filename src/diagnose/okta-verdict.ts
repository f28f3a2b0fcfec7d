// What Okta's "Test API Credentials" button would show, worded as Okta words it (okta-protocol.md §4.1).
// Only "Unauthorized" and "Connect timed out" have been seen in the field; every other wording is inferred.
import type { OktaVerdict } from './types.js';

const SUFFIX =
  'The connector configuration could not be tested. Make sure that the URL, Authentication Parameters are correct and that there is an implementation available at the URL provided.';

/** `Error authenticating: <reason>. The connector configuration could not be tested. …` */
export function oktaFailure(reason: string, wording: 'observed' | 'inferred'): OktaVerdict {
  return { passes: false, message: `Error authenticating: ${reason}. ${SUFFIX}`, wording };
}

export function oktaSuccess(): OktaVerdict {
  // The success banner names the app; the wording is from memory of the Admin Console, hence inferred.
  return { passes: true, message: '<App name> was verified successfully!', wording: 'inferred' };
}

/** The reason Okta puts in the message for a non-200 answer: the reason phrase, or "null" without one. */
export function reasonFor(status: number, statusText: string): OktaVerdict {
  const reason = statusText.trim() === '' ? 'null' : statusText.trim();
  return oktaFailure(reason, status === 401 && reason === 'Unauthorized' ? 'observed' : 'inferred');
}

export function connectFailure(host: string, port: number, address: string, timedOut: boolean): OktaVerdict {
  return oktaFailure(
    `Connect to ${host}:${port} [${host}/${address}] failed: ${timedOut ? 'Connect timed out' : 'Connection refused (Connection refused)'}`,
    timedOut ? 'observed' : 'inferred',
  );
}
