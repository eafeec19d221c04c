// What clients written for the services Layercast replaces send and expect: the key in
// X-Api-Key or in a POST body's api_key (never in a URL), `jpg`, GET /health, JSON errors
// from the HTTP layer too, batch defaults and data URIs, starters by name, and the response
// fields those services promise (generatedAt, mimeType, fileName, usage, generationMs null on
// a cache hit).
import net from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, send } from '../support/client';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;

beforeAll(async () => {
  app = await startRenderServer();
  templateId = await app.createTemplate(cardTemplate(), { isPublic: true });
});
afterAll(async () => {
  await app?.close();
});

/** Sends raw bytes on a socket and returns everything the server answered. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy(new Error('no answer')));
  });
}

describe('where the API key may be', () => {
  it('is accepted in X-Api-Key and in a POST body as api_key', async () => {
    const header = await call(app.url, 'POST', '/api/generate', {
      headers: { 'x-api-key': app.key.key },
      body: { templateId, layers: { title: { text: 'X-Api-Key' } } },
    });
    expect(header.status).toBe(200);
    const body = await call(app.url, 'POST', '/api/generate', {
      body: { api_key: app.key.key, templateId, layers: { title: { text: 'api_key' } } },
    });
    expect(body.status).toBe(200);
    const batch = await call(app.url, 'POST', '/api/generate/batch', {
      body: { api_key: app.key.key, items: [{ templateId }] },
    });
    expect(batch.status).toBe(200);
    expect(batch.body.summary.succeeded).toBe(1);
  });

  it('refuses a wrong key in either place, and any key in a URL, saying why', async () => {
    const header = await call(app.url, 'POST', '/api/generate', {
      headers: { 'x-api-key': 'lc_live_nope' },
      body: { templateId },
    });
    expect(header.status).toBe(401);
    expect(header.body.error.code).toBe('invalid_api_key');
    const body = await call(app.url, 'POST', '/api/generate', { body: { api_key: 'lc_live_nope', templateId } });
    expect(body.status).toBe(401);
    const inUrl = await call(app.url, 'GET', `/api/render?templateId=${templateId}&api_key=${app.key.key}`);
    expect(inUrl.status).toBe(400);
    expect(inUrl.body.error.message).toMatch(/not accepted in URLs.*logs.*X-Api-Key.*signed URL/);
    const post = await call(app.url, 'POST', `/api/generate?api_key=${app.key.key}`, { body: { templateId } });
    expect(post.status).toBe(400);
  });
});

describe('names and shapes other services use', () => {
  it('takes jpg for jpeg in a body and in a render query', async () => {
    const generated = await app.generate({ templateId, format: 'jpg' });
    const body = (await generated.json()) as { format: string; mimeType: string; fileName: string };
    expect(body).toMatchObject({ format: 'jpeg', mimeType: 'image/jpeg' });
    expect(body.fileName).toMatch(/\.jpg$/);
    const rendered = await send(app.url, 'GET', `/api/render?templateId=${templateId}&format=jpg`);
    expect(rendered.status).toBe(200);
    expect(rendered.headers.get('content-type')).toBe('image/jpeg');
  });

  it('answers GET /health like /healthz, in JSON', async () => {
    const res = await call(app.url, 'GET', '/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('answers in the JSON error shape what the HTTP layer refuses', async () => {
    const long = await send(app.url, 'GET', `/api/render?templateId=${templateId}&title=${'x'.repeat(17_000)}`);
    expect(long.status).toBe(431);
    expect(await long.json()).toMatchObject({ success: false, error: { code: 'headers_too_large' } });
    const port = Number(new URL(app.url).port);
    const garbage = await rawRequest(port, 'HELLO THERE\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbage).toMatch(/Content-Type: application\/json/);
    expect(JSON.parse(garbage.slice(garbage.indexOf('\r\n\r\n') + 4))).toMatchObject({
      success: false,
      error: { code: 'bad_request' },
    });
    const unknown = await call(app.url, 'GET', '/api/nothing-here');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, error: { code: 'not_found' } });
  });

  it('reports generatedAt, mimeType, fileName and the month’s usage; a cache hit has generationMs null', async () => {
    const first = await call(app.url, 'POST', '/api/generate', {
      as: app.key,
      body: { templateId, layers: { title: { text: 'Fields' } } },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ cached: false, mimeType: 'image/png' });
    expect(typeof first.body.generationMs).toBe('number');
    expect(first.body.imageUrl.endsWith(`/${first.body.fileName}`)).toBe(true);
    expect(Date.parse(first.body.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(Object.keys(first.body.usage).sort()).toEqual(['monthlyQuota', 'remaining', 'renders']);
    const usage = await call(app.url, 'GET', '/api/usage', { as: app.key });
    expect(first.body.usage.renders).toBe(usage.body.renders);
    expect(first.body.usage.monthlyQuota).toBe(usage.body.monthlyQuota);
    const again = await call(app.url, 'POST', '/api/generate', {
      as: app.key,
      body: { templateId, layers: { title: { text: 'Fields' } } },
    });
    expect(again.body).toMatchObject({ cached: true, generationMs: null, generatedAt: first.body.generatedAt });
    expect(again.body.usage.renders).toBe(first.body.usage.renders);
  });
});

describe('batch defaults and data URIs', () => {
  it('merges defaults under each item and returns each image as a data: URI', async () => {
    const res = await call(app.url, 'POST', '/api/generate/batch', {
      as: app.key,
      body: {
        defaults: { templateId, format: 'webp', layers: { title: { text: 'Default title', color: '#fde047' } } },
        items: [{ id: 'a' }, { id: 'b', layers: { title: { text: 'Item B' } }, format: 'png' }],
        response: 'base64',
      },
    });
    expect(res.status).toBe(200);
    const [a, b] = res.body.results as { id: string; format: string; dataUri: string; imageUrl: string }[];
    expect(a).toMatchObject({ id: 'a', format: 'webp' });
    expect(b).toMatchObject({ id: 'b', format: 'png' });
    expect(a!.dataUri).toMatch(/^data:image\/webp;base64,/);
    expect(b!.dataUri).toMatch(/^data:image\/png;base64,/);
    const decode = (uri: string) => Buffer.from(uri.slice(uri.indexOf(',') + 1), 'base64');
    // The data URI is the stored image, byte for byte.
    const stored = Buffer.from(await (await fetch(b!.imageUrl)).arrayBuffer());
    expect(decode(b!.dataUri).equals(stored)).toBe(true);
    expect((await sharp(decode(a!.dataUri)).metadata()).width).toBe(400);
    // B kept the default colour and took its own text: its title pixels are yellow too.
    const { data, info } = await sharp(decode(b!.dataUri)).raw().toBuffer({ resolveWithObject: true });
    let yellow = 0;
    for (let i = 0; i < data.length; i += info.channels)
      if (data[i]! > 200 && data[i + 1]! > 200 && data[i + 2]! < 120) yellow++;
    expect(yellow).toBeGreaterThan(50);
    const plain = await call(app.url, 'POST', '/api/generate/batch', {
      as: app.key,
      body: { items: [{ templateId }] },
    });
    expect(plain.body.results[0]).not.toHaveProperty('dataUri');
  });
});

describe('starters by name', () => {
  it('lists the starters and creates a template from one', async () => {
    const list = await call(app.url, 'GET', '/api/starters');
    expect(list.status).toBe(200);
    const blog = list.body.starters.find((s: { id: string }) => s.id === 'blog-post');
    expect(blog).toMatchObject({ width: 1200, height: 630 });
    expect(blog.jsonData.layers.length).toBeGreaterThan(1);
    const created = await call(app.url, 'POST', '/api/templates', { as: app.key, body: { starter: 'blog-post' } });
    expect(created.status).toBe(201);
    expect(created.body.name).toBe(blog.name);
    expect(created.body.jsonData).toEqual(blog.jsonData);
    const named = await call(app.url, 'POST', '/api/templates', {
      as: app.key,
      body: { starter: 'event', name: 'Our meetup' },
    });
    expect(named.body.name).toBe('Our meetup');
    const unknown = await call(app.url, 'POST', '/api/templates', { as: app.key, body: { starter: 'nope' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.message).toMatch(/starter: expected one of blog-post, /);
    const both = await call(app.url, 'POST', '/api/templates', {
      as: app.key,
      body: { starter: 'event', jsonData: blog.jsonData },
    });
    expect(both.status).toBe(422);
    expect(both.body.error.message).toMatch(/either starter or jsonData/);
  });
});
