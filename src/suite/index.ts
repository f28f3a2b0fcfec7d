// The suite module's contract: what cli/ and runner/ import. ajv is loaded on the first load call, not here,
// so `--help` and commands that read no file stay fast.
export type * from './types.js';
export { LEVELS } from './types.js';
export { loadSuiteFile, loadSuiteText } from './load-suite.js';
export type { LoadOptions } from './load-suite.js';
export { loadProfileFile, loadProfileText } from './profile.js';
export type { ProfileLoadOptions } from './profile.js';
export { TEMPLATE_FILTERS, TemplateError, createScope, expandTemplates, templateRefs, templateRoots } from './templates.js';
export type { TemplateRef, TemplateScope } from './templates.js';
export { SuiteError } from './suite-error.js';
export { SCHEMA_NAMES, isSchemaName } from '../shared/scim-schema-names.js';
export type { SchemaName } from '../shared/scim-schema-names.js';
export { JSON_TYPE_NAMES, MATCHER_NAMES, isMatcherObject } from './matchers.js';
export type { MatcherName } from './matchers.js';
export {
  builtinProfilePath,
  builtinProfilesDir,
  builtinSuitesDir,
  fixturesDir,
  listBuiltinProfiles,
  listBuiltinSuiteFiles,
  packageRoot,
} from './builtin.js';
