// The hot lane in front of a real Koa stack over real HTTP: which requests it hands to its
// reader, what an answered request carries, and that everything else reaches the stack.
import type { Server } from 'node:http';
import { Writable } from 'node:stream';
import Koa from 'koa';
import { afterEach, describe, expect, it } from 'vitest';
import { type HotReader, hotLane } from '../../src/http/hot-lane';
import { createLogger } from '../../src/logger';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Lane {
  url: string;
  /** Paths the reader was asked about, in order. */
  asked: string[];
  /** Paths the stack below the lane answered. */
  stack: string[];
  logs: Record<string, unknown>[];
}

let server: Server | undefined;
afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A lane whose reader answers `/hot` with bytes, declines `/cold` and throws on `/broken`. */
async function startLane(): Promise<Lane> {
  const lane: Lane = { url: '', asked: [], stack: [], logs: [] };
  const sink = new Writable({
    write(chunk, _enc, done) {
      lane.logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const reader: HotReader = async (ctx) => {
    lane.asked.push(ctx.path);
    if (ctx.path === '/broken') throw new Error('the database is away');
    if (ctx.path !== '/hot') return false;
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.type = 'image/png';
    ctx.body = Buffer.from('hot bytes');
    return true;
  };
  const app = new Koa();
  app.use(hotLane(createLogger('info', sink), reader));
  app.use((ctx) => {
    lane.stack.push(ctx.path);
    ctx.body = { from: 'stack' };
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server?.once('listening', resolve));
  const address = server.address();
  lane.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return lane;
}

describe('the hot lane', () => {
  it('answers a plain read with the id, security headers and access log line of any request', async () => {
    const lane = await startLane();
    const res = await fetch(`${lane.url}/hot?x=1`, { headers: { 'x-request-id': 'req-hot-1' } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('hot bytes');
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'x-request-id': 'req-hot-1',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cache-control': 'public, max-age=60',
      'content-type': 'image/png',
    });
    expect(lane.stack).toEqual([]);
    expect(lane.logs).toEqual([
      expect.objectContaining({ msg: 'request', requestId: 'req-hot-1', method: 'GET', path: '/hot', status: 200 }),
    ]);

    // Other parameters, with underscores or escapes of their own, are not a key.
    for (const query of ['?title=a_b', '?sub%5Ftitle=x&y=%5F']) {
      expect((await fetch(`${lane.url}/hot${query}`)).status).toBe(200);
    }
    expect(lane.stack).toEqual([]);

    // A request id that is not a plain token is replaced, as the stack does.
    const odd = await fetch(`${lane.url}/hot`, { headers: { 'x-request-id': 'has spaces\tand tabs' } });
    expect(odd.headers.get('x-request-id')).toMatch(UUID);
    const head = await fetch(`${lane.url}/hot`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(lane.stack).toEqual([]);
  });

  it('hands the stack every request that carries a credential, a body or another method', async () => {
    const lane = await startLane();
    const requests: [string, RequestInit][] = [
      ['/hot', { headers: { authorization: 'Bearer lc_live_x' } }],
      ['/hot', { headers: { 'x-api-key': 'lc_live_x' } }],
      ['/hot', { headers: { cookie: 'layercast_session=abc' } }],
      ['/hot?api_key=lc_live_x', {}],
      // Decoded, it is the same parameter `authenticate` refuses.
      ['/hot?api%5Fkey=lc_live_x', {}],
      ['/hot?x=1&%61pi%5fk%65y=lc_live_x', {}],
      ['/hot', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } }],
      ['/hot', { method: 'DELETE' }],
    ];
    for (const [path, init] of requests) {
      const res = await fetch(`${lane.url}${path}`, init);
      expect(await res.json()).toEqual({ from: 'stack' });
    }
    expect(lane.asked).toEqual([]);
    expect(lane.stack).toHaveLength(requests.length);
    // The stack's own requests are logged by the stack, not the lane.
    expect(lane.logs).toEqual([]);
  });

  it('passes a read the reader declines or fails on to the stack, with nothing of its own set', async () => {
    const lane = await startLane();
    for (const path of ['/cold', '/broken']) {
      const res = await fetch(`${lane.url}${path}`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ from: 'stack' });
      expect(res.headers.get('x-request-id')).toBeNull();
      expect(res.headers.get('x-frame-options')).toBeNull();
    }
    expect(lane.asked).toEqual(['/cold', '/broken']);
    expect(lane.stack).toEqual(['/cold', '/broken']);
    expect(lane.logs).toEqual([]);
  });
});
