// What the server declares in /ServiceProviderConfig (RFC 7643 §5), read once per run, and what that means for a
// step that needs a capability: excused as "unsupported, as declared" with its Okta consequence, failed when the
// profile cannot do without it, or run; and a declaration the server then does not honour is reported.
import type { Check } from '../assert/types.js';
import type { Transport } from '../http/types.js';
import type { Capability, Profile, Step, Suite } from '../suite/types.js';
import { CAPABILITIES } from '../suite/types.js';
import { sendWithRetry } from './rate-limit.js';
import { requestUrl } from './request-url.js';

export interface Capabilities {
  /** Capability → its `supported` value; absent when the server did not say (or the document was unreadable). */
  declared: Partial<Record<Capability, boolean>>;
  /** Why nothing is known, when the document could not be read: every step then runs as if all were supported. */
  unreadable?: string | undefined;
}

/** What each declared limit means for an Okta admin (docs/okta-protocol.md §1.3, §2). */
export const CONSEQUENCE: Record<Capability, string> = {
  changePassword: 'do not enable Sync Password for this app: Okta would send password changes the server refuses',
  patch: 'an OIN app cannot deactivate users, sync passwords or change groups, since Okta sends those as PATCH; an App Integration Wizard app (PUT) can',
  filter: 'Okta cannot look a user up before creating it, so every assignment creates a new account',
  etag: 'none: Okta sends no If-Match or If-None-Match',
  bulk: 'none: Okta sends no Bulk requests',
  sort: 'none: Okta never asks for sorted lists',
};

/** True when some step that runs depends on a declaration, so the document is worth a request. */
export function needsCapabilities(steps: Iterable<Step>): boolean {
  for (const step of steps) if (step.when?.capability !== undefined || step.when?.declared !== undefined) return true;
  return false;
}

/** Reads /ServiceProviderConfig once, with Okta's headers; never throws for what the target answers. */
export async function readCapabilities(transport: Transport, baseUrl: string, signal: AbortSignal): Promise<Capabilities> {
  const headers = { 'User-Agent': 'Okta SCIM Client 1.0.0', Accept: 'application/scim+json', 'Accept-Charset': 'utf-8' };
  try {
    const exchange = await sendWithRetry(transport, { method: 'GET', url: requestUrl(baseUrl, '/ServiceProviderConfig', undefined, undefined), headers }, signal, []);
    const json = exchange.response.json;
    if (exchange.response.status !== 200 || typeof json !== 'object' || json === null) {
      return { declared: {}, unreadable: `GET /ServiceProviderConfig answered ${exchange.response.status} without a JSON document` };
    }
    const declared: Partial<Record<Capability, boolean>> = {};
    for (const name of CAPABILITIES) {
      const entry = (json as Record<string, unknown>)[name];
      const supported = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>)['supported'] : undefined;
      if (typeof supported === 'boolean') declared[name] = supported;
    }
    return { declared };
  } catch {
    // A transport failure here shows again, with its cause, on the first step that sends.
    return { declared: {}, unreadable: 'GET /ServiceProviderConfig could not be completed' };
  }
}

export type CapabilityDecision =
  | { kind: 'run' }
  /** Declared unsupported and the profile can do without: the step is not sent. */
  | { kind: 'unsupported'; reason: string }
  /** Declared unsupported but the profile needs it: the step fails with this check. */
  | { kind: 'fail'; reason: string }
  /** `when.declared` does not hold: the step does not apply to this server. */
  | { kind: 'skip'; reason: string };

/** Decides a step from the server's declarations and the profile's needs. */
export function decideCapability(step: Step, capabilities: Capabilities, profile: Profile): CapabilityDecision {
  const wanted = step.when?.declared;
  if (wanted !== undefined) {
    for (const [name, value] of Object.entries(wanted) as Array<[Capability, boolean]>) {
      if (capabilities.declared[name] !== value) {
        const got = capabilities.declared[name];
        return { kind: 'skip', reason: `applies only when /ServiceProviderConfig declares ${name}.supported ${value} (it declares ${got === undefined ? 'nothing' : got})` };
      }
    }
  }
  const needed = step.when?.capability;
  if (needed === undefined || capabilities.declared[needed] !== false) return { kind: 'run' };
  const declared = `/ServiceProviderConfig declares ${needed}.supported false`;
  if (profile.needs?.includes(needed) === true) {
    return { kind: 'fail', reason: `${declared}, but profile ${profile.id} needs ${needed}: ${CONSEQUENCE[needed]}` };
  }
  return { kind: 'unsupported', reason: `${declared}; ${CONSEQUENCE[needed]}` };
}

/** The failed check of a step whose needed capability is declared unsupported. */
export function declaredCheck(suite: Suite, step: Step, reason: string, passed: boolean): Check {
  return {
    kind: 'body',
    pointer: `/${step.when?.capability ?? ''}/supported`,
    expected: true,
    actual: !passed,
    passed,
    level: step.level,
    message: reason,
    why: 'RFC 7643 §5: a service provider declares in /ServiceProviderConfig which optional features it supports',
    location: suite.locate(`${step.pointer}/when`),
  };
}

/** A step that needs a capability the server declares and then fails: the declaration is not honoured. */
export function dishonouredCheck(suite: Suite, step: Step, capabilities: Capabilities): Check | undefined {
  const needed = step.when?.capability;
  if (needed === undefined || capabilities.declared[needed] !== true) return undefined;
  return {
    kind: 'body',
    pointer: `/${needed}/supported`,
    expected: `${needed} to work as declared`,
    actual: 'refused',
    passed: false,
    level: step.level,
    message: `/ServiceProviderConfig declares ${needed}.supported true, but the server did not honour it in this step`,
    why: 'RFC 7643 §5: what /ServiceProviderConfig declares is what clients rely on',
    hint: `either make ${needed} work or declare ${needed}.supported false, and then ${CONSEQUENCE[needed]}`,
    location: suite.locate(`${step.pointer}/when`),
  };
}
