// Real local listeners for fetcher tests. A "guard" listener counts every TCP connection,
// so a test can prove the fetcher never connected to it at all.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Listener {
  origin: string;
  port: number;
  connections: number;
  requests: string[];
  close(): Promise<void>;
}

export async function listen(host: string, handler: http.RequestListener = okHandler, port = 0): Promise<Listener> {
  const server = http.createServer(handler);
  const state: Listener = {
    origin: '',
    port: 0,
    connections: 0,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    state.connections++;
  });
  server.on('request', (req) => state.requests.push(req.url ?? ''));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  state.port = (server.address() as AddressInfo).port;
  state.origin = `http://${host.includes(':') ? `[${host}]` : host}:${state.port}`;
  return state;
}

function okHandler(_req: http.IncomingMessage, res: http.ServerResponse) {
  res.end('ok');
}
