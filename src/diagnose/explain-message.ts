// Matches text pasted from Okta's Admin Console against the known messages: exact patterns first, then the
// closest entries by shared words. Pure and offline.
import { OKTA_MESSAGES, type OktaMessage } from './okta-messages.js';

export interface ParsedOktaMessage {
  /** "creating user jane@example.com", from "Error while <phase>:". */
  phase?: string;
  /** The HTTP reason phrase Okta quotes ("Conflict", "Bad Gateway"). */
  reason?: string;
  /** The server's own SCIM Error detail, after "Errors reported by remote server:". */
  detail?: string;
}

export interface Explanation {
  matched: boolean;
  /** Entries whose patterns match, most specific first. */
  matches: OktaMessage[];
  /** When nothing matched: the entries sharing the most words with the text. */
  closest: OktaMessage[];
  parsed: ParsedOktaMessage;
}

const STOP_WORDS = new Set(['the', 'and', 'that', 'this', 'for', 'with', 'was', 'were', 'are', 'not', 'error', 'errors', 'okta', 'app', 'user', 'while', 'your', 'from', 'has', 'have']);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9+]+/)
      .filter((w) => w.length >= 3 && !STOP_WORDS.has(w)),
  );
}

/** Splits Okta's provisioning format (okta-protocol.md §4.1) into Okta's part and the server's part. */
export function parseOktaMessage(text: string): ParsedOktaMessage {
  const parsed: ParsedOktaMessage = {};
  const phase = /error while ([^:]+):/i.exec(text)?.[1];
  if (phase) parsed.phase = phase.trim();
  const reason = /error (?:while [^:]+|authenticating):\s*([^.]+?)\s*(?:\.|$)/i.exec(text)?.[1];
  if (reason) parsed.reason = reason.trim();
  const detail = /errors reported by remote server:\s*([^]*)$/i.exec(text)?.[1];
  if (detail) parsed.detail = detail.trim();
  return parsed;
}

export function explainMessage(text: string): Explanation {
  const matches = OKTA_MESSAGES.filter((entry) => entry.patterns.some((p) => p.test(text)));
  const parsed = parseOktaMessage(text);
  if (matches.length > 0) return { matched: true, matches, closest: [], parsed };
  const mine = words(text);
  const scored = OKTA_MESSAGES.map((entry) => {
    const theirs = words(`${entry.message} ${entry.keywords} ${entry.meaning}`);
    let shared = 0;
    for (const w of mine) if (theirs.has(w)) shared++;
    return { entry, score: mine.size === 0 ? 0 : shared / mine.size };
  })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
  return { matched: false, matches: [], closest: scored.slice(0, 3).map((s) => s.entry), parsed };
}
