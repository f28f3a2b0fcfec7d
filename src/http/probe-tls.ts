// Whether a port speaks TLS or plain HTTP: a request in the wrong one is closed without a byte, which would
// otherwise read as a server crash. Loaded only when a request failed that way.
import { connect as netConnect } from 'node:net';
import { connect } from 'node:tls';

export function speaksTls(url: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = connect({ host, port: Number(url.port || 80), rejectUnauthorized: false, ...(/^[\d.:]+$/.test(host) ? {} : { servername: host }) });
    const done = (answer: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Whether a port answers plain HTTP: an https:// request to it fails in the handshake, which reads as a reset. */
export function speaksPlainHttp(url: URL, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const socket = netConnect({ host, port: Number(url.port || 443) });
    let head = '';
    const done = (answer: boolean): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => socket.write(`HEAD / HTTP/1.1\r\nHost: ${url.host}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.length >= 5) done(head.startsWith('HTTP/'));
    });
    socket.once('error', () => done(false));
    socket.once('end', () => done(head.startsWith('HTTP/')));
  });
}
