// Parses `serve` flags into the server's options; the server itself lives in src/server.
import { UsageError } from '../../errors.js';
import type { CliIo } from '../io.js';

function wholeNumber(value: unknown, flag: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError('usage.badNumber', 'Invalid value', `${flag} ${String(value)}: expected a whole number ≥ ${min}`);
  return n;
}

export async function serveCommand(flags: Record<string, unknown>, io: CliIo): Promise<number> {
  const port = wholeNumber(flags['port'] ?? 8080, '--port', 0);
  if (port > 65535) throw new UsageError('usage.badNumber', 'Invalid value', `--port ${port}: expected 0 to 65535`);
  const emulate = flags['emulate'];
  if (emulate !== undefined && emulate !== 'postman') throw new UsageError('usage.badEmulate', 'Unknown app', `--emulate ${String(emulate)}: expected postman`);
  const { serve } = await import('./serve.js');
  await serve(
    {
      host: String(flags['host'] ?? '127.0.0.1'),
      port,
      ...(typeof flags['token'] === 'string' ? { token: flags['token'] } : {}),
      ...(emulate === 'postman' ? { emulate } : {}),
      quirks: Array.isArray(flags['quirk']) ? (flags['quirk'] as string[]) : [],
      seedUsers: wholeNumber(flags['seedUsers'] ?? 0, '--seed-users', 0),
      seedGroups: wholeNumber(flags['seedGroups'] ?? 0, '--seed-groups', 0),
      patch204: flags['patch204'] === true,
    },
    { stdout: io.stdout, stderr: io.stderr, signal: io.signal },
  );
  return 0;
}
