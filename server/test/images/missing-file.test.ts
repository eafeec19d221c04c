// A stored render whose file is gone (retention deleted it between a lookup and the read,
// someone cleaned the images directory, a restore without it) is a cache miss: the request
// renders again and the row gets its bytes back under the same id. Before, the row was
// served as a hit and reading its file failed: a 500 for GET /api/render.
import { existsSync, readFileSync, unlinkSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepStaleRenders } from '../../src/render/retention';
import type { BlobStore } from '../../src/storage/blob-store';
import { FileBlobStore } from '../../src/storage/file-blob-store';
import { imageFile } from '../support/server';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

// The race itself, made to happen: `afterFileCheck` runs once right after a lookup found a
// render, i.e. between the cache lookup and the read of the bytes: after the store says the
// bytes are there, or, for a repeated request that found the row by its known cache key and
// reads the bytes straight away, before that read. The app's blob store is the real file
// store with that one pause added.
const race = { afterFileCheck: undefined as (() => Promise<void>) | undefined };
async function pause(): Promise<void> {
  const hook = race.afterFileCheck;
  race.afterFileCheck = undefined;
  await hook?.();
}
function pausingStore(inner: BlobStore): BlobStore {
  return {
    put: (key, data, type) => inner.put(key, data, type),
    async get(key) {
      await pause();
      return inner.get(key);
    },
    delete: (key) => inner.delete(key),
    list: (prefix) => inner.list(prefix),
    close: () => inner.close(),
    async has(key) {
      const found = await inner.has(key);
      await pause();
      return found;
    },
  };
}

let app: RenderTestServer;
let publicId: string;

beforeAll(async () => {
  // Without the in-memory bytes: these are the store's answers when an object is gone. (With
  // them, a file deleted by hand while its row stays is served from memory, same bytes and
  // ETag, until evicted; a sweep deletes the row, which every lookup reads first.)
  app = await startRenderServer(
    { publicRatePerMinute: 1000, hotBytesMb: 0 },
    { openStorage: (dir) => pausingStore(new FileBlobStore(dir)) },
  );
  publicId = await app.createTemplate(cardTemplate(), { isPublic: true });
});
afterAll(async () => {
  await app?.close();
});

const renderUrl = (title: string) => `${app.url}/api/render?templateId=${publicId}&title=${encodeURIComponent(title)}`;

async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

const rowByEtag = async (etag: string | null) =>
  app.db
    .selectFrom('renders')
    .selectAll()
    .where('etag', '=', etag ?? '')
    .executeTakeFirstOrThrow();

const rowsWithKey = async (cacheKey: string | null) =>
  app.db
    .selectFrom('renders')
    .selectAll()
    .where('cache_key', '=', cacheKey ?? '')
    .execute();

/** The PNG decodes to the template's canvas size. */
async function expectValidPng(bytes: Buffer): Promise<void> {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  const meta = await sharp(bytes).metadata();
  expect(meta).toMatchObject({ format: 'png', width: 400, height: 210 });
}

describe('a stored render whose file is missing', () => {
  it('is a miss for GET /api/render: renders again, and the row is repaired under the same id', async () => {
    const url = renderUrl(`gone ${Date.now()}`);
    const first = await get(url);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('x-cache')).toBe('MISS');
    const row = await rowByEtag(first.res.headers.get('etag'));
    unlinkSync(imageFile(app.dataDir, row));

    const second = await get(url);
    expect(second.res.status).toBe(200);
    expect(second.res.headers.get('x-cache')).toBe('MISS');
    expect(second.res.headers.get('content-type')).toBe('image/png');
    expect(Number(second.res.headers.get('content-length'))).toBe(second.bytes.byteLength);
    await expectValidPng(second.bytes);

    // Repaired: still one row for this request, the same id, its file back on disk and
    // described by the row (ETag, size), so the next identical request is a hit.
    const rows = await rowsWithKey(row.cache_key);
    expect(rows).toHaveLength(1);
    const repaired = rows[0]!;
    expect(repaired.id).toBe(row.id);
    expect(repaired.etag).toBe(second.res.headers.get('etag'));
    expect(repaired.bytes).toBe(second.bytes.byteLength);
    expect(readFileSync(imageFile(app.dataDir, repaired)).equals(second.bytes)).toBe(true);

    const third = await get(url);
    expect(third.res.headers.get('x-cache')).toBe('HIT');
    expect(third.bytes.equals(second.bytes)).toBe(true);
  });

  it('renders again when a retention sweep deletes row and file between the lookup and the read', async () => {
    const url = renderUrl(`swept ${Date.now()}`);
    const first = await get(url);
    const row = await rowByEtag(first.res.headers.get('etag'));
    const longAgo = new Date(Date.now() - 400 * 24 * 3600 * 1000).toISOString();
    await app.db
      .updateTable('renders')
      .set({ created_at: longAgo, last_used_at: longAgo })
      .where('id', '=', row.id)
      .execute();
    race.afterFileCheck = async () => {
      expect(await sweepStaleRenders(app.deps, Date.now())).toBeGreaterThanOrEqual(1);
    };

    const second = await get(url);
    expect(race.afterFileCheck).toBeUndefined();
    expect(second.res.status).toBe(200);
    expect(second.res.headers.get('x-cache')).toBe('MISS');
    await expectValidPng(second.bytes);
    const stored = await rowByEtag(second.res.headers.get('etag'));
    expect(stored.cache_key).toBe(row.cache_key);
    expect(readFileSync(imageFile(app.dataDir, stored)).equals(second.bytes)).toBe(true);
  });

  it('answers HEAD as a miss without rendering', async () => {
    const url = renderUrl(`head gone ${Date.now()}`);
    const first = await get(url);
    const row = await rowByEtag(first.res.headers.get('etag'));
    unlinkSync(imageFile(app.dataDir, row));
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-cache')).toBe('MISS');
    expect(head.headers.get('etag')).toBeNull();
    expect(existsSync(imageFile(app.dataDir, row))).toBe(false);
  });

  it('does not answer a conditional GET with 304 for bytes it no longer has', async () => {
    const url = renderUrl(`conditional gone ${Date.now()}`);
    const first = await get(url);
    const etag = first.res.headers.get('etag') ?? '';
    unlinkSync(imageFile(app.dataDir, await rowByEtag(etag)));
    const second = await get(url, { 'if-none-match': etag });
    // The render is deterministic, so the bytes (and ETag) may well come out the same; the
    // point is that the file exists again before anyone is told their copy is current.
    expect(second.res.headers.get('x-cache')).toBe('MISS');
    expect([200, 304]).toContain(second.res.status);
    expect(existsSync(imageFile(app.dataDir, await rowByEtag(second.res.headers.get('etag'))))).toBe(true);
  });

  it('is 404 in the JSON error shape at GET /api/images/<id>.<ext>', async () => {
    const res = await app.generate({ templateId: publicId, layers: { title: { text: `image gone ${Date.now()}` } } });
    const { id, imageUrl } = (await res.json()) as { id: string; imageUrl: string };
    const row = await app.db.selectFrom('renders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    unlinkSync(imageFile(app.dataDir, row));

    const gone = await fetch(imageUrl);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toContain('application/json');
    expect(gone.headers.get('etag')).toBeNull();
    expect(gone.headers.get('cache-control')).toBeNull();
    expect(gone.headers.get('content-security-policy')).toBeNull();
    expect(await gone.json()).toEqual({
      success: false,
      error: { code: 'not_found', message: 'image not found', requestId: gone.headers.get('x-request-id') },
    });
    // A client holding the old bytes is not told they are current either.
    const conditional = await fetch(imageUrl, { headers: { 'if-none-match': row.etag } });
    expect(conditional.status).toBe(404);
    expect(((await conditional.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('is a miss for POST /api/generate, which restores the image at the URL it handed out', async () => {
    const body = { templateId: publicId, layers: { title: { text: `generate gone ${Date.now()}` } } };
    const first = (await (await app.generate(body)).json()) as { id: string; imageUrl: string; cached: boolean };
    expect(first.cached).toBe(false);
    const row = await app.db.selectFrom('renders').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    unlinkSync(imageFile(app.dataDir, row));
    expect((await fetch(first.imageUrl)).status).toBe(404);

    const again = await app.generate(body);
    expect(again.status).toBe(200);
    const second = (await again.json()) as { id: string; imageUrl: string; cached: boolean };
    expect(second).toMatchObject({ id: first.id, imageUrl: first.imageUrl, cached: false });
    const image = await get(second.imageUrl);
    expect(image.res.status).toBe(200);
    await expectValidPng(image.bytes);
  });
});
