// The module graph of src/ has no cycle (type-only imports included: a cycle of types still ties two layers
// together), and the layers keep their direction: shared/ imports nothing of the project but the error model
// (src/errors.ts, itself without imports), assert/, config/ and server/ take nothing from suite/ but its YAML line
// table, and the runner does not import the reporters (they implement runner/events.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** Relative imports and re-exports of each module, resolved to .ts files under src/ (dynamic imports included). */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sources(SRC)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'(\.{1,2}\/[^']+)\.js'/g)].map((m) => resolve(dirname(file), `${m[1]}.ts`));
    edges.set(relative(SRC, file), targets.map((t) => relative(SRC, t)));
  }
  return edges;
}

function findCycle(edges: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string): string[] | undefined => {
    if (state.get(node) === 'done') return undefined;
    if (state.get(node) === 'open') return [...stack.slice(stack.indexOf(node)), node];
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle !== undefined) return cycle;
    }
    stack.pop();
    state.set(node, 'done');
    return undefined;
  };
  for (const node of edges.keys()) {
    const cycle = visit(node);
    if (cycle !== undefined) return cycle;
  }
  return undefined;
}

describe('the module graph of src/', () => {
  const edges = graph();

  it('reads every module and its imports', () => {
    expect(edges.size).toBeGreaterThan(100);
    expect(edges.get('runner/run-plan.ts')).toContain('runner/run-step.ts');
  });

  it('has no import cycle', () => {
    expect(findCycle(edges)).toBeUndefined();
  });

  it('finds a cycle when there is one (the check itself can fail)', () => {
    expect(findCycle(new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']]]))).toEqual(['a.ts', 'b.ts', 'c.ts', 'a.ts']);
  });

  it('keeps the layers apart', () => {
    expect(edges.get('errors.ts')).toEqual([]);
    const offending: string[] = [];
    for (const [from, targets] of edges) {
      for (const to of targets) {
        if (from.startsWith('shared/') && !to.startsWith('shared/') && to !== 'errors.ts') offending.push(`${from} -> ${to}`);
        if (/^(assert|config|server)\//.test(from) && to.startsWith('suite/') && to !== 'suite/source-map.ts') offending.push(`${from} -> ${to}`);
        if (from.startsWith('runner/') && to.startsWith('report/')) offending.push(`${from} -> ${to}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
