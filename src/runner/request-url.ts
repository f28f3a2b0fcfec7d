// Turns an expanded request spec into the absolute URL that goes on the wire.

/** Joins the base URL and a suite path, then appends the query exactly in the order written. */
export function requestUrl(baseUrl: string, path: string, query: Array<[string, string]> | undefined, rawQuery: string | undefined): string {
  const base = baseUrl.replace(/\/+$/, '');
  const suffix = path.startsWith('/') ? path : `/${path}`;
  let url = `${base}${suffix}`;
  // encodeURIComponent gives %20 for spaces and encodes " and @, as current Okta requests do (okta-protocol.md §1.4).
  const encoded = rawQuery ?? query?.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  if (encoded !== undefined && encoded !== '') url += `${url.includes('?') ? '&' : '?'}${encoded}`;
  return url;
}
