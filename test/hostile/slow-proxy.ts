// A reverse proxy that holds every request for `delayMs` and then forwards it to a real SCIM server, whether or not
// the client is still waiting: the server behind it finishes what it was sent, as a real one does after a client
// gives up. So an interrupt lands mid-request, and what the run left behind is exactly what the server holds.
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlowProxy {
  baseUrl: string;
  /** Requests received so far (counted on arrival, before the delay). */
  received: () => number;
  /** Called with the running count as each request arrives, before it is held. */
  onRequest: ((count: number, method: string, path: string) => void) | undefined;
  /** Resolves once every request received so far has been forwarded and answered by the server behind. */
  idle: () => Promise<void>;
  close: () => Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', () => resolve(Buffer.concat(chunks)));
  });
}

/** `target` is the server's origin (http://127.0.0.1:port); the proxy keeps the request's path as it is. */
export async function startSlowProxy(target: string, delayMs: number, basePath = '/scim/v2'): Promise<SlowProxy> {
  const upstream = new URL(target);
  let count = 0;
  let pending = 0;
  let waiters: Array<() => void> = [];
  const settle = (): void => {
    pending--;
    if (pending > 0) return;
    const ready = waiters;
    waiters = [];
    for (const w of ready) w();
  };

  const forward = (req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer } | undefined> =>
    new Promise((resolve) => {
      const headers = { ...req.headers, host: upstream.host, 'content-length': String(body.length) };
      delete headers['transfer-encoding'];
      delete headers.connection;
      const out = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers, agent: false }, (res) => {
        readBody(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), () => resolve(undefined));
      });
      out.on('error', () => resolve(undefined));
      out.end(body);
    });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    pending++;
    try {
      const body = await readBody(req);
      await new Promise((r) => setTimeout(r, delayMs));
      // Forwarded even when the client has gone: the server does the work it was sent.
      const answer = await forward(req, body);
      if (res.destroyed) return;
      if (answer === undefined) {
        res.destroy();
        return;
      }
      const headers = { ...answer.headers };
      delete headers['transfer-encoding'];
      delete headers['connection'];
      delete headers['keep-alive'];
      headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers);
      res.end(answer.body);
    } finally {
      settle();
    }
  };

  const proxy: SlowProxy = {
    baseUrl: '',
    received: () => count,
    onRequest: undefined,
    idle: () => (pending === 0 ? Promise.resolve() : new Promise<void>((resolve) => waiters.push(resolve))),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    count++;
    proxy.onRequest?.(count, req.method ?? 'GET', req.url ?? '/');
    handle(req, res).catch(() => res.destroy());
  });
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.baseUrl = `http://127.0.0.1:${port}${basePath}`;
  return proxy;
}
