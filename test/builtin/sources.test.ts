// Every source the product cites is one a user can open: `okta-protocol.md §N` names a section of the shipped
// docs/okta-protocol.md, and nothing cites a file that is neither in the repository nor in the package.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const rel = join(dir, name);
    return statSync(join(ROOT, rel)).isDirectory() ? filesUnder(rel, ext) : ext.test(name) ? [rel] : [];
  });
}

const sections = new Set(
  [...readFileSync(join(ROOT, 'docs/okta-protocol.md'), 'utf8').matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]),
);
const sources = [...filesUnder('suites', /\.yaml$/), ...filesUnder('src', /\.ts$/), 'README.md', 'docs/requirements.md', 'docs/okta-protocol.md'];
/** Everything the package ships that a user reads or that ends up in output, fixtures included. */
const shipped = [...sources, ...filesUnder('fixtures/okta', /\.json$/)];

describe('cited sources', () => {
  it('docs/okta-protocol.md has its numbered sections', () => {
    expect([...sections]).toEqual(expect.arrayContaining(['0', '1.1', '1.3', '2.4', '2.16', '3.2', '4.2', '5.7', '6', '7']));
  });

  it.each(sources)('%s cites only sections docs/okta-protocol.md has', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const citation of text.matchAll(/okta-protocol\.md((?:[ ,;]*(?:§\s?\d+(?:\.\d+)?(?: steps?(?: \d+(?: and \d+)?)?)?))+)/g)) {
      for (const ref of (citation[1] ?? '').matchAll(/§\s?(\d+(?:\.\d+)?)/g)) {
        expect.soft(sections.has(ref[1] ?? ''), `${file}: ${citation[0]}`).toBe(true);
      }
    }
  });

  it.each(shipped)('%s cites no file outside the repository and the package', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    // The team's own notes (DESIGN.md, STYLE.md, shared/okta-protocol.md) are neither in the repository nor shipped.
    expect.soft(text, file).not.toMatch(/DESIGN\.md|STYLE\.md|\/work\/|(?:^|[^\w./-])shared\/[\w.-]+\.md/m);
  });

  it('ships docs/okta-protocol.md and docs/requirements.md in the package', () => {
    const files = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] }).files;
    expect(files).toEqual(expect.arrayContaining(['docs/okta-protocol.md', 'docs/requirements.md']));
  });
});
