// HEAD /api/render answers from the cache only: a link checker or crawler probing an
// og:image URL must not render it or charge anyone (review finding: it did both).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let publicId: string;
let privateId: string;

beforeAll(async () => {
  app = await startRenderServer({ publicRatePerMinute: 1000 });
  publicId = await app.createTemplate(cardTemplate(), { isPublic: true });
  privateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

const rendersStored = async () =>
  Number(
    (
      await app.db
        .selectFrom('renders')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const usageRenders = async () =>
  (
    (await (await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } })).json()) as {
      renders: number;
    }
  ).renders;

describe('HEAD /api/render', () => {
  it('answers from the cache only: a miss renders nothing and charges nothing, a hit has the GET headers', async () => {
    const url = `${app.url}/api/render?templateId=${privateId}&title=${encodeURIComponent(`head ${Date.now()}`)}`;
    const auth = { authorization: `Bearer ${app.key.key}` };
    const [storedBefore, usageBefore] = [await rendersStored(), await usageRenders()];
    const miss = await fetch(url, { method: 'HEAD', headers: auth });
    expect(miss.status).toBe(200);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(miss.headers.get('content-type')).toBe('image/png');
    expect(miss.headers.get('etag')).toBeNull();
    expect(miss.headers.get('x-ratelimit-limit')).toBeNull();
    expect(await rendersStored()).toBe(storedBefore);
    expect(await usageRenders()).toBe(usageBefore);

    const get = await fetch(url, { headers: auth });
    const bytes = Buffer.from(await get.arrayBuffer());
    expect(get.headers.get('x-cache')).toBe('MISS');
    expect(await usageRenders()).toBe(usageBefore + 1);

    const hit = await fetch(url, { method: 'HEAD', headers: auth });
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('etag')).toBe(get.headers.get('etag'));
    expect(Number(hit.headers.get('content-length'))).toBe(bytes.byteLength);
    expect(await usageRenders()).toBe(usageBefore + 1);
  });

  it('still checks access and input', async () => {
    expect((await fetch(`${app.url}/api/render?templateId=${privateId}`, { method: 'HEAD' })).status).toBe(404);
    expect((await fetch(`${app.url}/api/render?templateId=${publicId}&nope=1`, { method: 'HEAD' })).status).toBe(422);
  });
});
