// A repeated GET /api/render answers from the cache key its query had last time, checked on
// every request against the template row and the render row in one read. Whatever changes
// on another node (a save, the template made private or deleted, a font upload, a render
// row swept by retention, a revoked signing key) is seen by the next request on this one.
// Every scenario asks node B the same URL twice first, so its next answer would come from
// the known key if nothing checked it.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { signedRenderUrl } from '@layercast/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sweepStaleRenders } from '../../src/render/retention';
import { send } from '../support/client';
import { cardTemplate, useTwoNodes } from '../support/render-server';

const require = createRequire(import.meta.url);
const pacifico = readFileSync(require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'));

const nodes = useTwoNodes();

interface Answer {
  status: number;
  cache: string | null;
  cacheControl: string | null;
  etag: string | null;
  /** The colour at the middle of the card's background rect, for a 200 with an image. */
  background?: string;
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, { headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const answer: Answer = {
    status: res.status,
    cache: res.headers.get('x-cache'),
    cacheControl: res.headers.get('cache-control'),
    etag: res.headers.get('etag'),
  };
  if (res.status === 200 && res.headers.get('content-type') === 'image/png') {
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const at = (info.width * 200 + 10) * info.channels;
    answer.background = `#${[data[at], data[at + 1], data[at + 2]].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
  }
  return answer;
}

/** Node B answers `url` twice (the second time a hit), so it knows the query's cache key. */
async function warm(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  expect((await get(url, headers)).status).toBe(200);
  const hit = await get(url, headers);
  expect(hit).toMatchObject({ status: 200, cache: 'HIT' });
  return hit;
}

const recoloured = (fill: string) => {
  const card = cardTemplate();
  return { ...card, layers: card.layers.map((l) => (l.name === 'bg' ? { ...l, fill } : l)) };
};

describe('a repeated GET /api/render on one node, after a change on another', () => {
  it('draws a save made on the other node at the next request', async () => {
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Saved`;
    expect(await warm(url)).toMatchObject({ background: '#1e3a8a' });

    await nodes.a.updateTemplate(id, { jsonData: recoloured('#b91c1c') });
    expect(await get(url)).toMatchObject({ status: 200, cache: 'MISS', background: '#b91c1c' });
    expect(await get(url)).toMatchObject({ status: 200, cache: 'HIT', background: '#b91c1c' });
  });

  it('is a 404 to the public once the template is made private, and still renders for its owner', async () => {
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Private`;
    expect(await warm(url)).toMatchObject({ cacheControl: 'public, max-age=3600, stale-while-revalidate=86400' });

    await nodes.a.updateTemplate(id, { isPublic: false });
    const anonymous = await get(url);
    expect(anonymous).toMatchObject({ status: 404, etag: null });
    const owner = await get(url, { authorization: `Bearer ${nodes.a.key.key}` });
    expect(owner).toMatchObject({ status: 200, cacheControl: 'private, max-age=3600', background: '#1e3a8a' });
    // Not the public answer any more, however often it is asked for.
    expect((await get(url)).status).toBe(404);
  });

  it('is a 404 once the template is deleted', async () => {
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Deleted`;
    await warm(url);

    const deleted = await send(nodes.a.url, 'DELETE', `/api/templates/${id}`, { as: nodes.a.session });
    expect(deleted.status).toBeLessThan(300);
    expect(await get(url)).toMatchObject({ status: 404, etag: null, cache: null });
  });

  it('renders again once the owner uploads a font (the fonts revision is part of the key)', async () => {
    const owner = await nodes.a.signup();
    const key = await nodes.a.createKey(owner);
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: true, session: owner });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Fonts`;
    await warm(url);

    const upload = await send(nodes.a.url, 'POST', '/api/fonts?family=Brand', {
      as: { key: key.key },
      raw: pacifico,
      headers: { 'content-type': 'font/ttf' },
    });
    expect(upload.status).toBe(201);
    expect(await get(url)).toMatchObject({ status: 200, cache: 'MISS' });
    expect(await get(url)).toMatchObject({ status: 200, cache: 'HIT' });
  });

  it('renders again once retention swept the render away on the other node', async () => {
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Swept`;
    const before = await warm(url);
    const row = await nodes.a.db
      .selectFrom('renders')
      .select('id')
      .where('etag', '=', before.etag ?? '')
      .executeTakeFirst();
    expect(row).toBeDefined();

    const longAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString();
    await nodes.a.db
      .updateTable('renders')
      .set({ created_at: longAgo, last_used_at: longAgo })
      .where('id', '=', row?.id ?? '')
      .execute();
    expect(await sweepStaleRenders(nodes.a.deps, Date.now())).toBeGreaterThanOrEqual(1);

    expect(await get(url)).toMatchObject({ status: 200, cache: 'MISS', background: '#1e3a8a' });
    const stored = await nodes.a.db
      .selectFrom('renders')
      .select('id')
      .where('template_id', '=', id)
      .where('cache_key', 'is not', null)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toBe(row?.id);
  });

  it('refuses a signed URL as soon as its key is revoked, and a changed signature at once', async () => {
    const key = await nodes.a.createKey(nodes.a.session, 'signs-then-revoked');
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: false });
    const url = await signedRenderUrl({
      baseUrl: nodes.b.url,
      templateId: id,
      keyId: key.id,
      signingSecret: key.signingSecret,
      layers: { title: { text: 'Signed' } },
      expiresInSeconds: 600,
    });
    await warm(url);
    // The same query string but one character of the signature: never the known answer.
    const tampered = url.replace(/sig=([0-9a-f])/, (_, c: string) => `sig=${c === '0' ? '1' : '0'}`);
    expect((await get(tampered)).status).toBe(403);

    const revoke = await send(nodes.a.url, 'DELETE', `/api/keys/${key.id}`, { as: nodes.a.session });
    expect(revoke.status).toBeLessThan(300);
    expect(await get(url)).toMatchObject({ status: 403, etag: null });
  });

  it("answers a private template's query to its owner only, whoever asked it first", async () => {
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: false });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Owner`;
    await warm(url, { authorization: `Bearer ${nodes.a.key.key}` });

    expect((await get(url)).status).toBe(404);
    const stranger = await nodes.a.createKey(await nodes.a.signup());
    expect((await get(url, { authorization: `Bearer ${stranger.key}` })).status).toBe(404);
    expect((await get(url, { authorization: `Bearer ${nodes.a.key.key}` })).status).toBe(200);
  });

  it('answers If-None-Match with 304 from the known key, and the new image after a save', async () => {
    const id = await nodes.a.createTemplate(cardTemplate(), { isPublic: true });
    const url = `${nodes.b.url}/api/render?templateId=${id}&title=Etag`;
    const { etag } = await warm(url);
    expect(await get(url, { 'if-none-match': etag ?? '' })).toMatchObject({ status: 304, etag, cache: 'HIT' });

    await nodes.a.updateTemplate(id, { jsonData: recoloured('#15803d') });
    const after = await get(url, { 'if-none-match': etag ?? '' });
    expect(after).toMatchObject({ status: 200, cache: 'MISS', background: '#15803d' });
    expect(after.etag).not.toBe(etag);
  });
});
