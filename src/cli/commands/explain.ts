// `scim-check explain "<text>"`: what an Okta Admin Console message means, its likely causes, the command that
// confirms each, and the fix. Offline; loads neither undici nor ajv.
import { explainMessage } from '../../diagnose/explain-message.js';
import { GENERAL_CHECKLIST, type OktaMessage } from '../../diagnose/okta-messages.js';

export interface ExplainOptions {
  text: string;
  json: boolean;
}

function renderEntry(entry: OktaMessage, lines: string[]): void {
  lines.push(`Okta message: ${entry.message}`, `  source: ${entry.source}`, `What it means: ${entry.meaning}`, '', 'Likely causes, most likely first:');
  entry.causes.forEach((cause, i) => {
    lines.push(`  ${i + 1}. ${cause.cause}`, `     confirm: ${cause.confirm}`, `     fix: ${cause.fix}`);
  });
}

function toJson(entry: OktaMessage): Record<string, unknown> {
  return { id: entry.id, message: entry.message, source: entry.source, meaning: entry.meaning, causes: entry.causes };
}

/** Explains `options.text`; `matched` is false when only the closest matches and the checklist could be given. */
export function explain(options: ExplainOptions, io: { stdout(s: string): void }): { matched: boolean } {
  const text = options.text.trim();
  const result = explainMessage(text);
  if (options.json) {
    io.stdout(
      `${JSON.stringify(
        {
          version: 1,
          text,
          matched: result.matched,
          parsed: result.parsed,
          matches: result.matches.map(toJson),
          closest: result.closest.map(toJson),
          checklist: result.matched ? [] : GENERAL_CHECKLIST,
        },
        null,
        2,
      )}\n`,
    );
    return { matched: result.matched };
  }
  const lines: string[] = [];
  const { phase, reason, detail } = result.parsed;
  if (phase || reason || detail) {
    if (phase) lines.push(`Okta was: ${phase}`);
    if (reason) lines.push(`HTTP reason phrase: ${reason}`);
    if (detail) lines.push(`The server said: ${detail}`);
    lines.push('');
  }
  const [first, ...others] = result.matches;
  if (first) {
    renderEntry(first, lines);
    if (others.length > 0) {
      lines.push('', 'Also matches:');
      for (const other of others) lines.push(`  - ${other.message} (scim-check explain "${other.message.replace(/"/g, "'")}")`);
    }
  } else {
    lines.push('This text is not a message scim-check knows.');
    if (result.closest.length > 0) {
      lines.push('', 'Closest known messages:');
      for (const entry of result.closest) lines.push(`  - ${entry.message}: ${entry.meaning}`);
    }
    lines.push('', 'General checklist:');
    GENERAL_CHECKLIST.forEach((item, i) => lines.push(`  ${i + 1}. ${item}`));
  }
  io.stdout(`${lines.join('\n')}\n`);
  return { matched: result.matched };
}
