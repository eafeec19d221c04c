// Size variants over HTTP: generate, batch and GET /api/render with `variant` (by name and by
// platform name), the 422 that lists the variants, signed URLs that sign the variant, one
// cache entry per variant, and the render contract listing them.
import { signedRenderUrl } from '@layercast/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/client';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

/** A 400×200 card: a blue full-bleed background and a red badge at the top left. */
const card = {
  version: 4,
  canvas: { width: 400, height: 200, background: '#ffffff' },
  layers: [
    { name: 'bg', type: 'rect', x: 0, y: 0, width: 400, height: 200, fill: '#1e3a8a' },
    { name: 'badge', type: 'rect', x: 10, y: 10, width: 60, height: 60, fill: '#dc2626' },
    { name: 'title', type: 'text', x: 90, y: 20, width: 300, height: 60, text: 'Hello', color: '#ffffff' },
  ],
  variants: [
    {
      name: 'square',
      width: 300,
      height: 300,
      layers: { bg: { width: 300, height: 300 }, badge: { x: 230, y: 230 }, title: { x: 20, y: 120, width: 260 } },
    },
    // 400×400 is WhatsApp's size: `variant=whatsapp` picks this one.
    { name: 'chat', width: 400, height: 400, layers: { bg: { width: 400, height: 400 } } },
  ],
};

let app: RenderTestServer;
let privateId: string;
let publicId: string;
beforeAll(async () => {
  app = await startRenderServer();
  privateId = await app.createTemplate(card);
  publicId = await app.createTemplate(card, { isPublic: true });
});
afterAll(async () => {
  await app?.close();
});

type Generated = {
  success: boolean;
  imageUrl: string;
  cached: boolean;
  width: number;
  height: number;
  error?: { code: string; message: string; details?: { path: string; message: string }[] };
};

async function pixels(bytes: ArrayBuffer) {
  const { data, info } = await sharp(Buffer.from(bytes)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (y * info.width + x) * 4;
    return [data[i], data[i + 1], data[i + 2]];
  };
  return { width: info.width, height: info.height, at };
}

const RED = [220, 38, 38];
const BLUE = [30, 58, 138];

describe('POST /api/generate with a variant', () => {
  it('renders the variant at its size with its overrides, and the base as before', async () => {
    const res = await app.generate({ templateId: privateId, variant: 'square' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Generated;
    expect(body).toMatchObject({ width: 300, height: 300, cached: false });
    const image = await pixels(await (await fetch(body.imageUrl)).arrayBuffer());
    expect([image.width, image.height]).toEqual([300, 300]);
    expect(image.at(260, 260)).toEqual(RED); // the badge moved to the bottom right
    expect(image.at(30, 30)).toEqual(BLUE); // and is no longer at the top left

    const base = (await (await app.generate({ templateId: privateId })).json()) as Generated;
    expect(base).toMatchObject({ width: 400, height: 200, cached: false });
    const baseImage = await pixels(await (await fetch(base.imageUrl)).arrayBuffer());
    expect(baseImage.at(30, 30)).toEqual(RED);
  });

  it('takes a platform name for the variant of its size, sharing its cache entry', async () => {
    const byPlatform = (await (await app.generate({ templateId: privateId, variant: 'whatsapp' })).json()) as Generated;
    expect(byPlatform).toMatchObject({ width: 400, height: 400, cached: false });
    const byName = (await (await app.generate({ templateId: privateId, variant: 'chat' })).json()) as Generated;
    expect(byName).toMatchObject({ width: 400, height: 400, cached: true, imageUrl: byPlatform.imageUrl });
  });

  it('is a 422 listing the variants for a name the template lacks', async () => {
    const res = await app.generate({ templateId: privateId, variant: 'story' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Generated;
    expect(body.error?.details).toEqual([
      { path: 'variant', message: 'the template has no variant "story"; its variants are: square, chat, whatsapp' },
    ]);
  });
});

describe('POST /api/generate/batch with variants', () => {
  it('renders each item at its own variant; an unknown one fails alone', async () => {
    const res = await send(app.url, 'POST', '/api/generate/batch', {
      as: { key: app.key.key },
      body: {
        defaults: { templateId: privateId },
        items: [{ variant: 'square' }, { variant: 'whatsapp' }, {}, { variant: 'nope' }],
      },
    });
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: Generated[] };
    expect(results.map((r) => (r.success ? [r.width, r.height] : r.error?.details?.[0]?.path))).toEqual([
      [300, 300],
      [400, 400],
      [400, 200],
      'variant',
    ]);
  });
});

describe('GET /api/render with a variant', () => {
  it('renders a public template’s variant; each variant is its own cache entry', async () => {
    const square = await fetch(`${app.url}/api/render?templateId=${publicId}&variant=square&title=Hi`);
    expect(square.status).toBe(200);
    expect(square.headers.get('x-cache')).toBe('MISS');
    const image = await pixels(await square.arrayBuffer());
    expect([image.width, image.height]).toEqual([300, 300]);
    expect(image.at(260, 260)).toEqual(RED);

    const base = await fetch(`${app.url}/api/render?templateId=${publicId}&title=Hi`);
    expect(base.headers.get('x-cache')).toBe('MISS');
    expect(base.headers.get('etag')).not.toBe(square.headers.get('etag'));
    const again = await fetch(`${app.url}/api/render?templateId=${publicId}&variant=square&title=Hi`);
    expect(again.headers.get('x-cache')).toBe('HIT');
    expect(again.headers.get('etag')).toBe(square.headers.get('etag'));
  });

  it('is a 422 listing the variants for an unknown one', async () => {
    const res = await fetch(`${app.url}/api/render?templateId=${publicId}&variant=banner`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Generated;
    expect(body.error?.details?.[0]?.message).toBe(
      'the template has no variant "banner"; its variants are: square, chat, whatsapp',
    );
  });

  it('signs the variant: a signed URL renders it, and changing the variant breaks the signature', async () => {
    const url = await signedRenderUrl({
      baseUrl: app.url,
      templateId: privateId,
      keyId: app.key.id,
      signingSecret: app.key.signingSecret,
      variant: 'square',
      expiresInSeconds: 600,
    });
    expect(new URL(url).searchParams.get('variant')).toBe('square');
    const res = await fetch(url);
    expect(res.status).toBe(200);
    const image = await pixels(await res.arrayBuffer());
    expect([image.width, image.height]).toEqual([300, 300]);

    const tampered = new URL(url);
    tampered.searchParams.set('variant', 'chat');
    expect((await fetch(tampered)).status).toBe(403);
    const dropped = new URL(url);
    dropped.searchParams.delete('variant');
    expect((await fetch(dropped)).status).toBe(403);
  });
});

describe('the render contract', () => {
  it('lists the variants and accepts `variant`', async () => {
    const res = await fetch(`${app.url}/api/templates/${privateId}/contract`, {
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(res.status).toBe(200);
    const schema = (await res.json()) as {
      properties: { variant?: { enum: string[] } };
      'x-layercast': { variants: unknown[] };
    };
    expect(schema.properties.variant?.enum).toEqual(['square', 'chat', 'whatsapp']);
    expect(schema['x-layercast'].variants).toEqual([
      { name: 'square', width: 300, height: 300 },
      { name: 'chat', width: 400, height: 400 },
    ]);
  });

  it('is a 422 naming the variant and the missing layer when a template is saved with a bad override', async () => {
    const res = await send(app.url, 'POST', '/api/templates', {
      as: app.session,
      body: {
        name: 'Bad variant',
        jsonData: { ...card, variants: [{ name: 'square', width: 300, height: 300, layers: { logo: { x: 1 } } }] },
      },
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as Generated;
    expect(body.error?.details).toEqual([
      {
        path: 'jsonData.variants[0].layers.logo',
        message:
          'variant "square" overrides a layer named "logo", which the template lacks; its layers are: bg, badge, title',
      },
    ]);
  });
});
