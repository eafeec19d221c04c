// GET /api/templates/:id/thumbnail: the gallery's small WebP of a saved template, for its
// owner only, cached per version and charged to no quota or rate.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, startRenderServer } from './setup';

let app: RenderTestServer;

beforeAll(async () => {
  // A quota of one render: a charged thumbnail would use it up.
  app = await startRenderServer({ monthlyQuota: 1, ratePerMinute: 1 });
});
afterAll(async () => {
  await app?.close();
});

const wide = (title: string) => ({
  version: 2,
  canvas: { width: 1200, height: 630, background: '#1e3a8a' },
  layers: [
    {
      name: 'title',
      type: 'text',
      x: 60,
      y: 60,
      width: 1080,
      height: 200,
      text: title,
      fontSize: 96,
      color: '#ffffff',
    },
  ],
});

const thumbnail = (id: string, headers: Record<string, string> = { authorization: `Bearer ${app.key.key}` }) =>
  fetch(`${app.url}/api/templates/${id}/thumbnail`, { headers });

describe('template thumbnails', () => {
  it('are a WebP at most 480 px wide, rendered once per saved version, charged to nobody', async () => {
    const id = await app.createTemplate(wide('First'));
    const first = await thumbnail(id);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/webp');
    expect(first.headers.get('x-cache')).toBe('MISS');
    const meta = await sharp(Buffer.from(await first.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 480, 252]);

    const again = await thumbnail(id, { cookie: app.session.cookie });
    expect(again.headers.get('x-cache')).toBe('HIT');
    const etag = again.headers.get('etag') ?? '';
    expect((await thumbnail(id, { cookie: app.session.cookie, 'if-none-match': etag })).status).toBe(304);

    // A new version renders again, still free: the one-render quota is untouched after three.
    await app.updateTemplate(id, { jsonData: wide('Second') });
    const second = await thumbnail(id);
    expect(second.headers.get('x-cache')).toBe('MISS');
    const usage = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } });
    expect(await usage.json()).toMatchObject({ renders: 0, remaining: 1 });
    expect(second.headers.get('x-ratelimit-limit')).toBeNull();
    // ...and a real render still has its quota.
    expect((await app.generate({ templateId: id })).status).toBe(200);
  });

  it('are only for the owner: 401 without credentials, 404 for another account', async () => {
    const id = await app.createTemplate(wide('Private'));
    expect((await thumbnail(id, {})).status).toBe(401);
    const other = await app.signup();
    const res = await thumbnail(id, { cookie: other.cookie });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await thumbnail('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
