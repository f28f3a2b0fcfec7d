// The HTML report opened in a real browser: Debian's chromium driven by playwright-core (browser downloads are not
// reachable here, so the system package is used; .ci/run installs it). Every section must be visible with JavaScript
// off, folded exchanges must open without script, and a hostile server must not get markup or script into the page.
// A screenshot of a failing run is saved for review: `__screenshots__/html-report-failing-run.actual.png` on every
// run (ignored by git), and the committed `html-report-failing-run.png` when UPDATE_SCREENSHOTS=1.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseQuirk, startServer } from '../../src/server/index.js';
import { ROOT, runCli } from '../support/run-cli.js';
import { startTinyServer } from '../support/tiny-server.js';

const CHROMIUM = process.env['SCIM_CHECK_CHROMIUM'] ?? '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test/e2e/__screenshots__');
const SECTIONS: Array<[string, RegExp]> = [
  ['overview', /SCIM provisioning check for Okta/],
  ['notices', /^Notices$/],
  ['features', /^Verdict per feature$/],
  ['failures', /^Failures \(\d+\)$/],
  ['warnings', /^Warnings \(\d+\)$/],
  ['timeline', /^Timeline of requests \(\d+\)$/],
  ['limits', /^Declared limits$/],
  ['cleanup', /^Cleanup$/],
];

let browser: Browser;
beforeAll(async () => {
  // Loud, never a skip: a CI without the browser must fail here, not pass having checked nothing.
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install -y chromium; .ci/run does) or set SCIM_CHECK_CHROMIUM`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'scim-check-html-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('the HTML report in Chromium', () => {
  it('of a failing run: every section present and visible with JavaScript off, exchanges open without script', async () => {
    const token = 'html-report-token-7f3a';
    const server = await startServer({ port: 0, token, emulate: 'postman', quirks: [parseQuirk('duplicate-create-201')] });
    onTestFinished(() => server.close());
    const dir = tempDir();
    const file = join(dir, 'report.html');
    const r = await runCli(['run', '--base-url', server.baseUrl, '--profile', 'postman', '--insecure', '--reporter', `html=${file}`], { env: { SCIM_TOKEN: token } });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(r.stdout).toContain('Steps: ');

    const page = await browser.newPage({ javaScriptEnabled: false, viewport: { width: 1280, height: 2200 } });
    onTestFinished(() => page.close());
    // Whatever the page asked for besides itself would show here: a self-contained report asks for nothing.
    const requested: string[] = [];
    page.on('request', (req) => requested.push(req.url()));
    await page.goto(pathToFileURL(file).href);
    expect(requested).toEqual([pathToFileURL(file).href]);

    for (const [id, heading] of SECTIONS) {
      const section = page.locator(`#${id}`);
      expect(await section.isVisible(), `#${id} visible`).toBe(true);
      expect(await section.locator('h1, h2').first().innerText(), id).toMatch(heading);
    }
    // The facts a support engineer quotes, as a person reads them.
    const overview = await page.locator('#overview').innerText();
    expect(overview).toContain(server.baseUrl);
    expect(overview).toMatch(/Run id\s+[0-9a-f]{8}/);
    expect(overview).toMatch(/Profile\s+Postman SCIM API \(postman\)/);
    expect(overview).toMatch(/Tool\s+scim-check \d+\.\d+\.\d+/);
    expect(overview).toMatch(/Not ready for Okta: \d+ features? failed \(.*Create Users/);
    expect(await page.locator('#notices').innerText()).toContain('--insecure');
    expect(await page.locator('#features tr', { hasText: 'Create Users' }).innerText()).toMatch(/Not ready/);
    expect(await page.locator('#limits').innerText()).toMatch(/Sync Password\s+unsupported/);
    // Postman has no DELETE /Users: the users are deactivated, and the report must not call that "removed".
    expect(await page.locator('#cleanup').innerText()).toMatch(/\d+ resources could not be deleted and were deactivated instead: they remain on the server/);

    // A failure shows expectation, reason and fix at once; its exchange is folded and opens with a click, no script.
    const card = page.locator('#failures article').first();
    const cardText = await card.innerText();
    expect(cardText).toMatch(/Found\s+expected 409 Conflict, got 201 Created/);
    expect(cardText).toMatch(/Why\s+\S/);
    expect(cardText).toMatch(/Fix\s+\S/);
    const response = card.locator('details.exchange pre').nth(1);
    expect(await response.isVisible()).toBe(false);
    await card.locator('details.exchange > summary').first().click();
    expect(await response.isVisible()).toBe(true);
    expect(await card.locator('details.exchange').first().innerText()).toMatch(/x-api-key: \[REDACTED\]|Authorization: Bearer \[REDACTED\]/);
    expect(await page.content()).not.toContain(token);

    mkdirSync(SHOTS, { recursive: true });
    const shot = await page.screenshot({ path: join(SHOTS, 'html-report-failing-run.actual.png') });
    if (process.env['UPDATE_SCREENSHOTS'] === '1') await page.screenshot({ path: join(SHOTS, 'html-report-failing-run.png') });
    expect(shot.length).toBeGreaterThan(10_000);
  });

  it('of a hostile server: its markup and script stay text, even with JavaScript on', async () => {
    const hostile = '</pre></details><script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">\u0007\u001b[31m';
    const server = await startTinyServer((req, res) => {
      // Not JSON, so the control characters reach the report raw, as a misconfigured proxy would send them.
      res.writeHead(400, { 'content-type': 'text/html', 'x-hostile': '<script>window.pwned = 3</script>' });
      res.end(req.method === 'POST' ? `<html><body>${hostile}</body></html>` : '');
    });
    onTestFinished(() => server.close());
    const dir = tempDir();
    const file = join(dir, 'report.html');
    const r = await runCli(['run', 'test/e2e/suites/create-and-read.yaml', '--base-url', server.baseUrl, '--reporter', `html=${file}`], { env: { SCIM_TOKEN: 'hostile-token' } });
    expect(r.exitCode, r.stderr).toBe(1);
    expect(readFileSync(file, 'utf8')).not.toContain('<script');

    const page = await browser.newPage({ javaScriptEnabled: true });
    onTestFinished(() => page.close());
    await page.goto(pathToFileURL(file).href);
    await page.locator('#failures details.exchange > summary').first().click();
    expect(await page.evaluate(() => (globalThis as { pwned?: number }).pwned)).toBeUndefined();
    expect(await page.locator('script, img').count()).toBe(0);
    const shown = await page.locator('#failures details.exchange').first().innerText();
    expect(shown).toContain('<script>window.pwned = 1</script>');
    expect(shown).toContain('x-hostile: <script>window.pwned = 3</script>');
    // The control characters are shown as escapes a person can read.
    expect(shown).toContain('\\u0007\\u001B[31m');
  });
});
