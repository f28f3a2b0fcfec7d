// `scim-check serve`: runs the embedded reference SCIM server until the CLI's signal aborts (SIGINT/SIGTERM),
// printing where it listens and the token to use. It knows nothing of suites or the runner.
import { isIP } from 'node:net';
import { UsageError } from '../../errors.js';
import { keepYoungGenerationSmall } from '../heap-growth.js';
import type { CliIo } from '../io.js';
import { formatQuirk, parseQuirk, startServer } from '../../server/index.js';
import type { Emulation } from '../../server/index.js';

export interface ServeOptions {
  host: string;
  port: number;
  token?: string;
  emulate?: string;
  quirks: string[];
  seedUsers: number;
  seedGroups: number;
  patch204: boolean;
}

export interface ServeIo {
  stdout(s: string): void;
  stderr(s: string): void;
  signal: AbortSignal;
}

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

/** Single-quotes a value for POSIX shells so the printed export lines paste safely. */
function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Starts the server, prints how to reach it, resolves after `io.signal` aborts and the server has closed. */
export async function serve(options: ServeOptions, io: ServeIo): Promise<void> {
  keepYoungGenerationSmall();
  // Quirks and the profile are checked before binding, so a typo never leaves a half-started server.
  const quirks = options.quirks.map(parseQuirk);
  let emulate: Emulation | undefined;
  if (options.emulate !== undefined) {
    if (options.emulate !== 'postman') {
      throw new UsageError('usage.badEmulate', 'Unknown app', `--emulate ${options.emulate}: the only emulated app is "postman".`);
    }
    emulate = options.emulate;
  }
  if (io.signal.aborted) return;
  const server = await startServer({
    host: options.host,
    port: options.port,
    ...(options.token !== undefined ? { token: options.token } : {}),
    emulate,
    quirks,
    patch204: options.patch204,
    seedUsers: options.seedUsers,
    seedGroups: options.seedGroups,
  });

  const lines = [`scim-check serve: reference SCIM server listening at ${server.baseUrl}`];
  lines.push(`  profile   ${emulate === 'postman' ? 'postman (Postman\'s documented SCIM surface)' : 'reference (RFC 7643/7644 as Okta needs it)'}`);
  lines.push(`  quirks    ${quirks.length === 0 ? 'none' : quirks.map(formatQuirk).join(', ')}`);
  if (options.seedUsers > 0 || options.seedGroups > 0) lines.push(`  seeded    ${options.seedUsers} users, ${options.seedGroups} groups`);
  if (options.patch204) lines.push('  PATCH     answers 204 No Content');
  if (server.token === '') lines.push('  auth      none (every request is accepted)');
  io.stderr(`${lines.join('\n')}\n`);
  if (!isLoopback(options.host)) {
    io.stderr(`warning: listening on ${options.host}, not loopback: anyone who can reach this machine can use this server with the token below.\n`);
  }
  // The token printed here belongs to this local test server (random per start unless --token was given), and
  // printing it is the point: the user pastes these lines to aim scim-check at the server. It is not a user secret.
  io.stdout(`export SCIM_BASE_URL=${shellQuote(server.baseUrl)}\n`);
  if (server.token !== '') io.stdout(`export SCIM_TOKEN=${shellQuote(server.token)}\n`);
  io.stderr('Stop with Ctrl-C.\n');

  await new Promise<void>((resolve) => {
    if (io.signal.aborted) resolve();
    else io.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  io.stderr('scim-check serve: stopped.\n');
}

function wholeNumber(value: unknown, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError('usage.badNumber', 'Invalid value', `${flag} ${String(value)}: expected a whole number ≥ ${min}`);
  return n;
}

/** `serve`'s options as commander hands them over (strings until normalised here). */
export interface ServeFlags {
  host?: string | undefined;
  port?: string | undefined;
  token?: string | undefined;
  emulate?: string | undefined;
  quirk?: string[] | undefined;
  seedUsers?: string | undefined;
  seedGroups?: string | undefined;
  patch204?: boolean | undefined;
}

export async function serveCommand(flags: ServeFlags, io: CliIo): Promise<number> {
  const port = wholeNumber(flags.port ?? 8080, '--port', 0);
  if (port > 65535) throw new UsageError('usage.badNumber', 'Invalid value', `--port ${port}: expected 0 to 65535`);
  const emulate = flags.emulate;
  if (emulate !== undefined && emulate !== 'postman') throw new UsageError('usage.badEmulate', 'Unknown app', `--emulate ${String(emulate)}: expected postman`);
  await serve(
    {
      host: flags.host ?? '127.0.0.1',
      port,
      ...(flags.token === undefined ? {} : { token: flags.token }),
      ...(emulate === 'postman' ? { emulate } : {}),
      quirks: flags.quirk ?? [],
      seedUsers: wholeNumber(flags.seedUsers ?? 0, '--seed-users', 0),
      seedGroups: wholeNumber(flags.seedGroups ?? 0, '--seed-groups', 0),
      patch204: flags.patch204 === true,
    },
    { stdout: io.stdout, stderr: io.stderr, signal: io.signal },
  );
  return 0;
}
