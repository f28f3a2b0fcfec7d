// The JSON report's schema ships in the package (dist/report/json-report.schema.json), identical to its source.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/run-cli.js';

const run = promisify(execFile);

describe('the JSON report schema in the package', () => {
  it('is listed by npm pack and has the same content as src/report/json-report.schema.json', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, maxBuffer: 20 * 1024 * 1024 });
    const [pack] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    expect(pack?.files.map((f) => f.path)).toContain('dist/report/json-report.schema.json');
    // tsc re-indents JSON it copies, so compare the values.
    const read = (path: string): unknown => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
    expect(read('dist/report/json-report.schema.json')).toEqual(read('src/report/json-report.schema.json'));
  });
});
