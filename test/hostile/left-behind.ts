// What a run says it may have left on the server, read back from its human output, set against what the server
// really holds: the two must agree, so no resource is left unlisted and nothing is listed without cause.

/** One line of the "Cleanup incomplete: N resource(s) may be left on …:" block. */
export interface ListedLeft {
  /** `suite › step: detail`, as printed. */
  line: string;
}

/** A resource the server still holds after the run. */
export interface HeldResource {
  collection: 'Users' | 'Groups';
  id: string;
  /** userName or displayName. */
  name: string;
}

/**
 * The lines of the "may be left" block in the pretty output, or [] when there is none. Throws when the count in the
 * heading and the lines below it disagree: the list itself would then be wrong.
 */
export function listedAsLeft(stdout: string): ListedLeft[] {
  const lines = stdout.split('\n');
  const at = lines.findIndex((l) => /^Cleanup incomplete: \d+ resource\(s\) may be left on /.test(l));
  if (at === -1) return [];
  const count = Number(/^Cleanup incomplete: (\d+)/.exec(lines[at] ?? '')?.[1]);
  const items: ListedLeft[] = [];
  for (const line of lines.slice(at + 1)) {
    if (!line.startsWith('  ')) break;
    items.push({ line: line.trim() });
  }
  if (items.length !== count) throw new Error(`the cleanup block announces ${count} resource(s) but lists ${items.length}:\n${lines.slice(at, at + items.length + 1).join('\n')}`);
  return items;
}

function names(item: ListedLeft, held: HeldResource): boolean {
  const text = item.line.toLowerCase();
  return (
    text.includes(`(id ${JSON.stringify(held.id)})`.toLowerCase()) ||
    text.includes(`id ${JSON.stringify(held.id)}`.toLowerCase()) ||
    text.includes(`/${held.collection}/${encodeURIComponent(held.id)}`.toLowerCase()) ||
    text.includes(JSON.stringify(held.name).toLowerCase())
  );
}

/**
 * A listed resource the server does not hold is allowed only when the run could not know: a request to it was cut
 * (by a signal or a timeout) or never answered, so the server may or may not have acted on it. Anything else listed
 * must be there.
 */
export const UNCERTAIN = /may still be created|was cancelled before it completed|the create was interrupted|the create timed out|no complete answer|not confirmed gone|cut short|not cleaned up \(aborted\)|the create got no answer|is not HTTP/;

export interface LeftComparison {
  /** Held by the server, named by no listed line: the failure the issue forbids. */
  unlisted: HeldResource[];
  /** Listed, not held, and nothing in the line says the run could not know. */
  listedWithoutCause: ListedLeft[];
  /** Listed, not held, but the line says a request was cut or unanswered (the server may have acted or not). */
  listedUncertain: ListedLeft[];
}

export function compareLeft(held: HeldResource[], listed: ListedLeft[]): LeftComparison {
  const unlisted = held.filter((h) => !listed.some((item) => names(item, h)));
  const absent = listed.filter((item) => !held.some((h) => names(item, h)));
  return {
    unlisted,
    listedWithoutCause: absent.filter((item) => !UNCERTAIN.test(item.line)),
    listedUncertain: absent.filter((item) => UNCERTAIN.test(item.line)),
  };
}
