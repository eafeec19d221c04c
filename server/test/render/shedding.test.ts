// Load shedding counts what a request holds from the moment it starts fetching, not only
// once its job reaches the pool: otherwise any number of requests could download images
// at once (each up to 20 × 10 MB) while the pool looked idle. And the bytes of fetched
// images held by requests in flight have a ceiling of their own.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../support/fixtures';
import { type Listener, listen } from '../support/net';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

/** An image server whose `/hold/...` answers wait until `releaseHeld()`. */
let images: Listener;
let held: http.ServerResponse[] = [];
let noise: Buffer;
const small = pngBytes(8, 8, [255, 0, 0, 255]);

function releaseHeld(): void {
  for (const res of held) res.writeHead(200, { 'content-type': 'image/png' }).end(small);
  held = [];
}

beforeAll(async () => {
  // Random pixels do not compress: about 200 KB.
  noise = await sharp(randomBytes(256 * 200 * 4), { raw: { width: 256, height: 200, channels: 4 } })
    .png()
    .toBuffer();
  images = await listen('127.0.0.2', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url?.startsWith('/hold/')) held.push(res);
    else if (req.url?.startsWith('/noise')) res.writeHead(200, { 'content-type': 'image/png' }).end(noise);
    else res.writeHead(404).end();
  });
});
afterAll(async () => {
  releaseHeld();
  await images?.close();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

type Json = { error?: { code: string } };

describe('requests in flight while fetching', () => {
  let app: RenderTestServer;
  let templateId: string;
  beforeAll(async () => {
    // Room for two requests: one rendering, one waiting.
    app = await startRenderServer({}, { poolOptions: { size: 1, queueLimit: 1 } });
    templateId = await app.createTemplate(cardTemplate());
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sheds requests beyond the pool with 503 before they fetch anything', async () => {
    const before = images.requests.length;
    const origin = `http://images.example.com:${images.port}`;
    const pending = Array.from({ length: 5 }, (_, i) =>
      app.generate({ templateId, layers: { logo: { image_url: `${origin}/hold/${i}.png` } } }),
    );
    await until(() => held.length === 2, 'two fetches');
    // Give the other three every chance to start fetching too.
    await new Promise((r) => setTimeout(r, 300));
    expect(images.requests.length - before).toBe(2);
    releaseHeld();
    const responses = await Promise.all(pending);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 503, 503, 503]);
    const shed = responses.find((r) => r.status === 503)!;
    expect(((await shed.json()) as Json).error?.code).toBe('overloaded');
    expect(Number(shed.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('bytes of fetched images in flight', () => {
  let app: RenderTestServer;
  let templateId: string;
  beforeAll(async () => {
    app = await startRenderServer({}, { fetcherOptions: { maxBytesInFlight: 300 * 1024 } });
    const card = cardTemplate();
    templateId = await app.createTemplate({
      ...card,
      layers: [...card.layers, { name: 'photo', type: 'image', x: 10, y: 140, width: 60, height: 60, src: '' }],
    });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('sheds a request whose images would pass the ceiling, and takes it once the bytes are given back', async () => {
    releaseHeld();
    expect(noise.byteLength).toBeGreaterThan(160 * 1024);
    const origin = `http://images.example.com:${images.port}`;
    // The first request holds ~200 KB of noise while it waits for its second image.
    const first = app.generate({
      templateId,
      layers: { photo: { image_url: `${origin}/noise-a.png` }, logo: { image_url: `${origin}/hold/a.png` } },
    });
    await until(() => held.length === 1, 'the held fetch');
    await new Promise((r) => setTimeout(r, 100));
    const second = await app.generate({ templateId, layers: { photo: { image_url: `${origin}/noise-b.png` } } });
    expect(second.status).toBe(503);
    expect(((await second.json()) as Json).error?.code).toBe('overloaded');
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    releaseHeld();
    expect((await first).status).toBe(200);
    // The first request's bytes were given back when it finished.
    const again = await app.generate({ templateId, layers: { photo: { image_url: `${origin}/noise-b.png` } } });
    expect(again.status).toBe(200);
    const usage = (await (
      await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } })
    ).json()) as {
      renders: number;
    };
    // The shed request was not charged.
    expect(usage.renders).toBe(2);
  });
});
