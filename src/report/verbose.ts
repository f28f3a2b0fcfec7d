// `run --verbose`: every exchange of a step, printed as the step ends, after its line in the human output.
// Exchanges reach reporters already redacted (src/http/); server text is escaped so it cannot drive the terminal.
import type { Exchange } from '../http/types.js';
import type { StepResult } from '../runner/types.js';
import type { Reporter } from '../runner/events.js';
import { sanitizeText } from '../shared/sanitize-text.js';

/** Bodies longer than this are cut: --verbose is for reading, the HAR reporter keeps everything. */
const MAX_BODY_CHARS = 2000;

/** The one sanitiser, keeping newlines and tabs: escape sequences and bidi controls are shown escaped. */
function printable(text: string): string {
  return sanitizeText(text, { multiline: true });
}

function body(text: string): string[] {
  if (text === '') return [];
  const cut = text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length - MAX_BODY_CHARS} more characters)` : text;
  return ['', ...printable(cut).split('\n')];
}

export function formatExchange(exchange: Exchange): string {
  const { request, response } = exchange;
  const lines = [`> ${request.method} ${printable(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`> ${printable(name)}: ${printable(value)}`);
  lines.push(...body(request.body ?? '').map((l) => `> ${l}`.trimEnd()));
  lines.push(`< ${response.status} ${printable(response.statusText)}`.trimEnd());
  for (const [name, value] of Object.entries(response.headers)) lines.push(`< ${printable(name)}: ${printable(value)}`);
  lines.push(...body(response.body).map((l) => `< ${l}`.trimEnd()));
  return lines.map((l) => `      ${l}`).join('\n');
}

export function createVerboseReporter(write: (text: string) => void): Reporter {
  return {
    exchanges: 'step-end',
    onStepEnd(result: StepResult) {
      for (const exchange of result.exchanges) write(`${formatExchange(exchange)}\n`);
    },
  };
}
