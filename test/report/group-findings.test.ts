// One cause, one block: grouping of failed checks within a step and of identical errors across steps, the server's
// own words in a status block, the terminal width, and the pretty reporter's line for an own-purpose warning.
import { describe, expect, it } from 'vitest';
import type { Check } from '../../src/assert/types.js';
import { formatFinding, formatStepProblems } from '../../src/report/format-check.js';
import { groupProblems, serverSays, stepFindings } from '../../src/report/group-findings.js';
import { createPrettyReporter } from '../../src/report/pretty.js';
import { plainStyle } from '../../src/report/style.js';
import { visibleLength, wrapText } from '../../src/report/wrap.js';
import type { StepResult } from '../../src/runner/types.js';
import { exchange } from './support/summary-fixture.js';

function check(partial: Partial<Check> & Pick<Check, 'kind'>): Check {
  return { pointer: '', expected: undefined, actual: undefined, passed: false, level: 'required', message: `${partial.kind} ${partial.pointer ?? ''} failed`, location: { file: 's.yaml', line: 3, column: 5 }, ...partial };
}

function step(partial: Partial<StepResult> & Pick<StepResult, 'stepId'>): StepResult {
  return { suiteId: 's', title: partial.stepId, level: 'required', status: 'failed', checks: [], warnings: [], exchanges: [], durationMs: 1, location: { file: 's.yaml', line: 1, column: 1 }, ...partial };
}

const refused = (id: string, suiteId = 's'): StepResult =>
  step({ stepId: id, suiteId, status: 'errored', error: { code: 'target.refused', title: 'Connection refused', detail: '127.0.0.1:9 refused the connection', request: { method: 'GET', url: `http://127.0.0.1:9/scim/v2/${id}`, headers: {} } } });

describe('grouping', () => {
  it('merges the schema and the body check of one pointer, the most severe leading', () => {
    const schema = check({ kind: 'schema', pointer: '/totalResults', level: 'recommended' });
    const body = check({ kind: 'body', pointer: '/totalResults', hint: 'send an integer' });
    const other = check({ kind: 'body', pointer: '/id' });
    const findings = stepFindings(step({ stepId: 'a', checks: [schema, body, other], exchanges: [exchange('GET', '/Users', 200, 'OK', '{"totalResults":"1","Resources":[{}]}')] }));
    expect(findings.map((f) => [f.check, f.related])).toEqual([[body, [schema]], [other, []]]);
    const block = formatFinding(step({ stepId: 'a' }), findings[0] ?? { check: body, related: [], warning: false });
    expect(block.split('\n')).toEqual(['✗ s › a: body /totalResults', '  at s.yaml:3:5', '  body /totalResults failed', '  also (schema, recommended): schema /totalResults failed', '  hint: send an integer']);
  });

  it('makes totalResults and Resources of one empty list a single finding', () => {
    const total = check({ kind: 'body', pointer: '/totalResults', actual: 0 });
    const resources = check({ kind: 'body', pointer: '/Resources' });
    const first = check({ kind: 'body', pointer: '/Resources/0/userName' });
    const empty = exchange('GET', '/Users', 200, 'OK', '{"totalResults":0,"Resources":[]}');
    const findings = stepFindings(step({ stepId: 'a', checks: [total, resources, first], exchanges: [{ ...empty, response: { ...empty.response, json: { totalResults: 0, Resources: [] } } }] }));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.related).toEqual([resources, first]);
  });

  it('makes consecutive identical transport errors one group, skipped steps between them included', () => {
    const skipped = step({ stepId: 'x', status: 'skipped', skipReason: 'needs {{ id }}' });
    const groups = groupProblems([refused('a'), skipped, refused('b'), refused('c', 't'), step({ stepId: 'ok', status: 'passed' }), refused('d')]);
    expect(groups.map((g) => [g.step.stepId, g.repeats.map((r) => r.stepId), g.skippedBetween])).toEqual([['a', ['b', 'c'], 1], ['d', [], 0]]);
    expect(formatStepProblems(refused('a')).join('\n')).toContain('request: GET http://127.0.0.1:9/scim/v2/a');
  });
});

describe('readable failures', () => {
  it('shows a SCIM Error\'s scimType and detail, or the start of a non-SCIM body, truncated', () => {
    const scim = exchange('POST', '/Users', 400, 'Bad Request', '');
    expect(serverSays({ ...scim, response: { ...scim.response, json: { scimType: 'invalidValue', detail: 'name is required' } } })).toBe('scimType invalidValue: "name is required"');
    const html = exchange('DELETE', '/Users/1', 404, 'Not Found', `<html><body>Cannot DELETE /Users/1${' '.repeat(10)}${'x'.repeat(500)}</body></html>`);
    const said = serverSays(html) ?? '';
    expect(said.startsWith('a non-SCIM body: <html><body>Cannot DELETE /Users/1 xxx')).toBe(true);
    expect(said.length).toBeLessThan(230);
  });

  it('puts the server\'s words and the not-evaluated count in the status block', () => {
    const status = check({ kind: 'status', expected: 201, actual: 400, message: 'expected 201 Created, got 400 Bad Request' });
    const answer = exchange('POST', '/Users', 400, 'Bad Request', '');
    const result = step({ stepId: 'create', checks: [status], notEvaluated: [check({ kind: 'schema' }), check({ kind: 'body', pointer: '/id' })], exchanges: [{ ...answer, response: { ...answer.response, json: { detail: 'userName taken', scimType: 'uniqueness' } } }] });
    expect(formatStepProblems(result)[0]?.split('\n')).toEqual([
      '✗ s › create: status',
      '  at s.yaml:3:5',
      '  expected 201 Created, got 400 Bad Request',
      '  server said: scimType uniqueness: "userName taken"',
      '  not evaluated: 2 checks of the expected body (the answer was not the one they describe)',
    ]);
  });
});

describe('pretty', () => {
  it('wraps long lines to the width with a hanging indent, colour codes taking no width', () => {
    const text = `      why: ${'word '.repeat(30).trim()}\n`;
    const wrapped = wrapText(text, 40).replace(/\n$/, '').split('\n');
    expect(wrapped.length).toBeGreaterThan(3);
    expect(wrapped.every((l) => visibleLength(l) <= 40)).toBe(true);
    expect(wrapped.slice(1).every((l) => l.startsWith('        word'))).toBe(true);
    expect(visibleLength('\x1b[31m✗\x1b[39m x')).toBe(3);
    expect(wrapText(`  ${'http://example.com/'.repeat(5)} end\n`, 30).split('\n')[0]).toBe(`  ${'http://example.com/'.repeat(5)}`);
  });

  it('gives no green tick to a step whose own-level check warned, and one block for repeated errors', () => {
    let out = '';
    const reporter = createPrettyReporter({ write: (t) => (out += t), style: plainStyle, toolVersion: '0' });
    const warned = check({ kind: 'status', level: 'recommended', expected: 200, actual: 404 });
    reporter.onStepEnd?.(step({ stepId: 'lookup', status: 'passed', level: 'recommended', checks: [warned], warnings: [warned] }));
    const side = check({ kind: 'schema', level: 'optional' });
    reporter.onStepEnd?.(step({ stepId: 'read', status: 'passed', checks: [side], warnings: [side] }));
    for (const id of ['a', 'b', 'c']) reporter.onStepEnd?.(refused(id));
    reporter.onStepEnd?.(step({ stepId: 'ok', status: 'passed' }));
    const lines = out.split('\n');
    expect(lines[0]).toBe('  ⚠ lookup (1 warning) 1 ms');
    expect(lines).toContain('  ✓ read (1 warning) 1 ms');
    expect(lines.filter((l) => l.includes('Connection refused'))).toHaveLength(1);
    expect(lines).toContain('    … and 2 more steps failed the same way (s › b, s › c)');
  });
});
