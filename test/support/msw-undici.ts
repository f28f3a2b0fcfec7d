// An undici Dispatcher that answers from msw request handlers, in process: msw cannot see undici's requests (they
// never touch node:http), so, as msw's maintainers advise, a dispatcher hands each request to msw's getResponse()
// and plays the Response back through undici's handler callbacks. The real transport runs unchanged on top of it:
// its deadline, size limit, decoding, redaction and error mapping are what the tests exercise.
import { getResponse } from 'msw';
import type { RequestHandler } from 'msw';
import { Dispatcher } from 'undici';

/** The callbacks undici's request() API hands a dispatcher (undici 7 still drives request() with these). */
interface LegacyHandler {
  onConnect?(abort: (reason?: Error) => void, context?: object): void;
  onHeaders?(statusCode: number, rawHeaders: Buffer[], resume: () => void, statusText: string): boolean | void;
  onData?(chunk: Buffer): boolean | void;
  onComplete?(trailers: Buffer[] | null): void;
  onError?(err: Error): void;
}

/** What a dropped connection looks like coming out of undici, for `HttpResponse.error()`. */
function socketClosed(): Error {
  return Object.assign(new Error('other side closed'), { name: 'SocketError', code: 'UND_ERR_SOCKET' });
}

function headerPairs(headers: Dispatcher.DispatchOptions['headers']): Array<[string, string]> {
  if (headers === null || headers === undefined) return [];
  if (Array.isArray(headers)) {
    const pairs: Array<[string, string]> = [];
    for (let i = 0; i + 1 < headers.length; i += 2) pairs.push([String(headers[i]), String(headers[i + 1])]);
    return pairs;
  }
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function') {
    return [...(headers as Iterable<[string, string | string[] | undefined]>)].flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]]));
  }
  return Object.entries(headers as Record<string, string | string[] | undefined>).flatMap(([k, v]) => (v === undefined ? [] : [[k, String(v)] as [string, string]]));
}

export class MswDispatcher extends Dispatcher {
  /** Every request msw was asked to answer, in order. */
  readonly requests: Request[] = [];

  constructor(private readonly handlers: RequestHandler[]) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    void this.respond(options, handler as LegacyHandler);
    return true;
  }

  private async respond(options: Dispatcher.DispatchOptions, handler: LegacyHandler): Promise<void> {
    const controller = new AbortController();
    let failed = false;
    const fail = (err: Error): void => {
      if (failed) return;
      failed = true;
      handler.onError?.(err);
    };
    handler.onConnect?.((reason) => {
      controller.abort(reason);
      fail(reason ?? new Error('aborted'));
    });
    try {
      const url = new URL(options.path, options.origin);
      const body = typeof options.body === 'string' || options.body instanceof Uint8Array ? options.body : undefined;
      const request = new Request(url, { method: options.method, headers: headerPairs(options.headers), ...(body === undefined ? {} : { body }) });
      this.requests.push(request.clone());
      // msw's delay() does not listen for aborts; the race lets the transport's deadline win, as on a socket.
      const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true }));
      const response = await Promise.race([getResponse(this.handlers, request), aborted]);
      if (response === undefined) throw new Error(`no msw handler for ${options.method} ${url.href}`);
      if (response.type === 'error') throw socketClosed();
      const raw: Buffer[] = [];
      response.headers.forEach((value, name) => raw.push(Buffer.from(name), Buffer.from(value)));
      if (controller.signal.aborted) return;
      handler.onHeaders?.(response.status, raw, () => undefined, response.statusText);
      if (response.body !== null) {
        const reader = response.body.getReader();
        for (;;) {
          const next = await Promise.race([reader.read(), aborted]);
          if (next.done === true) break;
          if (controller.signal.aborted) return;
          handler.onData?.(Buffer.from(next.value));
        }
      }
      if (!controller.signal.aborted) handler.onComplete?.([]);
    } catch (err) {
      fail(err instanceof Error ? err : new Error(String(err)));
    }
  }

  override async close(): Promise<void> {
    // Nothing pooled to close.
  }

  override async destroy(): Promise<void> {
    // Nothing pooled to destroy.
  }
}
