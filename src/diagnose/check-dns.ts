// DNS rung: resolve the host with the system resolver (node:dns) and say whether Okta's cloud could reach the
// addresses at all. Talks to no SCIM server.
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { RungResult } from './types.js';

export interface DnsCheck {
  result: RungResult;
  /** Resolved addresses, IPv4 first; empty when resolution failed. */
  addresses: string[];
}

/** Why an address is out of reach of Okta's cloud, or null for a public address. */
export function privateRange(address: string): string | null {
  const a = address.toLowerCase();
  if (isIP(a) === 4) {
    const [p0 = 0, p1 = 0] = a.split('.').map(Number);
    if (p0 === 127) return 'loopback';
    if (p0 === 10 || (p0 === 172 && p1 >= 16 && p1 <= 31) || (p0 === 192 && p1 === 168)) return 'private (RFC 1918)';
    if (p0 === 169 && p1 === 254) return 'link-local';
    if (p0 === 100 && p1 >= 64 && p1 <= 127) return 'carrier-grade NAT (RFC 6598)';
    if (p0 === 0) return 'unspecified';
    return null;
  }
  if (a === '::1') return 'loopback';
  if (a === '::') return 'unspecified';
  if (/^fe[89ab]/.test(a)) return 'link-local';
  if (/^f[cd]/.test(a)) return 'private (unique local)';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped?.[1]) return privateRange(mapped[1]);
  return null;
}

function errorCode(err: unknown): string {
  if (typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string') return err.code;
  return 'unknown error';
}

export async function checkDns(host: string): Promise<DnsCheck> {
  const base = { rung: 'dns' as const, title: 'DNS' };
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      const found = await lookup(host, { all: true, verbatim: true });
      addresses = found.sort((x, y) => x.family - y.family).map((f) => f.address);
    } catch (err) {
      const code = errorCode(err);
      const temporary = code === 'EAI_AGAIN';
      return {
        result: {
          ...base,
          status: 'fail',
          summary: temporary ? `the resolver did not answer for ${host} (${code})` : `no address found for ${host} (${code})`,
          evidence: [`lookup ${host}: ${code}`],
          cause: temporary
            ? 'DNS did not answer from this machine; Okta would show a connection error too if its resolvers fail the same way.'
            : `The name ${host} does not exist in public DNS, so Okta cannot find the server (a typo, a name that only exists on an internal DNS, or a record not yet published).`,
          fix: temporary
            ? 'Retry; if it persists, check this machine\'s resolver, then the domain\'s name servers.'
            : `Check the spelling of ${host} and publish a public A/AAAA (or CNAME) record for it.`,
        },
        addresses: [],
      };
    }
  }
  const evidence = addresses.map((addr) => {
    const range = privateRange(addr);
    return range ? `${addr} (${range})` : `${addr} (public)`;
  });
  const unreachable = addresses.filter((addr) => privateRange(addr) !== null);
  const literal = isIP(host) !== 0;
  const what = literal ? `${host} is an IP address` : `${host} resolves to ${addresses.join(', ')}`;
  if (unreachable.length === addresses.length) {
    return {
      result: {
        ...base,
        status: 'warn',
        summary: `${what}: not reachable from the internet`,
        evidence,
        cause: `Every address is ${privateRange(addresses[0] ?? '') ?? 'private'}; Okta calls from its cloud and cannot reach it.`,
        fix: 'Fine for a local test. For Okta, expose the server on a public address (or a tunnel) with a public DNS name.',
      },
      addresses,
    };
  }
  if (unreachable.length > 0) {
    return {
      result: {
        ...base,
        status: 'warn',
        summary: `${what}: some addresses are private`,
        evidence,
        cause: 'Some of the addresses are private; Okta may pick one it cannot reach and time out.',
        fix: 'Publish only public addresses in the public DNS record.',
      },
      addresses,
    };
  }
  return { result: { ...base, status: 'pass', summary: what, evidence }, addresses };
}
