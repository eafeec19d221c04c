// Quotas and rates over real HTTP: the monthly quota holds under 50 parallel requests,
// per-minute rates per account and per IP, the headers of every counted response, and
// cache hits that cost nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;

beforeAll(async () => {
  app = await startRenderServer({ ratePerMinute: 2, publicRatePerMinute: 3, monthlyQuota: null });
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

type Json = Record<string, unknown> & { error?: { code: string; message: string } };

/** Fixed one-minute windows: start a rate test early in a minute so it cannot straddle two. */
async function awaitFreshMinute(): Promise<void> {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 50) await new Promise((r) => setTimeout(r, (61 - intoMinute) * 1000));
}

function expectRateHeaders(res: Response, limit: number, remaining: number) {
  expect(res.headers.get('x-ratelimit-limit')).toBe(String(limit));
  expect(res.headers.get('x-ratelimit-remaining')).toBe(String(remaining));
  expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 1);
  expect(res.headers.get('ratelimit-policy')).toMatch(new RegExp(`;q=${limit};w=\\d+`));
  expect(res.headers.get('ratelimit')).toMatch(new RegExp(`;r=${remaining};t=\\d+`));
}

describe('monthly quota', () => {
  it('lets exactly 3 of 50 parallel generates through when 3 renders remain', async () => {
    const session = await app.signup();
    const key = await app.createKey(session);
    const id = await app.createTemplate(cardTemplate(), { session });
    // Per-account settings: quota 5 (2 already used below), rate high enough not to interfere.
    await app.db
      .updateTable('accounts')
      .set({ monthly_quota: 5, rate_per_minute: 1000 })
      .where('id', '=', session.accountId)
      .execute();
    for (const text of ['used 1', 'used 2']) {
      expect((await app.generate({ templateId: id, layers: { title: { text } } }, key.key)).status).toBe(200);
    }
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.generate({ templateId: id, layers: { title: { text: `race ${i}` } } }, key.key),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(47);

    const refused = responses.find((r) => r.status === 429)!;
    const body = (await refused.json()) as Json;
    expect(body).toMatchObject({ success: false, error: { code: 'quota_exceeded' } });
    expectRateHeaders(refused, 5, 0);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    const usage = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(await usage.json()).toMatchObject({ renders: 5, monthlyQuota: 5, remaining: 0, ratePerMinute: 1000 });

    // A cache hit is free, even with the quota spent.
    const hit = await app.generate({ templateId: id, layers: { title: { text: 'used 1' } } }, key.key);
    expect(hit.status).toBe(200);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('leaves other accounts untouched', async () => {
    const res = await app.generate({ templateId, layers: { title: { text: `other ${Date.now()}` } } });
    expect(res.status).toBe(200);
  });
});

describe('per-minute rates', () => {
  it('limits an account to its per-minute rate with headers on every counted response', async () => {
    await awaitFreshMinute();
    const session = await app.signup();
    const key = await app.createKey(session);
    const id = await app.createTemplate(cardTemplate(), { session });
    const first = await app.generate({ templateId: id, layers: { title: { text: 'r1' } } }, key.key);
    expect(first.status).toBe(200);
    expectRateHeaders(first, 2, 1);
    expect(first.headers.get('ratelimit-policy')).toContain('"minute";q=2;w=60');
    const second = await app.generate({ templateId: id, layers: { title: { text: 'r2' } } }, key.key);
    expectRateHeaders(second, 2, 0);
    const third = await app.generate({ templateId: id, layers: { title: { text: 'r3' } } }, key.key);
    expect(third.status).toBe(429);
    expect(((await third.json()) as Json).error?.code).toBe('rate_limited');
    const retryAfter = Number(third.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    // Hits stay free under the rate too.
    expect((await app.generate({ templateId: id, layers: { title: { text: 'r1' } } }, key.key)).status).toBe(200);
    // The refused render was not counted against the month.
    const usage = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${key.key}` } });
    expect(await usage.json()).toMatchObject({ renders: 2, monthlyQuota: null, remaining: null, ratePerMinute: 2 });
  });

  it('limits public renders per IP, without touching any account', async () => {
    await awaitFreshMinute();
    const id = await app.createTemplate(cardTemplate(), { isPublic: true });
    const get = (text: string) => fetch(`${app.url}/api/render?templateId=${id}&title=${encodeURIComponent(text)}`);
    for (let i = 0; i < 3; i++) {
      const res = await get(`p${i}`);
      expect(res.status).toBe(200);
      expectRateHeaders(res, 3, 2 - i);
    }
    const refused = await get('p3');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/json/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await get('p0')).status).toBe(200);
  });
});

describe('GET /api/usage', () => {
  it('needs a key or session', async () => {
    expect((await fetch(`${app.url}/api/usage`)).status).toBe(401);
    const bySession = await fetch(`${app.url}/api/usage`, { headers: { cookie: app.session.cookie } });
    expect(await bySession.json()).toMatchObject({ success: true, month: new Date().toISOString().slice(0, 7) });
  });
});
