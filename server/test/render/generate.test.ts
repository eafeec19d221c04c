// POST /api/generate and GET /api/images over real HTTP, with real renders in child
// processes, checked by decoding the images that come back.
import { mkdirSync, writeFileSync } from 'node:fs';
import type http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../support/fixtures';
import { type Listener, listen } from '../support/net';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;
let images: Listener;
let guard: Listener;
const outDir = join(tmpdir(), 'layercast-render-tests');

const logoPng = pngBytes(8, 8, [255, 0, 0, 255]);

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  images = await listen('127.0.0.2', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(logoPng);
    else res.writeHead(404).end();
  });
  guard = await listen('127.0.0.1');
  app = await startRenderServer();
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
  await images?.close();
  await guard?.close();
});

type Json = Record<string, unknown> & {
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
};

async function pixel(bytes: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
}

async function generateOk(body: unknown): Promise<{ res: Response; json: Json }> {
  const res = await app.generate(body);
  const json = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`generate failed: ${res.status} ${JSON.stringify(json)}`);
  return { res, json };
}

describe('POST /api/generate', () => {
  it("accepts seed 001's body verbatim and reports the unreachable logo in diagnostics", async () => {
    const seedTemplate = await app.createTemplate(cardTemplate());
    const res = await app.generate({
      templateId: seedTemplate,
      layers: {
        title: { text: 'My Blog Post Title' },
        subtitle: { text: 'Published on Jan 15', fontSize: 24, color: '#666666' },
        logo: { image_url: 'https://example.com/logo.png', width: 120, height: 120 },
      },
      format: 'png',
    });
    const body = (await res.json()) as Json;
    expect(res.status).toBe(200);
    const { success, imageUrl, cached } = body;
    expect(success).toBe(true);
    expect(cached).toBe(false);
    expect(imageUrl).toMatch(new RegExp(`^${app.url}/api/images/[A-Za-z0-9_-]{22}\\.png$`));
    expect(body).toMatchObject({ format: 'png', width: 400, height: 210 });
    expect(typeof body.generationMs).toBe('number');
    const diagnostics = body.diagnostics as { layers: Record<string, { loaded?: boolean; error?: string }> };
    expect(diagnostics.layers.logo?.loaded).toBe(false);
    expect(diagnostics.layers.logo?.error).toBeTruthy();
  });

  it('stores the render at a permanent URL served with immutable caching and its ETag', async () => {
    const { res, json } = await generateOk({ templateId, layers: { title: { text: 'Stored' } } });
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(res.headers.get('x-render-time-ms')).toMatch(/^\d+$/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const image = await fetch(json.imageUrl as string);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(image.headers.get('etag')).toBe(etag);
    const png = Buffer.from(await image.arrayBuffer());
    writeFileSync(join(outDir, 'stored.png'), png);
    expect(await pixel(png, 5, 205)).toEqual([0x1e, 0x3a, 0x8a, 255]);
    const again = await fetch(json.imageUrl as string, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('draws an image_url fetched through the guarded fetcher', async () => {
    const { json } = await generateOk({
      templateId,
      layers: { logo: { image_url: `http://images.example.com:${images.port}/logo.png` } },
    });
    expect((json.diagnostics as { layers: Record<string, { loaded: boolean }> }).layers.logo?.loaded).toBe(true);
    const png = Buffer.from(await (await fetch(json.imageUrl as string)).arrayBuffer());
    writeFileSync(join(outDir, 'with-logo.png'), png);
    expect(await pixel(png, 330, 170)).toEqual([255, 0, 0, 255]);
  });

  it('never connects to loopback, metadata or mapped addresses; the render reports why', async () => {
    const port = guard.port;
    for (const target of [
      `http://127.0.0.1:${port}/a.png`,
      `http://localhost:${port}/a.png`,
      `http://[::ffff:127.0.0.1]:${port}/a.png`,
      `http://2130706433:${port}/a.png`,
      `http://0.0.0.0:${port}/a.png`,
      'http://169.254.169.254/latest/meta-data/',
      `http://sneaky.example.com:${port}/a.png`,
      `http://images.example.com:${images.port}/redirect?to=http://127.0.0.1:${port}/a.png`,
      `file:///etc/passwd`,
      '/etc/passwd',
    ]) {
      const { json } = await generateOk({ templateId, layers: { logo: { image_url: target } } });
      const logo = (json.diagnostics as { layers: Record<string, { loaded: boolean; error?: string }> }).layers.logo;
      expect(logo?.loaded, target).toBe(false);
      expect(logo?.error, target).not.toMatch(/ENOENT|\/etc|at .*\(/);
    }
    expect(guard.connections).toBe(0);
  });

  it('answers an identical request from the cache, in any key order, without rendering', async () => {
    const first = await generateOk({
      templateId,
      layers: { title: { text: 'Cache me', color: '#ff0000' } },
      format: 'png',
    });
    const second = await generateOk({
      format: 'png',
      layers: { title: { color: '#ff0000', text: 'Cache me' } },
      templateId,
    });
    expect(second.json.cached).toBe(true);
    expect(second.res.headers.get('x-cache')).toBe('HIT');
    expect(second.json.imageUrl).toBe(first.json.imageUrl);
    expect(second.res.headers.get('etag')).toBe(first.res.headers.get('etag'));
    const forced = await generateOk({
      templateId,
      layers: { title: { text: 'Cache me', color: '#ff0000' } },
      force: true,
    });
    expect(forced.json.cached).toBe(false);
    expect(forced.res.headers.get('x-cache')).toBe('MISS');
    expect(forced.json.imageUrl).not.toBe(first.json.imageUrl);
    // The old URL stays valid: image URLs are permanent.
    expect((await fetch(first.json.imageUrl as string)).status).toBe(200);
  });

  it('misses the cache once the template is saved again', async () => {
    const id = await app.createTemplate(cardTemplate());
    const body = { templateId: id, layers: { title: { text: 'Versioned' } } };
    await generateOk(body);
    expect((await generateOk(body)).json.cached).toBe(true);
    await app.updateTemplate(id, {
      jsonData: { ...cardTemplate(), canvas: { width: 400, height: 210, background: '#000000' } },
    });
    const after = await generateOk(body);
    expect(after.json.cached).toBe(false);
  });

  it('keys the cache on variables, format, quality and scale', async () => {
    const base = { templateId, layers: { title: { text: 'Keyed' } } };
    await generateOk(base);
    for (const variant of [
      { ...base, variables: { author: 'Ann' } },
      { ...base, format: 'jpeg' },
      { ...base, format: 'jpeg', quality: 50 },
      { ...base, scale: 2 },
    ]) {
      expect((await generateOk(variant)).json.cached, JSON.stringify(variant)).toBe(false);
    }
    const scaled = await generateOk({ ...base, scale: 2 });
    expect(scaled.json).toMatchObject({ cached: true, width: 800, height: 420 });
  });

  it('renders jpeg, webp, avif, svg and pdf with the right type', async () => {
    const expected: Record<string, { type: string; magic: (b: Buffer) => boolean }> = {
      jpeg: { type: 'image/jpeg', magic: (b) => b[0] === 0xff && b[1] === 0xd8 },
      webp: { type: 'image/webp', magic: (b) => b.subarray(8, 12).toString() === 'WEBP' },
      avif: { type: 'image/avif', magic: (b) => b.subarray(4, 12).toString().startsWith('ftypavi') },
      svg: { type: 'image/svg+xml', magic: (b) => b.toString('utf8', 0, 200).includes('<svg') },
      pdf: { type: 'application/pdf', magic: (b) => b.subarray(0, 5).toString() === '%PDF-' },
    };
    for (const [format, check] of Object.entries(expected)) {
      const { json } = await generateOk({ templateId, format });
      expect(json.imageUrl as string).toMatch(new RegExp(`\\.${format === 'jpeg' ? 'jpg' : format}$`));
      const image = await fetch(json.imageUrl as string);
      expect(image.headers.get('content-type'), format).toBe(check.type);
      expect(check.magic(Buffer.from(await image.arrayBuffer())), format).toBe(true);
    }
  });

  it('names the JSON path of every invalid input and changes nothing', async () => {
    const cases: [unknown, number, string, string?][] = [
      [{ templateId, layers: { nope: { text: 'x' } } }, 422, 'invalid_overrides', 'layers.nope'],
      [{ templateId, layers: { title: { fontSize: 'big' } } }, 422, 'invalid_overrides', 'layers.title.fontSize'],
      [{ templateId, layers: { title: { image_url: 'x' } } }, 422, 'invalid_overrides', 'layers.title.image_url'],
      [{ templateId, variables: { nobody: 'x' } }, 422, 'invalid_request', 'variables.nobody'],
      [{ templateId, format: 'gif' }, 422, 'invalid_request', 'format'],
      [{ templateId, scale: 9 }, 422, 'invalid_request', 'scale'],
      [{ templateId, quality: 0 }, 422, 'invalid_request', 'quality'],
      [{ templateId, colour: 'red' }, 422, 'invalid_request', 'colour'],
      [{ layers: {} }, 422, 'invalid_request', 'templateId'],
    ];
    const usageNow = async () =>
      (await (
        await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } })
      ).json()) as Json;
    const rendersStored = async () =>
      Number(
        (
          await app.db
            .selectFrom('renders')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const usageBefore = await usageNow();
    const storedBefore = await rendersStored();
    for (const [body, status, code, path] of cases) {
      const res = await app.generate(body);
      const json = (await res.json()) as Json;
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(json.error?.code, JSON.stringify(body)).toBe(code);
      if (path)
        expect(
          json.error?.details?.map((d) => d.path),
          JSON.stringify(body),
        ).toContain(path);
      expect(JSON.stringify(json)).not.toMatch(/\/work\/|node_modules|at .+\.ts:\d+/);
    }
    const unknownLayer = (await (await app.generate({ templateId, layers: { nope: {} } })).json()) as Json;
    expect(unknownLayer.error?.details?.[0]?.message).toContain('title, subtitle, logo');
    // Nothing was charged and nothing was stored.
    expect(await usageNow()).toEqual(usageBefore);
    expect(await rendersStored()).toBe(storedBefore);
  });

  it('refuses malformed and oversized bodies', async () => {
    const malformed = await fetch(`${app.url}/api/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.key.key}` },
      body: '{"templateId": ',
    });
    expect(malformed.status).toBe(400);
    const huge = await app.generate({ templateId, layers: { title: { text: 'x'.repeat(1_100_000) } } });
    expect(huge.status).toBe(413);
  });

  it('needs a valid key and hides other accounts\u2019 templates', async () => {
    const anonymous = await fetch(`${app.url}/api/generate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ templateId }),
    });
    expect(anonymous.status).toBe(401);
    expect((await app.generate({ templateId }, 'lc_live_notarealkeyatall0000000000000')).status).toBe(401);
    const other = await app.signup();
    const otherKey = await app.createKey(other);
    const res = await app.generate({ templateId }, otherKey.key);
    expect(res.status).toBe(404);
    expect(((await res.json()) as Json).error?.code).toBe('not_found');
    expect((await app.generate({ templateId: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await app.generate({ templateId: 'not-a-uuid' })).status).toBe(404);
  });

  it('serves unknown image files as a JSON 404', async () => {
    for (const path of ['/api/images/AAAAAAAAAAAAAAAAAAAAAA.png', '/api/images/..%2Fsecret', '/api/images/x.exe']) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as Json).error?.code).toBe('not_found');
    }
  });
});
