// TCP rung: a bare node:net connect to the resolved address, timed; refused and timed out get their own advice.
import { connect } from 'node:net';
import type { RungResult } from './types.js';

export interface TcpCheck {
  result: RungResult;
  /** The address that accepted the connection, when one did. */
  address?: string;
  /** The last attempt timed out (packets dropped) rather than being refused. */
  timedOut: boolean;
}

type Outcome = { ok: true; ms: number } | { ok: false; code: string; ms: number };

function tryConnect(address: string, port: number, timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = connect({ host: address, port });
    const done = (outcome: Outcome): void => {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
      resolve(outcome);
    };
    socket.setTimeout(timeoutMs, () => done({ ok: false, code: 'ETIMEDOUT', ms: performance.now() - started }));
    socket.once('connect', () => done({ ok: true, ms: performance.now() - started }));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, code: err.code ?? 'ERROR', ms: performance.now() - started }),
    );
  });
}

export async function checkTcp(host: string, addresses: string[], port: number, timeoutMs: number): Promise<TcpCheck> {
  const base = { rung: 'tcp' as const, title: 'TCP' };
  const evidence: string[] = [];
  let last: Outcome | undefined;
  // Okta tries one address; we try each so the evidence says which ones answer.
  for (const address of addresses.slice(0, 4)) {
    const outcome = await tryConnect(address, port, timeoutMs);
    last = outcome;
    if (outcome.ok) {
      evidence.push(`${address}:${port} accepted the connection in ${Math.round(outcome.ms)} ms`);
      return {
        result: { ...base, status: 'pass', summary: `connected to ${address}:${port} in ${Math.round(outcome.ms)} ms`, evidence },
        address,
        timedOut: false,
      };
    }
    evidence.push(`${address}:${port}: ${outcome.code} after ${Math.round(outcome.ms)} ms`);
  }
  const code = last && !last.ok ? last.code : 'no address';
  if (code === 'ECONNREFUSED') {
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `connection refused on ${host}:${port}`,
        evidence,
        cause: `The host answered but nothing listens on port ${port} (the service is down, or listens on another port).`,
        fix: `Start the SCIM server, or put the port it listens on in the base URL (https://${host}:<port>/…); check the load balancer's listener for ${port}.`,
      },
      timedOut: false,
    };
  }
  if (code === 'ETIMEDOUT') {
    return {
      result: {
        ...base,
        status: 'fail',
        summary: `no answer from ${host}:${port} within ${timeoutMs} ms`,
        evidence,
        cause:
          'Packets are dropped on the way: a firewall, WAF or security group that does not let the caller in, or a host that is down. Okta shows this as "Connect to <host>:443 … failed: Connect timed out" (okta-protocol.md §4.1).',
        fix: "Allow Okta's IP ranges (Admin Console → Settings → Downloads → Okta IP ranges) on the firewall, security group and WAF in front of the server, and check that the host is up.",
      },
      timedOut: true,
    };
  }
  return {
    result: {
      ...base,
      status: 'fail',
      summary: `could not connect to ${host}:${port} (${code})`,
      evidence,
      cause: code === 'EHOSTUNREACH' || code === 'ENETUNREACH' ? 'There is no route to the host from here.' : `The connection failed with ${code}.`,
      fix: 'Check that the host is up and reachable from the internet, and that Okta\'s IP ranges are allowed in.',
    },
    timedOut: false,
  };
}
