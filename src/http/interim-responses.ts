// HTTP says a client must accept any number of 1xx interim responses before the final one, even unasked for
// (RFC 9110 §15.2). undici accepts 103 and friends but destroys the socket on a `100 Continue` it did not ask for
// ("bad response"), which then reads as a server crash. This filter drops such interim 100s from a socket before
// undici's parser sees them, and nothing else.
import type { Duplex } from 'node:stream';

/** `HTTP/1.x 100 <reason>` then header lines, then the blank line. */
const CONTINUE_HEAD = /^HTTP\/1\.[01] 100(?: [^\r\n]*)?\r\n(?:[^\r\n]+\r\n)*\r\n/;
const PREFIX = 'HTTP/1.1 100';
/** An interim response larger than this is not one: hand the bytes to the parser and let it judge. */
const MAX_INTERIM_BYTES = 16 * 1024;

function mayStartContinue(head: string): boolean {
  if (head.length >= PREFIX.length) return /^HTTP\/1\.[01] 100/.test(head);
  return PREFIX.startsWith(head) || 'HTTP/1.0 100'.startsWith(head);
}

/**
 * Wraps `socket.read` (the only way undici's HTTP/1.1 parser takes bytes) so that interim `100` responses at the
 * start of an answer are dropped. "Start of an answer" is the first bytes read after a write: undici sends the
 * next request on a socket only once the previous answer is complete, so a body that happens to contain
 * "HTTP/1.1 100" is never touched.
 */
export function dropUnsolicitedContinue(socket: Duplex): void {
  let atAnswerStart = true;
  let pending: Buffer | undefined;
  const read = socket.read.bind(socket);
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  (socket as { write: (...args: unknown[]) => boolean }).write = (...args: unknown[]): boolean => {
    atAnswerStart = true;
    return write(...args);
  };
  (socket as { read: (size?: number) => unknown }).read = (size?: number): unknown => {
    if (!atAnswerStart && pending === undefined) return read(size);
    let chunk = pending;
    pending = undefined;
    let needMore = chunk === undefined;
    for (;;) {
      if (needMore || chunk === undefined) {
        const next = read() as Buffer | string | null;
        if (next === null) {
          // Nothing more buffered: keep what we hold; the socket emits 'readable' again when bytes arrive.
          pending = chunk;
          return null;
        }
        const bytes = typeof next === 'string' ? Buffer.from(next, 'latin1') : next;
        chunk = chunk === undefined ? bytes : Buffer.concat([chunk, bytes]);
        needMore = false;
      }
      // The status line's start decides; most answers are not interim, so only they pay for decoding more.
      if (!mayStartContinue(chunk.subarray(0, PREFIX.length).toString('latin1'))) {
        atAnswerStart = false;
        return chunk;
      }
      const head = chunk.subarray(0, MAX_INTERIM_BYTES).toString('latin1');
      if (!mayStartContinue(head)) {
        atAnswerStart = false;
        return chunk;
      }
      const match = CONTINUE_HEAD.exec(head);
      if (match === null) {
        if (chunk.length >= MAX_INTERIM_BYTES) {
          atAnswerStart = false;
          return chunk;
        }
        needMore = true; // the interim response is not all here yet
        continue;
      }
      const rest = chunk.subarray(match[0].length);
      chunk = rest.length > 0 ? rest : undefined;
    }
  };
}
