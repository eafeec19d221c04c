// Starts the HTTP server with timeouts that keep slow or idle clients from holding sockets.
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
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

export function listen(
  app: Koa,
  port: number,
  host: string,
  timeouts: ClientTimeouts = CLIENT_TIMEOUTS,
): Promise<{ server: Server; port: number }> {
  const handle = app.callback();
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
  server.keepAliveTimeout = 5_000;
  server.maxHeadersCount = 100;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ server, port: (server.address() as AddressInfo).port });
    });
  });
}

/** Stops accepting, lets in-flight requests finish, then drops idle keep-alive sockets. */
export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeIdleConnections();
  });
}
