// The User resources an answer carries (the resource itself, or each of a list's Resources), for quirks that
// bend how users are returned rather than how they are stored.
import type { Answer, Operation } from '../quirk-hooks.js';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `answer` with `rewrite` applied to every User it carries; other answers are returned as they are. */
export function rewriteUsers(op: Operation, answer: Answer, rewrite: (user: Json) => Json): Answer {
  if (op.error !== undefined || op.kind !== 'User' || !isObject(answer.body)) return answer;
  const body = answer.body;
  if (Array.isArray(body['Resources'])) {
    return { ...answer, body: { ...body, Resources: body['Resources'].map((r) => (isObject(r) ? rewrite({ ...r }) : r)) } };
  }
  return { ...answer, body: rewrite({ ...body }) };
}
