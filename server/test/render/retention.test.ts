// Stored renders of public GET /api/render requests are a cache, not a promise: one that
// nobody fetched for LAYERCAST_RENDER_RETENTION_DAYS (30) is deleted, file and row. Images
// of POST /api/generate were handed out as permanent URLs and are kept, including a public
// render that a generate request was later answered with.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { startServer } from '../../src/main';
import { sweepStaleRenders } from '../../src/render/retention';
import { imageFile } from '../support/server';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let publicId: string;

beforeAll(async () => {
  app = await startRenderServer();
  publicId = await app.createTemplate(cardTemplate(), { isPublic: true });
});
afterAll(async () => {
  await app?.close();
});

const DAY = 24 * 3600 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();

async function publicRender(title: string): Promise<Response> {
  const res = await fetch(`${app.url}/api/render?templateId=${publicId}&title=${encodeURIComponent(title)}`);
  await res.arrayBuffer();
  expect(res.status).toBe(200);
  return res;
}

/** The stored render with this ETag. */
async function rowByEtag(etag: string | null) {
  return app.db
    .selectFrom('renders')
    .selectAll()
    .where('etag', '=', etag ?? '')
    .executeTakeFirst();
}

/** Makes a render look unused since `days` ago. */
async function age(id: string, days: number): Promise<void> {
  await app.db
    .updateTable('renders')
    .set({ created_at: daysAgo(days), last_used_at: daysAgo(days) })
    .where('id', '=', id)
    .execute();
}

async function until(condition: () => Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

describe('retention of stored renders', () => {
  it('deletes a public render nobody fetched for 30 days when the server starts, keeps generated images, renders it again on demand', async () => {
    const stale = await rowByEtag((await publicRender('stale')).headers.get('etag'));
    const generated = await app.generate({ templateId: publicId, layers: { title: { text: 'generated' } } });
    const { id: generatedId, imageUrl } = (await generated.json()) as { id: string; imageUrl: string };
    expect(stale).toBeDefined();
    await age(stale!.id, 31);
    await age(generatedId, 400);

    // `layercast serve` sweeps when it starts (and hourly): start one on the same data directory.
    const serve = await startServer(
      loadConfig({
        LAYERCAST_DATA: app.dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        LAYERCAST_LOG_LEVEL: 'silent',
        LAYERCAST_RENDER_WORKERS: '1',
      }),
    );
    try {
      const gone = async () =>
        (await app.db.selectFrom('renders').select('id').where('id', '=', stale!.id).executeTakeFirst()) === undefined;
      expect(await until(gone)).toBe(true);
    } finally {
      await serve.stop();
    }
    expect(existsSync(imageFile(app.dataDir, stale!))).toBe(false);

    // The generated image is permanent, however old.
    const kept = await fetch(imageUrl);
    expect(kept.status).toBe(200);
    // The public URL still works: it is rendered again.
    const again = await publicRender('stale');
    expect(again.headers.get('x-cache')).toBe('MISS');
  });

  it('keeps a public render that was fetched recently', async () => {
    const first = await rowByEtag((await publicRender('popular')).headers.get('etag'));
    await age(first!.id, 40);
    // A hit (a crawler fetching the og:image again) marks it used.
    const hit = await publicRender('popular');
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const touched = await rowByEtag(hit.headers.get('etag'));
    expect(Date.parse(touched!.last_used_at ?? '')).toBeGreaterThan(Date.now() - DAY);
    await sweepStaleRenders(app.deps, Date.now());
    expect(await rowByEtag(hit.headers.get('etag'))).toBeDefined();
    expect((await publicRender('popular')).headers.get('x-cache')).toBe('HIT');
  });

  it('makes a public render permanent once a generate request is answered with it', async () => {
    const shared = await rowByEtag((await publicRender('shared')).headers.get('etag'));
    const generated = await app.generate({ templateId: publicId, layers: { title: { text: 'shared' } } });
    const body = (await generated.json()) as { id: string; cached: boolean; imageUrl: string };
    expect(body).toMatchObject({ id: shared!.id, cached: true });
    await age(shared!.id, 90);
    await sweepStaleRenders(app.deps, Date.now());
    expect((await fetch(body.imageUrl)).status).toBe(200);
  });

  it('can be switched off with a retention of 0 days', async () => {
    const row = await rowByEtag((await publicRender('forever')).headers.get('etag'));
    await age(row!.id, 1000);
    await sweepStaleRenders({ ...app.deps, config: { ...app.deps.config, renderRetentionDays: 0 } }, Date.now());
    expect(existsSync(imageFile(app.dataDir, row!))).toBe(true);
  });
});
