// Servers that know only application/json, on the way in (Content-Type) or on the way out (Accept).
import { ScimHttpError } from '../scim-http-error.js';
import { defineQuirk } from '../quirk-hooks.js';

const SCIM_JSON = /application\/scim\+json/i;

export const rejectScimJsonContentType = defineQuirk({
  name: 'reject-scim-json-content-type',
  description: 'request bodies sent as Content-Type application/scim+json get 415 Unsupported Media Type',
  oktaSymptom: 'every create and update fails although the same JSON works with application/json (§1.1, §4.2)',
  hooks: () => ({
    negotiate: ({ contentType }) => {
      if (contentType !== undefined && SCIM_JSON.test(contentType)) {
        throw new ScimHttpError(415, 'This server does not accept application/scim+json bodies; send application/json.');
      }
    },
  }),
});

export const rejectScimJsonAccept = defineQuirk({
  name: 'reject-scim-json-accept',
  description: 'requests with Accept: application/scim+json get 406 Not Acceptable',
  oktaSymptom: 'Test API Credentials fails with no useful error (§1.1, §4.2)',
  hooks: () => ({
    negotiate: ({ accept }) => {
      if (accept !== undefined && SCIM_JSON.test(accept)) {
        throw new ScimHttpError(406, 'This server cannot produce application/scim+json; ask for application/json.');
      }
    },
  }),
});
