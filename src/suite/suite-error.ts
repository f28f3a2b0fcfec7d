// SuiteError: one problem in a suite or profile file, with the place at fault and one sentence of detail.
import { ExitCode, ScimCheckError } from '../errors.js';
import type { SourceLocation } from '../errors.js';

const TITLES: Record<string, string> = {
  yaml: 'YAML syntax error',
  unknownKey: 'Unknown key',
  missingKey: 'Missing key',
  type: 'Wrong type',
  badValue: 'Invalid value',
  duplicateStepId: 'Duplicate step id',
  unknownTemplate: 'Unknown template name',
  unknownFilter: 'Unknown template filter',
  badTemplate: 'Malformed template',
  captureBeforeDefined: 'Capture used before it is defined',
  envUnset: 'Environment variable not set',
  reservedName: 'Reserved name',
  unknownMatcher: 'Unknown matcher',
  badMatcher: 'Invalid matcher',
  badRegex: 'Invalid regular expression',
  slowRegex: 'Regular expression cannot run in linear time',
  unknownSchema: 'Unknown schema',
  conflict: 'Conflicting keys',
  fixtureNotFound: 'Fixture not found',
  fixtureOutside: 'Fixture outside the fixtures folder',
  fixtureInvalid: 'Invalid fixture',
  unknownFixture: 'Unknown fixture',
  unknownAttribute: 'Unknown attribute',
  unknownFeature: 'Unknown feature',
  badPointer: 'Invalid JSON pointer',
  badHeader: 'Invalid header',
  badPath: 'Invalid path',
  badNumber: 'Not a JSON number',
};

/** A problem in a suite (`suite.*`) or profile (`profile.*`) file; exit code 3, nothing is sent. */
export class SuiteError extends ScimCheckError {
  constructor(code: string, detail: string, location?: SourceLocation, hint?: string) {
    const kind = code.slice(code.indexOf('.') + 1);
    super({ code, exitCode: ExitCode.INVALID_INPUT, title: TITLES[kind] ?? 'Invalid suite', detail, location, hint });
  }
}
