// Who the client is, for per-IP rates: behind a trusted proxy only the hops the operator
// declared are believed (a client can write anything at the left of X-Forwarded-For),
// IPv6 clients share a bucket per /64 (one host usually holds the whole /64), and old rate
// windows do not pile up in the database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

/** Fixed one-minute windows: start a rate test early in a minute so it cannot straddle two. */
async function awaitFreshMinute(): Promise<void> {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 45) await new Promise((r) => setTimeout(r, (61 - intoMinute) * 1000));
}

let seq = 0;
async function renderAs(app: RenderTestServer, templateId: string, forwardedFor: string): Promise<number> {
  // A new title each time: cache hits are free and would not test the rate.
  const res = await fetch(`${app.url}/api/render?templateId=${templateId}&title=ip-${Date.now()}-${++seq}`, {
    headers: { 'x-forwarded-for': forwardedFor },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('client address behind a proxy', () => {
  let app: RenderTestServer;
  let templateId: string;
  beforeAll(async () => {
    app = await startRenderServer({ trustProxy: true, publicRatePerMinute: 2 });
    templateId = await app.createTemplate(cardTemplate(), { isPublic: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('believes only the last hop: a client-chosen leftmost X-Forwarded-For entry does not escape the rate', async () => {
    await awaitFreshMinute();
    const statuses: number[] = [];
    // The proxy (one hop, the default) appended the real client, 127.0.0.1; the rest is the client's.
    for (let i = 1; i <= 5; i++) statuses.push(await renderAs(app, templateId, `203.0.113.${i}, 127.0.0.1`));
    expect(statuses).toEqual([200, 200, 429, 429, 429]);
  });

  it('buckets IPv6 clients by /64', async () => {
    await awaitFreshMinute();
    expect(await renderAs(app, templateId, '2001:db8:1:2::a')).toBe(200);
    expect(await renderAs(app, templateId, '2001:db8:1:2:ffff:ffff:ffff:b')).toBe(200);
    // A third address in the same /64 shares its bucket; the next /64 has its own.
    expect(await renderAs(app, templateId, '2001:0db8:0001:0002::c')).toBe(429);
    expect(await renderAs(app, templateId, '2001:db8:1:3::a')).toBe(200);
    const buckets = await app.db
      .selectFrom('rate_windows')
      .select('bucket')
      .where('bucket', 'like', 'ip:2001%')
      .execute();
    expect(buckets.map((b) => b.bucket).sort()).toEqual(['ip:2001:db8:1:2::/64', 'ip:2001:db8:1:3::/64']);
  });

  it('deletes rate windows older than an hour as it goes', async () => {
    const longAgo = Math.floor(Date.now() / 1000) - 2 * 3600;
    await app.db
      .insertInto('rate_windows')
      .values([
        { bucket: 'ip:198.51.100.1', window_start: longAgo, count: 3 },
        { bucket: 'account:gone', window_start: longAgo - 60, count: 9 },
      ])
      .execute();
    expect(await renderAs(app, templateId, '198.51.100.77')).toBe(200);
    const left = await app.db
      .selectFrom('rate_windows')
      .select('bucket')
      .where('window_start', '<', longAgo + 60)
      .execute();
    expect(left).toEqual([]);
    const current = await app.db
      .selectFrom('rate_windows')
      .select('bucket')
      .where('bucket', '=', 'ip:198.51.100.77')
      .execute();
    expect(current).toHaveLength(1);
  });
});

describe('two trusted proxies (LAYERCAST_TRUSTED_PROXIES=2)', () => {
  let app: RenderTestServer;
  let templateId: string;
  beforeAll(async () => {
    app = await startRenderServer({ trustProxy: true, trustedProxies: 2, publicRatePerMinute: 2 });
    templateId = await app.createTemplate(cardTemplate(), { isPublic: true });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('takes the client from the second entry from the right', async () => {
    await awaitFreshMinute();
    // client-written junk, the client as the outer proxy saw it, the outer proxy.
    const statuses: number[] = [];
    for (let i = 1; i <= 3; i++) statuses.push(await renderAs(app, templateId, `10.0.0.1, 203.0.113.${i}, 192.0.2.1`));
    expect(statuses).toEqual([200, 200, 200]);
    expect(await renderAs(app, templateId, '10.0.0.9, 203.0.113.1, 192.0.2.1')).toBe(200);
    expect(await renderAs(app, templateId, '10.0.0.8, 203.0.113.1, 192.0.2.1')).toBe(429);
  });
});
