// Anonymous reads of stored images go through the hot lane (http/hot-lane.ts); the same reads
// with a key go through the whole stack. Both must give the same answer, and everything the
// stack refuses must still be refused.
import { Writable } from 'node:stream';
import { signedRenderUrl } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
const logs: Record<string, unknown>[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  app = await startRenderServer({}, { logger: createLogger('info', sink) });
});
afterAll(() => app?.close());

/** Headers that differ between any two responses. */
const PER_RESPONSE = new Set(['date', 'x-request-id', 'keep-alive', 'connection']);

async function read(url: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(url, { headers, method });
  const bytes = Buffer.from(await res.arrayBuffer());
  const kept = Object.fromEntries([...res.headers].filter(([name]) => !PER_RESPONSE.has(name)));
  return { status: res.status, headers: kept, requestId: res.headers.get('x-request-id'), bytes };
}

describe('anonymous reads of stored images', () => {
  it('answer a repeated public render exactly as the full path answers it', async () => {
    const id = await app.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${app.url}/api/render?templateId=${id}&title=Hot%20lane`;
    const miss = await read(url);
    expect(miss.headers['x-cache']).toBe('MISS');

    const anonymous = await read(url);
    const keyed = await read(url, { authorization: `Bearer ${app.key.key}` });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers).toEqual({ ...keyed.headers });
    expect(anonymous.headers).toMatchObject({
      'x-cache': 'HIT',
      'content-type': 'image/png',
      'content-length': String(miss.bytes.byteLength),
      'cache-control': 'public, max-age=3600, stale-while-revalidate=86400',
      etag: miss.headers.etag,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(anonymous.bytes.equals(miss.bytes)).toBe(true);
    expect(anonymous.requestId).not.toBe(keyed.requestId);

    // HEAD and If-None-Match, the way a crawler and a browser revalidate.
    const head = await read(url, {}, 'HEAD');
    expect(head).toMatchObject({ status: 200, headers: { etag: miss.headers.etag, 'x-cache': 'HIT' } });
    expect(head.bytes.byteLength).toBe(0);
    const revalidated = await read(url, { 'if-none-match': String(miss.headers.etag) });
    expect(revalidated).toMatchObject({ status: 304, headers: { etag: miss.headers.etag } });

    // Logged like every request, with the id the client was given.
    const tagged = await read(url, { 'x-request-id': 'hot-read-1' });
    expect(tagged.requestId).toBe('hot-read-1');
    expect(logs.filter((line) => line.requestId === 'hot-read-1')).toEqual([
      expect.objectContaining({ msg: 'request', method: 'GET', path: '/api/render', status: 200 }),
    ]);
  });

  it('answer a permanent image URL as the full path does, and a missing one with the error shape', async () => {
    const generated = await app.generate({ templateId: await app.createTemplate(cardTemplate()) });
    expect(generated.status).toBe(200);
    const { imageUrl } = (await generated.json()) as { imageUrl: string };
    const path = new URL(imageUrl).pathname;
    const anonymous = await read(`${app.url}${path}`);
    const keyed = await read(`${app.url}${path}`, { authorization: `Bearer ${app.key.key}` });
    expect(anonymous.status).toBe(200);
    expect(anonymous.headers).toEqual(keyed.headers);
    expect(anonymous.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(anonymous.bytes.equals(keyed.bytes)).toBe(true);

    const missing = await fetch(`${app.url}/api/images/AAAAAAAAAAAAAAAAAAAAAA.png`);
    expect(missing.status).toBe(404);
    const body = (await missing.json()) as { error: { code: string; requestId: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.requestId).toBe(missing.headers.get('x-request-id'));
  });

  it('still refuse what the stack refuses: a key in the URL, a bad key, a bad signature', async () => {
    const generated = await app.generate({ templateId: await app.createTemplate(cardTemplate()) });
    const path = new URL(((await generated.json()) as { imageUrl: string }).imageUrl).pathname;
    expect((await fetch(`${app.url}${path}?api_key=${app.key.key}`)).status).toBe(400);

    const id = await app.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${app.url}/api/render?templateId=${id}&title=Refused`;
    await read(url);
    expect((await read(url)).headers['x-cache']).toBe('HIT');
    const badKey = await fetch(url, { headers: { authorization: 'Bearer lc_live_not_a_key' } });
    expect(badKey.status).toBe(401);

    const signed = await signedRenderUrl({
      baseUrl: app.url,
      templateId: await app.createTemplate(cardTemplate()),
      keyId: app.key.id,
      signingSecret: app.key.signingSecret,
      layers: { title: { text: 'Signed hot read' } },
      expiresInSeconds: 600,
    });
    expect((await read(signed)).status).toBe(200);
    expect((await read(signed)).headers['x-cache']).toBe('HIT');
    const tampered = signed.replace(/sig=([0-9a-f])/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { error: { code: string; requestId: string } };
    expect(body.error).toMatchObject({ code: 'invalid_signature', requestId: refused.headers.get('x-request-id') });
    expect(refused.headers.get('etag')).toBeNull();
  });
});
