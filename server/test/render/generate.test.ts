// POST /api/generate and GET /api/images over real HTTP, with real renders in child
// processes, checked by decoding the PNGs that come back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { type RenderTestServer, cardTemplate, startRenderServer } from './setup';

let app: RenderTestServer;
let templateId: string;

beforeAll(async () => {
  app = await startRenderServer();
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

async function pixel(png: Buffer, x: number, y: number): Promise<[number, number, number, number]> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
}

describe('POST /api/generate', () => {
  it('renders seed 001 style overrides to a stored PNG with a permanent URL', async () => {
    const res = await app.generate({ templateId, layers: { title: { text: 'My Blog Post Title' } }, format: 'png' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ success: true, cached: false, format: 'png', width: 400, height: 210 });
    expect(body.imageUrl).toMatch(new RegExp(`^${app.url}/api/images/[A-Za-z0-9_-]{22}\\.png$`));
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    const image = await fetch(body.imageUrl as string);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    const png = Buffer.from(await image.arrayBuffer());
    // The background rect is navy where no text is.
    expect(await pixel(png, 5, 205)).toEqual([0x1e, 0x3a, 0x8a, 255]);
  });
});
