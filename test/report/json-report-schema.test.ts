import { describe, expect, it } from 'vitest';
import { toJsonReport } from '../../src/report/json.js';
import { failingSummary, passingSummary } from './support/summary-fixture.js';
import { jsonReportErrors } from './support/json-report-validator.js';

const TOOL = { name: 'scim-check', version: '0.0.0-test' };

/** What the reporter writes, read back as a consumer reads it. */
function document(summary = failingSummary()): Record<string, unknown> {
  return JSON.parse(JSON.stringify(toJsonReport(summary, TOOL, 5))) as Record<string, unknown>;
}

describe('JSON report schema', () => {
  it('accepts the documents the json reporter writes', () => {
    expect(jsonReportErrors(document())).toEqual([]);
    expect(jsonReportErrors(document(passingSummary()))).toEqual([]);
  });

  it('rejects an unknown status, a missing field and an unexpected key', () => {
    const doc = document() as { suites: Array<{ steps: Array<Record<string, unknown>> }> };
    doc.suites[0]!.steps[0]!['status'] = 'flaky';
    expect(jsonReportErrors(doc).join('\n')).toMatch(/\/suites\/0\/steps\/0\/status must be equal to one of the allowed values/);
    const missing = document();
    delete missing['counts'];
    expect(jsonReportErrors(missing).join('\n')).toMatch(/must have required property 'counts'/);
    const extra = { ...document(), surprise: true };
    expect(jsonReportErrors(extra).join('\n')).toMatch(/must NOT have additional properties/);
  });

  it('pins the version the document declares', () => {
    expect(jsonReportErrors({ ...document(), version: 2 }).join('\n')).toMatch(/\/version must be equal to constant/);
  });
});
