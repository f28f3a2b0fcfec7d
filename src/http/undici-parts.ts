// The parts of undici a run uses: Agent, ProxyAgent, Dispatcher#request and #connect (the proxy tunnel). undici's index loads about 110 files
// (fetch, mocks, caches, interceptors); these need 29, which saves tens of ms at the start of every run. ProxyAgent
// (with its SOCKS files) and #connect load only when a run goes through a proxy.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

interface Parts {
  Agent: typeof Undici.Agent;
  buildConnector: typeof Undici.buildConnector;
}

/** Set when undici's files are not where this version keeps them: then its index is used, at the old cost. */
let whole: (Parts & { ProxyAgent: typeof Undici.ProxyAgent }) | undefined;

function load(): Parts {
  try {
    const Dispatcher = require('undici/lib/dispatcher/dispatcher') as { prototype: Record<string, unknown> };
    // What undici's index does for every api method (Object.assign(Dispatcher.prototype, api)), for the one we call.
    Dispatcher.prototype['request'] ??= require('undici/lib/api/api-request') as unknown;
    return {
      Agent: require('undici/lib/dispatcher/agent') as Parts['Agent'],
      buildConnector: require('undici/lib/core/connect') as Parts['buildConnector'],
    };
  } catch {
    // A future undici that moves its files still works, at the old cost.
    whole = require('undici') as NonNullable<typeof whole>;
    return whole;
  }
}

export const { Agent, buildConnector } = load();

/** undici's ProxyAgent, loaded on first use. */
export function proxyAgentClass(): typeof Undici.ProxyAgent {
  if (whole !== undefined) return whole.ProxyAgent;
  try {
    const Dispatcher = require('undici/lib/dispatcher/dispatcher') as { prototype: Record<string, unknown> };
    // ProxyAgent opens its tunnel with Dispatcher#connect.
    Dispatcher.prototype['connect'] ??= require('undici/lib/api/api-connect') as unknown;
    return require('undici/lib/dispatcher/proxy-agent') as typeof Undici.ProxyAgent;
  } catch {
    return (require('undici') as typeof Undici).ProxyAgent;
  }
}
