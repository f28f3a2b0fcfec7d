import { describe, expect, it } from 'vitest';
import { createHarReporter, toRunHar } from '../../src/report/har-reporter.js';
import { failingSummary, passingSummary } from './support/summary-fixture.js';
import { harSchemaErrors } from './support/validate-har.js';

const TOOL = { name: 'scim-check', version: '0.0.0-test' };

describe('har reporter', () => {
  it('writes HAR 1.2 that validates against the har-schema JSON Schemas', async () => {
    let text = '';
    await createHarReporter({ write: (t) => void (text += t), tool: TOOL }).onRunEnd?.(failingSummary(), 'failed');
    const har: unknown = JSON.parse(text);
    expect(harSchemaErrors(har)).toEqual([]);
    expect(harSchemaErrors(toRunHar(passingSummary(), TOOL))).toEqual([]);
  });

  it('is caught by the schema check when an entry is malformed', () => {
    const har = toRunHar(passingSummary(), TOOL) as unknown as { log: { entries: Array<Record<string, unknown>> } };
    delete har.log.entries[0]!['timings'];
    expect(harSchemaErrors(har).join('\n')).toMatch(/timings/);
  });

  it('holds every step exchange in run order, then the suite\'s cleanup, each named in its comment', () => {
    const har = toRunHar(failingSummary(), TOOL);
    expect(har.log.creator).toEqual(TOOL);
    expect(har.log.entries.map((e) => `${e.request.method} ${e.response.status}`)).toEqual(['GET 200', 'POST 200', 'DELETE 500', 'PATCH 400']);
    expect(har.log.entries.map((e) => (e as { comment?: string }).comment)).toEqual([
      'users.create › lookup: Title of lookup',
      'users.create › create: Okta creates the user "a" <POST /Users>',
      'cleanup of users.create › create',
      'password.sync › refused: Title of refused',
    ]);
  });

  it('carries timings and the already-redacted headers and bodies', () => {
    const entry = toRunHar(failingSummary(), TOOL).log.entries[1]!;
    expect(entry.startedDateTime).toBe('2025-01-02T03:04:05.006Z');
    expect(entry.timings).toMatchObject({ connect: 1, wait: 2, receive: 1 });
    expect(entry.request.headers).toContainEqual({ name: 'Authorization', value: 'Bearer [REDACTED]' });
    expect(entry.request.postData?.text).toBe('{"userName":"a","password":"[REDACTED]"}');
  });
});
