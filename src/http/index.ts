// The public face of src/http/: types, errors, auth and redaction. The undici transport is deliberately NOT
// re-exported: callers `await import('../http/undici-transport.js')` so commands that send nothing skip undici.
export type {
  AuthConfig,
  Exchange,
  HttpRequest,
  HttpResponse,
  Target,
  Timings,
  TlsConfig,
  Transport,
} from './types.js';
export { HttpError, describeTlsError, formatBytes, toHttpError } from './http-error.js';
export type { HttpErrorInit, HttpErrorKind, ToHttpErrorOptions } from './http-error.js';
export { authHeaders, secretsOf } from './auth.js';
export {
  REDACTED,
  redactExchange,
  redactHeaders,
  redactJsonBody,
  redactJsonValue,
  redactRequest,
  redactResponse,
  redactText,
  redactUrl,
} from './redact.js';
export { toHar } from './har.js';
export type { Har, HarCreator, HarEntry } from './har.js';
