// Slow clients are cut on time: headers that never finish, a body that stalls. A body that
// keeps moving is not cut however long it takes. Run with short timeouts; the defaults are
// the same code with larger numbers (10 s headers, 15 s body pause).
import type { Server } from 'node:http';
import { type Socket, connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { close, listen } from '../../src/http/listen';
import { type Session, type TestServer, startTestServer } from '../support/server';
import { titleTemplate } from '../support/client';

let base: TestServer;
let alice: Session;
let server: Server;
let port: number;
beforeAll(async () => {
  base = await startTestServer();
  alice = await base.signup();
  ({ server, port } = await listen(createApp(base.deps), 0, '127.0.0.1', {
    headersMs: 600,
    bodyIdleMs: 600,
    requestMs: 20_000,
    checkIntervalMs: 100,
  }));
});
afterAll(async () => {
  if (server) await close(server);
  await base?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw connection; resolves `closed` with what the server sent before it hung up. */
function open(): Promise<{ socket: Socket; closed: Promise<string> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      let received = '';
      socket.on('data', (chunk) => {
        received += chunk.toString('latin1');
      });
      const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} still open after ${ms} ms`)))]);

function postHead(length: number): string {
  return [
    'POST /api/templates HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/json',
    `Content-Length: ${length}`,
    `Cookie: ${alice.cookie}`,
    `X-CSRF-Token: ${alice.csrf}`,
    'Connection: close',
    '',
    '',
  ].join('\r\n');
}

describe('slow clients', () => {
  it('are cut when their headers do not arrive in time', async () => {
    const { socket, closed } = await open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    // Node's own default would check every 30 s; the server checks every 100 ms here.
    const answer = await within(closed, 5_000, 'a connection with unfinished headers');
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('are cut when their body stalls, and nothing is stored', async () => {
    const body = JSON.stringify({ name: 'stalled', jsonData: titleTemplate() });
    const { socket, closed } = await open();
    socket.write(postHead(Buffer.byteLength(body)) + body.slice(0, 20));
    await within(closed, 5_000, 'a connection with a stalled body');
    expect(await base.db.selectFrom('templates').select('id').where('name', '=', 'stalled').execute()).toEqual([]);
  });

  it('keep a body that moves steadily, however long it takes in all', async () => {
    const body = JSON.stringify({ name: 'trickled', jsonData: titleTemplate() });
    const { socket, closed } = await open();
    socket.write(postHead(Buffer.byteLength(body)));
    // Ten pauses of 200 ms: 2 s in all, three times the pause allowed, never one long pause.
    const step = Math.ceil(body.length / 10);
    for (let i = 0; i < body.length; i += step) {
      socket.write(body.slice(i, i + step));
      await sleep(200);
    }
    const answer = await within(closed, 10_000, 'the trickled request');
    expect(answer).toMatch(/^HTTP\/1\.1 201/);
  });
});
