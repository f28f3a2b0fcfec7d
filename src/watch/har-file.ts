// The session HAR (`watch --har`, read back by `replay`): every exchange that reached the target, already
// redacted, with a comment naming Okta's call and the target's base URL so a replay can re-root the paths.
import { writeFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import { toHar } from '../http/har.js';
import type { Exchange } from '../http/types.js';
import { redactText } from '../http/redact.js';

export async function writeSessionHar(path: string, entries: Array<{ exchange: Exchange; comment: string }>, baseUrl: string, tool: { name: string; version: string }, secrets: readonly string[]): Promise<void> {
  const har = toHar(entries.map((e) => e.exchange), tool);
  const log = { ...har.log, entries: har.log.entries.map((entry, i) => ({ ...entry, comment: entries[i]?.comment ?? '' })), _scimCheck: { baseUrl } };
  try {
    // Exchanges are redacted already; the second pass covers the comments and is cheap insurance.
    await writeFile(path, `${redactText(JSON.stringify({ log }, null, 2), secrets)}\n`);
  } catch (error) {
    throw new UsageError('usage.harFile', 'Cannot write the HAR file', `--har ${path}: ${(error as NodeJS.ErrnoException).code ?? 'write failed'}`);
  }
}
