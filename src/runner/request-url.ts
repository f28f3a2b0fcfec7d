// Turns an expanded request spec into the absolute URL that goes on the wire, and refuses any URL that would leave
// the base URL: a run only ever addresses resources under the base it was pointed at.
import { ExitCode, ScimCheckError } from '../errors.js';

/** A request whose URL, once normalised, is not under the run's base URL; it is never sent. */
export class OutsideBaseUrlError extends ScimCheckError {
  constructor(url: string, baseUrl: string) {
    super({
      code: 'request.outsideBase',
      exitCode: ExitCode.TARGET_ERROR,
      title: 'Request outside the base URL',
      detail: `${url} is not under the base URL ${baseUrl} once normalised; scim-check only addresses resources under the base URL it was given, so it was not sent`,
    });
  }
}

/** Joins the base URL and a suite path, then appends the query exactly in the order written. */
export function requestUrl(baseUrl: string, path: string, query: Array<[string, string]> | undefined, rawQuery: string | undefined): string {
  const base = baseUrl.replace(/\/+$/, '');
  const suffix = path.startsWith('/') ? path : `/${path}`;
  let url = `${base}${suffix}`;
  // encodeURIComponent gives %20 for spaces and encodes " and @, as current Okta requests do (okta-protocol.md §1.4).
  const encoded = rawQuery ?? query?.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  if (encoded !== undefined && encoded !== '') url += `${url.includes('?') ? '&' : '?'}${encoded}`;
  if (!isUnderBase(url, base)) throw new OutsideBaseUrlError(url, base);
  return url;
}

/** True when `url`, normalised as the transport will send it (dot segments removed), stays under `baseUrl`. */
export function isUnderBase(url: string, baseUrl: string): boolean {
  let target: URL;
  let base: URL;
  try {
    target = new URL(url);
    base = new URL(baseUrl);
  } catch {
    // An unparsable URL is the transport's to report (target.invalid-url), with its own wording.
    return true;
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  return target.origin === base.origin && (target.pathname === basePath || target.pathname.startsWith(`${basePath}/`));
}
