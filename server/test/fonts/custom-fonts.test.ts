// Fonts an account uploads: checked with a font parser before anything is stored, listed and
// served to their owner only, drawn by every render of the owner's templates (and by no
// other account's), and never answered from a render cached before they changed.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { withDeclaredWeight } from '@layercast/engine/node';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/client';
import { type Listener, listen } from '../support/net';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

const require = createRequire(import.meta.url);
const pacifico = readFileSync(require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'));
const pacificoWoff2 = readFileSync(require.resolve('@fontsource/pacifico/files/pacifico-latin-400-normal.woff2'));

let app: RenderTestServer;
let templateId: string;
let fontServer: Listener;

const brandCard = {
  version: 3,
  canvas: { width: 400, height: 120, background: '#ffffff' },
  layers: [
    {
      name: 'title',
      type: 'text',
      x: 10,
      y: 10,
      width: 380,
      height: 100,
      text: 'Hello Brand',
      fontFamily: 'Brand',
      fontSize: 48,
      color: '#111111',
    },
  ],
};

function upload(bytes: Buffer, query = '?family=Brand', as: { key: string } = app.key, type = 'font/ttf') {
  return call(app.url, 'POST', `/api/fonts${query}`, { as, raw: bytes, headers: { 'content-type': type } });
}

async function render(id = templateId, key = app.key.key) {
  const res = await app.generate({ templateId: id, layers: { title: { text: 'Hello Brand' } } }, key);
  expect(res.status).toBe(200);
  const body = (await res.json()) as {
    imageUrl: string;
    cached: boolean;
    diagnostics: { layers: Record<string, { fontFallback?: string }> };
  };
  const image = Buffer.from(await (await fetch(body.imageUrl)).arrayBuffer());
  return { ...body, pixels: await sharp(image).raw().toBuffer() };
}

function differingShare(a: Buffer, b: Buffer): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (Math.abs(a[i]! - b[i]!) + Math.abs(a[i + 1]! - b[i + 1]!) + Math.abs(a[i + 2]! - b[i + 2]!) > 24) n++;
  }
  return n / (a.length / 3);
}

async function fontObjects(): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of app.deps.storage.list('fonts/')) keys.push(key);
  return keys;
}

beforeAll(async () => {
  app = await startRenderServer();
  templateId = await app.createTemplate(brandCard);
  // A "public" font host (the fetcher's test allowance): files by path, anything else 404.
  fontServer = await listen('127.0.0.2', (req, res) => {
    const files: Record<string, [Buffer, string]> = {
      '/Brand.ttf': [pacifico, 'font/ttf'],
      '/Brand.woff2': [pacificoWoff2, 'font/woff2'],
      '/page.html': [Buffer.from('<html>not a font</html>'), 'text/html'],
    };
    const file = files[req.url ?? ''];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[1], 'content-length': file[0].byteLength }).end(file[0]);
  });
});

afterAll(async () => {
  await app?.close();
  await fontServer?.close();
});

describe('uploading a font', () => {
  it('draws the owner’s templates with it from the next render on, and stops when it is deleted', async () => {
    const before = await render();
    expect(before.diagnostics.layers.title?.fontFallback).toMatch(/"Brand" is not available/);

    const up = await upload(pacifico);
    expect(up.status).toBe(201);
    expect(up.body.font).toMatchObject({
      family: 'Brand',
      weight: 400,
      style: 'normal',
      format: 'ttf',
      bytes: pacifico.byteLength,
      url: expect.stringMatching(/^\/api\/fonts\/custom\/[A-Za-z0-9_-]{22}\.ttf$/),
      registeredAs: expect.stringMatching(/^Layercast custom [0-9a-f]{20}$/),
    });
    expect(up.body.font.coverage.some(([a, b]: [number, number]) => a <= 0x41 && 0x41 <= b)).toBe(true);

    // Same request as before: not the cached image drawn without the font.
    const after = await render();
    expect(after.cached).toBe(false);
    expect(after.diagnostics.layers.title).not.toHaveProperty('fontFallback');
    expect(differingShare(after.pixels, before.pixels)).toBeGreaterThan(0.02);
    // And now that one is cached.
    expect((await render()).cached).toBe(true);

    const removed = await call(app.url, 'DELETE', `/api/fonts/${up.body.font.id}`, { as: app.key });
    expect(removed.status).toBe(200);
    expect(await fontObjects()).toEqual([]);
    const gone = await render();
    expect(gone.cached).toBe(false);
    expect(gone.diagnostics.layers.title?.fontFallback).toMatch(/"Brand" is not available/);
    expect(differingShare(gone.pixels, before.pixels)).toBe(0);
    expect((await call(app.url, 'DELETE', `/api/fonts/${up.body.font.id}`, { as: app.key })).status).toBe(404);
  });

  it('lists and serves the file to its owner only, byte for byte', async () => {
    const up = await upload(pacifico, '?family=Brand%20Script');
    expect(up.status).toBe(201);
    const mine = await call(app.url, 'GET', '/api/fonts', { as: app.session });
    expect(mine.headers.get('cache-control')).toBe('private, no-cache');
    expect(mine.body.custom.map((f: { family: string }) => f.family)).toEqual(['Brand Script']);
    expect(mine.body.families.length).toBeGreaterThan(10);
    const anonymous = await call(app.url, 'GET', '/api/fonts');
    expect(anonymous.body.custom).toEqual([]);

    const file = await fetch(`${app.url}${up.body.font.url}`, { headers: { authorization: `Bearer ${app.key.key}` } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('font/ttf');
    const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect(sha(Buffer.from(await file.arrayBuffer()))).toBe(sha(pacifico));
    expect((await fetch(`${app.url}${up.body.font.url}`)).status).toBe(401);

    const other = await app.signup('other-fonts@example.com');
    expect((await call(app.url, 'GET', up.body.font.url, { as: other })).status).toBe(404);
    expect((await call(app.url, 'GET', '/api/fonts', { as: other })).body.custom).toEqual([]);
    expect((await call(app.url, 'DELETE', `/api/fonts/${up.body.font.id}`, { as: other })).status).toBe(404);
    await call(app.url, 'DELETE', `/api/fonts/${up.body.font.id}`, { as: app.key });
  });

  it('keeps another account’s template naming the same family on the fallback', async () => {
    const up = await upload(pacifico);
    expect(up.status).toBe(201);
    const other = await app.signup('other-brand@example.com');
    const otherKey = await app.createKey(other);
    const theirs = await app.createTemplate(brandCard, { session: other });
    const rendered = await render(theirs, otherKey.key);
    expect(rendered.diagnostics.layers.title?.fontFallback).toMatch(/"Brand" is not available/);
    expect((await render()).diagnostics.layers.title).not.toHaveProperty('fontFallback');
    await call(app.url, 'DELETE', `/api/fonts/${up.body.font.id}`, { as: app.key });
  });

  it('replaces the face of the same family, weight and style, and takes WOFF2 and a weight from the query', async () => {
    const first = await upload(pacifico);
    const second = await upload(pacificoWoff2, '?family=brand', app.key, 'font/woff2');
    expect(second.status).toBe(201);
    expect(second.body.replaced).toBe(first.body.font.id);
    expect(second.body.font).toMatchObject({ format: 'woff2', weight: 400, family: 'brand' });
    expect(second.body.font.registeredAs).not.toBe(first.body.font.registeredAs);
    expect((await call(app.url, 'GET', first.body.font.url, { as: app.key })).status).toBe(404);

    const bold = await upload(pacifico, '?family=Brand&weight=700');
    expect(bold.status).toBe(201);
    expect(bold.body.font.weight).toBe(700);
    const list = (await call(app.url, 'GET', '/api/fonts', { as: app.key })).body.custom as {
      weight: number;
      registeredAs: string;
    }[];
    expect(list.map((f) => f.weight)).toEqual([400, 700]);
    // One family, one private name for its faces.
    expect(new Set(list.map((f) => f.registeredAs)).size).toBe(1);
    for (const f of list as unknown as { id: string }[])
      await call(app.url, 'DELETE', `/api/fonts/${f.id}`, { as: app.key });
  });
});

describe('refusing a font', () => {
  it('says why, stores nothing and keeps the renderer up', async () => {
    const cases: [Buffer, string, string, number, RegExp][] = [
      [Buffer.from('<html>not a font</html>'), '?family=X', 'font/ttf', 422, /not a font file/],
      [Buffer.from(pacifico.subarray(0, 300)), '?family=X', 'font/ttf', 422, /could not be read|damaged|missing/],
      [Buffer.concat([Buffer.from('ttcf'), Buffer.alloc(100)]), '?family=X', 'font/ttf', 422, /collections/],
      [pacifico, '?family=Inter', 'font/ttf', 422, /ships/],
      [pacifico, '?family=%22Brand%22', 'font/ttf', 422, /family: expected/],
      [pacifico, '?family=X&weight=heavy', 'font/ttf', 422, /weight: expected a whole number/],
      [pacifico, '?family=X&style=italic', 'font/ttf', 422, /style: the file is an upright face/],
      [pacificoWoff2, '?family=X&weight=700', 'font/woff2', 422, /only a TTF or OTF/],
      [Buffer.from('{"font":"Brand"}'), '?family=X', 'application/json', 415, /send the font file/],
      [Buffer.alloc(10 * 1024 * 1024 + 10), '?family=X', 'font/ttf', 413, /larger than 10 MB/],
    ];
    for (const [bytes, query, type, status, message] of cases) {
      const res = await upload(bytes, query, app.key, type);
      expect(res.status, `${query} ${type}`).toBe(status);
      expect(res.body.error.message, query).toMatch(message);
      expect(JSON.stringify(res.body)).not.toMatch(/\/work|node_modules|at .*\.ts/);
    }
    expect((await call(app.url, 'GET', '/api/fonts', { as: app.key })).body.custom).toEqual([]);
    expect(await fontObjects()).toEqual([]);
    expect((await call(app.url, 'POST', '/api/fonts?family=X', { raw: pacifico })).status).toBe(401);
    // The renderer still renders.
    expect((await render()).diagnostics.layers.title?.fontFallback).toBeDefined();
  });

  it('stops at 50 fonts per account', async () => {
    const user = await app.signup('many-fonts@example.com');
    const key = await app.createKey(user);
    for (let i = 0; i < 50; i++) {
      const res = await upload(withDeclaredWeight(pacifico, 100 + i), `?family=Many`, key);
      expect(res.status).toBe(201);
    }
    const over = await upload(withDeclaredWeight(pacifico, 900), '?family=Many', key);
    expect(over.status).toBe(422);
    expect(over.body.error.code).toBe('too_many_fonts');
    // Replacing an existing face is still allowed at the limit.
    expect((await upload(withDeclaredWeight(pacifico, 120), '?family=Many', key)).status).toBe(201);
    expect((await call(app.url, 'GET', '/api/fonts', { as: key })).body.custom).toHaveLength(50);
  });
});

describe('fonts named by URL for one render', () => {
  const generate = (fonts: unknown) =>
    call(app.url, 'POST', '/api/generate', {
      as: app.key,
      body: { templateId, layers: { title: { text: 'Hello Brand' } }, fonts },
    });

  it('fetches the file through the guarded fetcher, draws with it, and caches by the request', async () => {
    const plain = await render();
    const first = await generate([{ family: 'Brand', url: `${fontServer.origin}/Brand.woff2` }]);
    expect(first.status).toBe(200);
    expect(first.body.cached).toBe(false);
    expect(first.body.diagnostics.layers.title).not.toHaveProperty('fontFallback');
    const image = await sharp(Buffer.from(await (await fetch(first.body.imageUrl)).arrayBuffer()))
      .raw()
      .toBuffer();
    expect(differingShare(image, plain.pixels)).toBeGreaterThan(0.02);
    const requests = fontServer.requests.length;
    const again = await generate([{ family: 'Brand', url: `${fontServer.origin}/Brand.woff2` }]);
    expect(again.body.cached).toBe(true);
    // Forced, it renders again from the fetcher's cache: no second download.
    const forced = await call(app.url, 'POST', '/api/generate', {
      as: app.key,
      body: {
        templateId,
        layers: { title: { text: 'Hello Brand' } },
        fonts: [{ family: 'Brand', url: `${fontServer.origin}/Brand.woff2` }],
        force: true,
      },
    });
    expect(forced.body.cached).toBe(false);
    expect(fontServer.requests.length).toBe(requests);
  });

  it('says which font could not be had, and refuses private addresses', async () => {
    const cases: [unknown, RegExp][] = [
      [
        [{ family: 'Brand', url: `${fontServer.origin}/missing.ttf` }],
        /fonts\[0\]\.url: the font server answered HTTP 404/,
      ],
      [[{ family: 'Brand', url: `${fontServer.origin}/page.html` }], /fonts\[0\]\.url: not a font file/],
      [[{ family: 'Brand', url: 'http://127.0.0.1:9/x.ttf' }], /fonts\[0\]\.url: .*private, loopback or reserved/],
      [
        [{ family: 'Brand', url: `${fontServer.origin}/Brand.woff2`, weight: 700 }],
        /fonts\[0\]\.weight: only a TTF or OTF/,
      ],
      [[{ family: 'Brand', url: 'ftp://example.com/x.ttf' }], /fonts\[0\]\.url: expected an http or https URL/],
      [[{ family: '"x"', url: `${fontServer.origin}/Brand.ttf` }], /fonts\[0\]\.family: expected 1–64 letters/],
    ];
    for (const [fonts, message] of cases) {
      const res = await generate(fonts);
      expect(res.status, JSON.stringify(fonts)).toBe(422);
      expect(res.body.error.message).toMatch(message);
    }
  });
});
