// Starts the HTTP server with timeouts that keep slow or idle clients from holding sockets.
import { type IncomingMessage, STATUS_CODES, type Server, type ServerResponse, createServer } from 'node:http';
import type { Duplex } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type Koa from 'koa';

export interface ClientTimeouts {
  /** The request line and headers must arrive within this. */
  headersMs: number;
  /**
   * A body may pause this long between bytes. An upload that keeps moving is never cut by it
   * (a 10 MB font on a slow link takes minutes); one that stalls is.
   */
  bodyIdleMs: number;
  /** Headers and body together, however steadily they move: a drip of one byte a second ends here. */
  requestMs: number;
  /** How often Node checks the header and request timeouts (its default is every 30 s). */
  checkIntervalMs: number;
}

export const CLIENT_TIMEOUTS: ClientTimeouts = {
  headersMs: 10_000,
  bodyIdleMs: 15_000,
  requestMs: 120_000,
  checkIntervalMs: 1_000,
};

/** Requests being handled, and whether the server is draining (see `close`). */
interface Drain {
  inFlight: number;
  draining: boolean;
  idle?: () => void;
}
const drains = new WeakMap<Server, Drain>();

export function listen(
  app: Koa,
  port: number,
  host: string,
  timeouts: ClientTimeouts = CLIENT_TIMEOUTS,
): Promise<{ server: Server; port: number }> {
  const callback = app.callback();
  const drain: Drain = { inFlight: 0, draining: false };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    if (drain.draining) {
      // A request on a kept-alive connection after shutdown began: answered, not started.
      res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1', connection: 'close' });
      res.end(
        JSON.stringify({
          success: false,
          error: { code: 'unavailable', message: 'the server is shutting down; retry on another node or shortly' },
        }),
      );
      return;
    }
    drain.inFlight++;
    // Counted until the handler is done, not until the socket closes: a client that hangs up
    // does not end the render it started.
    callback(req, res).finally(() => {
      drain.inFlight--;
      if (drain.inFlight === 0) drain.idle?.();
    });
  };
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
      if (hasBody && !req.complete) {
        // While the body arrives, the socket may not go quiet for longer than bodyIdleMs.
        // Cleared once the body has been read or the answer sent: a render that takes a while
        // to answer is not the client's silence.
        req.setTimeout(timeouts.bodyIdleMs, () => req.socket.destroy());
        const clear = () => req.setTimeout(0);
        req.once('end', clear);
        res.once('finish', clear);
      }
      return handle(req, res);
    },
  );
  // What Node's HTTP parser refuses before the app sees a request (headers over 16 KB, a
  // request that is not HTTP, headers that never finish) is answered in the API's error shape
  // too, not with Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            431,
            'headers_too_large',
            'the request line and headers are larger than 16 KB; send large overrides in a POST body',
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request_timeout', 'the request was not received in time']
          : [400, 'bad_request', 'the request is not valid HTTP/1.1'];
    const body = JSON.stringify({ success: false, error: { code, message } });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  drains.set(server, drain);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

/**
 * Drains: stops accepting connections, answers any new request on a kept-alive one with 503,
 * waits (up to `graceMs`) until every request being handled has finished — renders included,
 * so the render children can be stopped after this — then closes what is left.
 */
export async function close(server: Server, graceMs = 30_000): Promise<void> {
  const drain = drains.get(server);
  if (drain) drain.draining = true;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  if (drain && drain.inFlight > 0) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, graceMs);
      drain.idle = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
  server.closeAllConnections();
  await closed;
}
