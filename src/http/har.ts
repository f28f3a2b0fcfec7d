// HAR 1.2 transcript of already-redacted exchanges, for support tickets (`--reporter har`, `diagnose --har`).
import type { Exchange } from './types.js';

export interface HarCreator {
  name: string;
  version: string;
}

interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    headers: HarNameValue[];
    queryString: HarNameValue[];
    cookies: HarNameValue[];
    headersSize: -1;
    bodySize: number;
    postData?: { mimeType: string; text: string };
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    headers: HarNameValue[];
    cookies: HarNameValue[];
    content: { size: number; compression?: number; mimeType: string; text: string; comment?: string };
    redirectURL: string;
    headersSize: -1;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { blocked: -1; dns: -1; connect: number; send: 0; wait: number; receive: number; ssl: -1 };
}

export interface Har {
  log: { version: '1.2'; creator: HarCreator; entries: HarEntry[]; comment?: string };
}

/** HAR spells the version as the request line does. */
function harVersion(version: string): string {
  return version.startsWith('HTTP/') ? version : `HTTP/${version}`;
}

/** One HAR header per value: set-cookie values were joined with "\n" by the transport. */
function headerList(headers: Record<string, string>): HarNameValue[] {
  const list: HarNameValue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'set-cookie') {
      for (const cookie of value.split('\n')) list.push({ name, value: cookie });
    } else {
      list.push({ name, value });
    }
  }
  return list;
}

function headerValue(headers: Record<string, string>, wanted: string): string | undefined {
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === wanted) return value;
  return undefined;
}

function queryList(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

function toEntry(exchange: Exchange): HarEntry {
  const { request, response, timings } = exchange;
  const contentSize = Buffer.byteLength(response.body, 'utf8');
  const entry: HarEntry = {
    startedDateTime: timings.startedAt,
    time: timings.total,
    request: {
      method: request.method,
      url: request.url,
      httpVersion: harVersion(response.httpVersion),
      headers: headerList(request.headers),
      queryString: queryList(request.url),
      cookies: [],
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : Buffer.byteLength(request.body, 'utf8'),
    },
    response: {
      status: response.status,
      statusText: response.statusText,
      httpVersion: harVersion(response.httpVersion),
      headers: headerList(response.headers),
      cookies: [],
      content: {
        size: contentSize,
        mimeType: headerValue(response.headers, 'content-type') ?? '',
        text: response.body,
      },
      // Location on a 201 names the created resource, not a redirect; the transport follows no redirects.
      redirectURL: '',
      headersSize: -1,
      bodySize: response.bodySize,
    },
    cache: {},
    timings: {
      blocked: -1,
      dns: -1,
      connect: timings.connect,
      send: 0,
      wait: timings.wait,
      receive: timings.receive,
      ssl: -1,
    },
  };
  if (request.body !== undefined) {
    entry.request.postData = { mimeType: headerValue(request.headers, 'content-type') ?? '', text: request.body };
  }
  if (response.bodyCut !== undefined) {
    // The text is the start of the body only; size stays the body's true size, as HAR defines it.
    entry.response.content.size = response.bodyCut;
    entry.response.content.comment = `body cut to ${Buffer.byteLength(response.body, 'utf8')} of ${response.bodyCut} bytes (--report-body-bytes)`;
  }
  if (entry.response.content.size !== response.bodySize) entry.response.content.compression = entry.response.content.size - response.bodySize;
  return entry;
}

/** Builds a HAR 1.2 log from exchanges that were redacted by the transport. */
export function toHar(exchanges: readonly Exchange[], creator: HarCreator): Har {
  return { log: { version: '1.2', creator: { ...creator }, entries: exchanges.map(toEntry) } };
}
