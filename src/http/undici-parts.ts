// The parts of undici a run uses: Agent, ProxyAgent, Dispatcher#request and #connect (the proxy tunnel). undici's index loads about 110 files
// (fetch, mocks, caches, interceptors); these need 29, which saves tens of ms at the start of every run.
import { createRequire } from 'node:module';
import type * as Undici from 'undici';

const require = createRequire(import.meta.url);

interface Parts {
  Agent: typeof Undici.Agent;
  ProxyAgent: typeof Undici.ProxyAgent;
  buildConnector: typeof Undici.buildConnector;
}

function load(): Parts {
  try {
    const Dispatcher = require('undici/lib/dispatcher/dispatcher') as { prototype: Record<string, unknown> };
    // What undici's index does for every api method (Object.assign(Dispatcher.prototype, api)), for the one we call.
    Dispatcher.prototype['request'] ??= require('undici/lib/api/api-request') as unknown;
    // ProxyAgent opens its tunnel with Dispatcher#connect.
    Dispatcher.prototype['connect'] ??= require('undici/lib/api/api-connect') as unknown;
    return {
      Agent: require('undici/lib/dispatcher/agent') as Parts['Agent'],
      ProxyAgent: require('undici/lib/dispatcher/proxy-agent') as Parts['ProxyAgent'],
      buildConnector: require('undici/lib/core/connect') as Parts['buildConnector'],
    };
  } catch {
    // A future undici that moves its files still works, at the old cost.
    return require('undici') as Parts;
  }
}

export const { Agent, ProxyAgent, buildConnector } = load();
