// GET /api/templates/:id/thumbnail: the gallery's small WebP of a saved template, for its
// owner only, rendered once per version, charged to the account's rate but never to its
// monthly quota, and replaced by a flat placeholder when it does not render within budget.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

let app: RenderTestServer;

beforeAll(async () => {
  // A quota of one render: a thumbnail charged to it would use it up. Three new thumbnails a minute.
  app = await startRenderServer({ monthlyQuota: 1, thumbnails: { ratePerMinute: 3, budgetMs: 20_000 } });
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
  it('are a WebP at most 480 px wide, rendered once per saved version, charged to the rate and not the quota', async () => {
    // The thumbnail rate counts per clock minute: start early in one, so that every charge
    // below lands in the same window even on a slow machine.
    const seconds = new Date().getSeconds();
    if (seconds > 40) await new Promise((resolve) => setTimeout(resolve, (61 - seconds) * 1000));
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

    // A new version renders again, off the monthly quota but on the thumbnail rate.
    await app.updateTemplate(id, { jsonData: wide('Second') });
    const second = await thumbnail(id);
    expect(second.headers.get('x-cache')).toBe('MISS');
    expect(second.headers.get('x-ratelimit-remaining')).toBe('1');
    const usage = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } });
    expect(await usage.json()).toMatchObject({ renders: 0, remaining: 1 });

    // A loop of saves and thumbnails is a loop of fresh renders: the rate stops it.
    await app.updateTemplate(id, { jsonData: wide('Third') });
    expect((await thumbnail(id)).status).toBe(200);
    await app.updateTemplate(id, { jsonData: wide('Fourth') });
    const refused = await thumbnail(id);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // ...and a real render still has its quota.
    expect((await app.generate({ templateId: id })).status).toBe(200);
  }, 90_000);

  it('are only for the owner: 401 without credentials, 404 for another account', async () => {
    const id = await app.createTemplate(wide('Private'));
    expect((await thumbnail(id, {})).status).toBe(401);
    const other = await app.signup();
    const res = await thumbnail(id, { cookie: other.cookie });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    expect((await thumbnail('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('are a flat placeholder, stored once per version, when the template does not render within budget', async () => {
    // A budget no render can meet: every thumbnail of this server times out in its child.
    const tight = await startRenderServer({ thumbnails: { ratePerMinute: 60, budgetMs: 1 } });
    try {
      const id = await tight.createTemplate(wide('Too heavy'));
      const res = await fetch(`${tight.url}/api/templates/${id}/thumbnail`, {
        headers: { authorization: `Bearer ${tight.key.key}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      const bytes = Buffer.from(await res.arrayBuffer());
      const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([480, 252]);
      // Every pixel is the canvas background (#1e3a8a): the title was not drawn.
      for (const offset of [0, (info.width * 126 + 240) * info.channels, data.length - info.channels]) {
        expect(Math.abs((data[offset] ?? 0) - 0x1e)).toBeLessThanOrEqual(3);
        expect(Math.abs((data[offset + 1] ?? 0) - 0x3a)).toBeLessThanOrEqual(3);
        expect(Math.abs((data[offset + 2] ?? 0) - 0x8a)).toBeLessThanOrEqual(3);
      }
      // Stored under the version's key: the next request is a HIT, not another attempt.
      const again = await fetch(`${tight.url}/api/templates/${id}/thumbnail`, {
        headers: { authorization: `Bearer ${tight.key.key}` },
      });
      expect(again.headers.get('x-cache')).toBe('HIT');
      expect(again.headers.get('etag')).toBe(res.headers.get('etag'));
      // The child that ran out of time was replaced: a real render still works.
      expect((await tight.generate({ templateId: id })).status).toBe(200);
    } finally {
      await tight.close();
    }
  });
});
