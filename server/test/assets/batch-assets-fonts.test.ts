// POST /api/generate/batch, uploads (POST/GET /api/assets) and the font list and files.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { glyphCoverage, listFonts } from '@layercast/engine/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../support/fixtures';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;

beforeAll(async () => {
  app = await startRenderServer();
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

type Json = Record<string, unknown> & { error?: { code: string; message: string; details?: { path: string }[] } };

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.key.key}`, 'content-type': 'application/json', ...headers },
    body: body instanceof Uint8Array ? body : JSON.stringify(body),
  });

describe('POST /api/generate/batch', () => {
  it('renders each item on its own and sums up', async () => {
    const res = await post('/api/generate/batch', {
      items: [
        { id: 'hero', templateId, layers: { title: { text: 'Hero' } } },
        { id: 'bad-layer', templateId, layers: { nope: { text: 'x' } } },
        { id: 'missing', templateId: '00000000-0000-4000-8000-000000000000' },
        { id: 'jpeg', templateId, format: 'jpeg' },
        { templateId, format: 'tiff' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Json[]; summary: unknown };
    expect(body.summary).toEqual({ total: 5, succeeded: 2, failed: 3 });
    const [hero, bad, missing, jpeg, tiff] = body.results;
    expect(hero).toMatchObject({ id: 'hero', success: true, format: 'png', width: 400 });
    expect((await fetch(hero?.imageUrl as string)).status).toBe(200);
    expect(bad).toMatchObject({ id: 'bad-layer', success: false, error: { code: 'invalid_overrides' } });
    expect(bad?.error?.details?.[0]?.path).toBe('layers.nope');
    expect(missing).toMatchObject({ id: 'missing', success: false, error: { code: 'not_found' } });
    expect(jpeg).toMatchObject({ id: 'jpeg', success: true, format: 'jpeg' });
    expect(tiff).toMatchObject({ id: '4', success: false, error: { code: 'invalid_request' } });
    expect(tiff?.error?.details?.[0]?.path).toBe('items[4].format');
  });

  it('refuses more than 20 items, or none, as a whole', async () => {
    const many = await post('/api/generate/batch', { items: Array.from({ length: 21 }, () => ({ templateId })) });
    expect(many.status).toBe(422);
    expect(((await many.json()) as Json).error?.details?.[0]?.path).toBe('items');
    expect((await post('/api/generate/batch', { items: [] })).status).toBe(422);
    const anonymous = await fetch(`${app.url}/api/generate/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"items":[]}',
    });
    expect(anonymous.status).toBe(401);
  });
});

describe('/api/assets', () => {
  it('stores an uploaded image, serves it back and renders it in a template', async () => {
    const png = pngBytes(10, 10, [0, 200, 0, 255]);
    const res = await post('/api/assets', png, { 'content-type': 'image/png' });
    expect(res.status).toBe(201);
    const { asset } = (await res.json()) as {
      asset: { url: string; absoluteUrl: string; width: number; mime: string };
    };
    expect(asset).toMatchObject({ width: 10, mime: 'image/png' });
    expect(asset.url).toMatch(/^\/api\/assets\/[A-Za-z0-9_-]{22}\.png$/);
    const served = await fetch(`${app.url}${asset.url}`);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);
    // The same bytes again: the same asset.
    const again = await post('/api/assets', png, { 'content-type': 'application/octet-stream' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { asset: { url: string } }).asset.url).toBe(asset.url);

    // Both the relative and the absolute URL render from the store, not over the network.
    for (const src of [asset.url, asset.absoluteUrl]) {
      const gen = await app.generate({ templateId, layers: { logo: { image_url: src } } });
      const json = (await gen.json()) as Json;
      expect((json.diagnostics as { layers: Record<string, { loaded: boolean }> }).layers.logo?.loaded, src).toBe(true);
      const out = Buffer.from(await (await fetch(json.imageUrl as string)).arrayBuffer());
      const { data, info } = await sharp(out).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const i = (170 * info.width + 330) * 4;
      expect([data[i], data[i + 1], data[i + 2]]).toEqual([0, 200, 0]);
    }
  });

  it('stores an SVG, serves it so that it cannot run anything, and renders it sharp in a template', async () => {
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 20 10"><script>alert(1)</script>' +
        '<rect width="10" height="10" fill="#ff0000"/><rect x="10" width="10" height="10" fill="#0000ff"/></svg>',
    );
    const res = await post('/api/assets', svg, { 'content-type': 'image/svg+xml' });
    expect(res.status).toBe(201);
    const { asset } = (await res.json()) as { asset: { url: string; width: number; height: number; mime: string } };
    expect(asset).toMatchObject({ width: 20, height: 10, mime: 'image/svg+xml' });
    expect(asset.url).toMatch(/^\/api\/assets\/[A-Za-z0-9_-]{22}\.svg$/);
    const served = await fetch(`${app.url}${asset.url}`);
    expect(served.headers.get('content-type')).toBe('image/svg+xml');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(svg))).toBe(true);

    // The card's logo box is 60×60 at (300, 140): a 2:1 SVG contained is 60×30 at y 155..185.
    const gen = await app.generate({ templateId, layers: { logo: { image_url: asset.url } }, scale: 4 });
    const json = (await gen.json()) as Json;
    expect((json.diagnostics as { layers: Record<string, { loaded: boolean }> }).layers.logo?.loaded).toBe(true);
    const out = Buffer.from(await (await fetch(json.imageUrl as string)).arrayBuffer());
    const { data, info } = await sharp(out).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => {
      const i = (y * info.width + x) * 4;
      return [data[i], data[i + 1], data[i + 2]];
    };
    expect(info.width).toBe(1600);
    expect(px(310 * 4, 170 * 4)).toEqual([255, 0, 0]);
    expect(px(350 * 4, 170 * 4)).toEqual([0, 0, 255]);
    // At scale 4 the red/blue edge (x = 330) is one device pixel wide, not an upscaled ramp.
    expect(px(330 * 4 - 1, 170 * 4)).toEqual([255, 0, 0]);
    expect(px(330 * 4, 170 * 4)).toEqual([0, 0, 255]);
  });

  it('checks uploads like fetched images', async () => {
    const html = await post('/api/assets', new TextEncoder().encode('<html><script>alert(1)</script></html>'), {
      'content-type': 'image/png',
    });
    expect(html.status).toBe(415);
    expect(((await html.json()) as Json).error?.code).toBe('invalid_image');
    const external = await post(
      '/api/assets',
      new TextEncoder().encode(
        '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><image href="file:///etc/hosts"/></svg>',
      ),
      { 'content-type': 'image/svg+xml' },
    );
    expect(external.status).toBe(422);
    expect(((await external.json()) as Json).error?.message).toMatch(/external resource/);
    const noSize = await post('/api/assets', new TextEncoder().encode('<svg onload="alert(1)"></svg>'), {
      'content-type': 'image/svg+xml',
    });
    expect(noSize.status).toBe(422);
    const huge = await post('/api/assets', pngBytes(6000, 5000, [0, 0, 0, 255], 1), { 'content-type': 'image/png' });
    expect(huge.status).toBe(422);
    expect(((await huge.json()) as Json).error?.message).toContain('6000×5000');
    const big = await post('/api/assets', new Uint8Array(11 * 1024 * 1024), { 'content-type': 'image/png' });
    expect(big.status).toBe(413);
    const json = await post('/api/assets', { not: 'an image' });
    expect(json.status).toBe(415);
    const anonymous = await fetch(`${app.url}/api/assets`, { method: 'POST', body: pngBytes(2, 2) });
    expect(anonymous.status).toBe(401);
    expect((await fetch(`${app.url}/api/assets/AAAAAAAAAAAAAAAAAAAAAA.png`)).status).toBe(404);
  });
});

describe('/api/fonts', () => {
  it('lists the families the engine renders with and serves their files', async () => {
    const res = await fetch(`${app.url}/api/fonts`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      families: { family: string; weights: number[]; files: { weight: number; style: string; url: string }[] }[];
      coverage: [number, number][];
    };
    // The editor replaces exactly what the renderer replaces with U+FFFD.
    expect(body.coverage).toEqual(glyphCoverage());
    const covered = (cp: number) => body.coverage.some(([a, b]) => cp >= a && cp <= b);
    expect(covered(0x41)).toBe(true);
    expect(covered(0x0e01)).toBe(true); // Thai
    expect(covered(0x0d85)).toBe(false); // Sinhala: no shipped family
    const families = body.families.map((f) => f.family);
    expect(families).toEqual(listFonts().map((f) => f.family));
    const inter = body.families.find((f) => f.family === 'Inter')!;
    expect(inter.weights).toContain(400);
    expect(inter.weights).toContain(700);
    const regular = inter.files.find((f) => f.weight === 400 && f.style === 'normal')!;
    expect(regular.url).toMatch(/^\/api\/fonts\/files\/[0-9a-f]{12}\/[^/]+\.ttf$/);
    const file = await fetch(`${app.url}${regular.url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('font/ttf');
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const bytes = Buffer.from(await file.arrayBuffer());
    const source = listFonts()
      .find((f) => f.family === 'Inter')!
      .files.find((f) => f.weight === 400 && f.style === 'normal')!.path;
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(digest(bytes)).toBe(digest(readFileSync(source)));
    expect((await fetch(`${app.url}/api/fonts/files/000000000000/Inter_400Regular.ttf`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/fonts/files/${regular.url.split('/')[4]}/..%2F..%2Fpackage.json`)).status).toBe(
      404,
    );
  });
});

describe('OpenAPI', () => {
  it('documents the render API from the same request schemas', async () => {
    const doc = (await (await fetch(`${app.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: unknown; parameters?: { name: string }[] }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    for (const path of [
      '/api/generate',
      '/api/generate/batch',
      '/api/render',
      '/api/images/{file}',
      '/api/assets',
      '/api/fonts',
      '/api/usage',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    // POST /api/generate takes the render request plus the fields that queue it as a job.
    const generate = doc.components.schemas.GenerateRequestWithJob;
    expect(Object.keys(generate?.properties ?? {})).toEqual(
      expect.arrayContaining([
        'templateId',
        'layers',
        'variables',
        'format',
        'quality',
        'scale',
        'force',
        'variant',
        'async',
        'webhookUrl',
      ]),
    );
    expect(generate?.required).toContain('templateId');
    expect(doc.paths['/api/render']?.get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['templateId', 'layers', 'kid', 'exp', 'sig']),
    );
  });
});
