// GitHub annotations and the job summary group problems as the terminal does: one annotation per cause, repeated
// transport errors as one, and the first cause as its own annotation on the step it explains.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/assert/types.js';
import { toAnnotations, toStepSummary } from '../../src/report/github.js';
import type { RunSummary, StepResult } from '../../src/runner/types.js';
import { passingSummary } from './support/summary-fixture.js';

const at = (line: number) => ({ file: 'suites/x.yaml', line, column: 3 });
const check = (partial: Partial<Check> & Pick<Check, 'kind' | 'pointer' | 'message'>, line: number): Check => ({ expected: undefined, actual: undefined, passed: false, level: 'required', location: at(line), ...partial });
const base = { suiteId: 'x', level: 'required' as const, checks: [], warnings: [], exchanges: [], durationMs: 1, location: at(5) };
const refused = (stepId: string): StepResult => ({ ...base, stepId, title: stepId, status: 'errored', error: { code: 'target.refused', title: 'Connection refused', detail: '127.0.0.1:9 refused the connection', request: { method: 'GET', url: `http://127.0.0.1:9/scim/v2/${stepId}`, headers: {} } } });

function summaryOf(steps: StepResult[]): RunSummary {
  const summary = passingSummary();
  const suite = summary.suites[0];
  if (suite === undefined) throw new Error('fixture without a suite');
  return { ...summary, notices: [], suites: [{ ...suite, steps }] };
}

describe('github grouping', () => {
  it('one annotation per cause: schema and body of one pointer together, identical errors together', () => {
    const schema = check({ kind: 'schema', pointer: '/totalResults', message: '/totalResults must be integer' }, 30);
    const body = check({ kind: 'body', pointer: '/totalResults', message: 'expected integer, got string "1"' }, 33);
    const failed: StepResult = { ...base, stepId: 'list', title: 'list', status: 'failed', checks: [schema, body] };
    const text = toAnnotations(summaryOf([failed, refused('a'), refused('b'), refused('c')]));
    const errors = text.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(2);
    // The errored step leads (what follows it usually fails because of it), then the merged finding on the body line.
    expect(errors[0]).toContain('title=x › a%3A Connection refused::');
    expect(errors[0]).toContain('%0Aand 2 more steps failed the same way (x › b, x › c)');
    expect(errors[1]).toBe('::error file=suites/x.yaml,line=33,col=3,title=x › list%3A body /totalResults::expected integer, got string "1"%0Aalso (schema): /totalResults must be integer');
    const md = toStepSummary(summaryOf([failed, refused('a'), refused('b')]), 4);
    expect(md).toContain('### Failures (2)');
  });

  it('makes the first cause one annotation on the expectation it explains, its generic hint left out', () => {
    const status = check({ kind: 'status', pointer: '', message: 'expected 200 OK, got 401 Unauthorized', expected: 200, actual: 401, hint: 'generic advice' }, 27);
    const step: StepResult = {
      ...base, stepId: 'users', title: 'users', status: 'failed', checks: [status],
      firstCause: { suiteId: 'x', stepId: 'users', kind: 'auth', title: 'The server refused the credentials (401 Unauthorized)', cause: 'The token is not accepted.', fix: 'Paste a fresh token.', evidence: [], notRun: 3 },
    };
    const errors = toAnnotations(summaryOf([step])).split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toEqual([
      '::error file=suites/x.yaml,line=27,col=3,title=First cause%3A The server refused the credentials (401 Unauthorized)::expected 200 OK, got 401 Unauthorized%0Acause: The token is not accepted.%0Afix: Paste a fresh token.%0Anot run: the 3 later steps depend on it (--keep-going runs them anyway)',
    ]);
  });
});
