// The brand kit: colours and logos saved whole per account, logos only from the account's own
// uploads, font families from its uploaded fonts; bad input changes nothing; keys need scopes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/client';
import { type Session, type TestServer, startTestServer } from '../support/server';

const require = createRequire(import.meta.url);
const pacifico = readFileSync(require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'));

let app: TestServer;
let owner: Session;
let other: Session;

async function uploadPng(as: Session, color: string): Promise<{ id: string; url: string }> {
  const png = await sharp({ create: { width: 40, height: 20, channels: 4, background: color } })
    .png()
    .toBuffer();
  const res = await call(app.url, 'POST', '/api/assets', { as, raw: png, headers: { 'content-type': 'image/png' } });
  expect(res.status).toBe(201);
  return res.body.asset;
}

beforeAll(async () => {
  app = await startTestServer();
  owner = await app.signup('brand-owner@example.com');
  other = await app.signup('brand-other@example.com');
});
afterAll(() => app.close());

describe('GET/PUT /api/brand', () => {
  it('starts empty', async () => {
    const res = await call(app.url, 'GET', '/api/brand', { as: owner });
    expect(res.status).toBe(200);
    expect(res.body.brand).toEqual({ colors: [], logos: [], fonts: [], updatedAt: null });
  });

  it('saves colours and logos, and returns the logos with their URLs and sizes', async () => {
    const logo = await uploadPng(owner, '#ff5500');
    const res = await call(app.url, 'PUT', '/api/brand', {
      as: owner,
      body: {
        colors: [{ name: 'Signal', value: '#ff5500' }, { value: 'rgba(0, 0, 0, 0.5)' }],
        logos: [{ assetId: logo.id, name: 'Mark' }],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body.brand.colors).toEqual([{ name: 'Signal', value: '#ff5500' }, { value: 'rgba(0, 0, 0, 0.5)' }]);
    expect(res.body.brand.logos).toEqual([
      { assetId: logo.id, name: 'Mark', url: logo.url, mime: 'image/png', width: 40, height: 20 },
    ]);
    const again = await call(app.url, 'GET', '/api/brand', { as: owner });
    expect(again.body.brand.colors).toHaveLength(2);
    expect(again.body.brand.updatedAt).toEqual(expect.any(String));
    // The logo URL serves the uploaded image.
    const image = await fetch(`${app.url}${logo.url}`);
    expect(image.status).toBe(200);
  });

  it('refuses a bad colour and another account’s image with their paths, changing nothing', async () => {
    const theirs = await uploadPng(other, '#00ff00');
    const badColour = await call(app.url, 'PUT', '/api/brand', {
      as: owner,
      body: { colors: [{ value: '#ff5500' }, { value: 'not-a-colour' }], logos: [] },
    });
    expect(badColour.status).toBe(422);
    expect(badColour.body.error.details).toContainEqual(
      expect.objectContaining({ path: 'colors[1].value', message: expect.stringMatching(/CSS colour/) }),
    );
    const foreign = await call(app.url, 'PUT', '/api/brand', {
      as: owner,
      body: { colors: [], logos: [{ assetId: theirs.id }] },
    });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error.details).toEqual([
      { path: 'logos[0].assetId', message: expect.stringMatching(/no image of this account/) },
    ]);
    const unchanged = await call(app.url, 'GET', '/api/brand', { as: owner });
    expect(unchanged.body.brand.colors).toHaveLength(2);
    expect(unchanged.body.brand.logos).toHaveLength(1);
    // Each account has its own kit.
    const theirKit = await call(app.url, 'GET', '/api/brand', { as: other });
    expect(theirKit.body.brand.colors).toEqual([]);
  });

  it('lists more than the maximum as an error', async () => {
    const res = await call(app.url, 'PUT', '/api/brand', {
      as: owner,
      body: { colors: Array.from({ length: 49 }, () => ({ value: '#000' })), logos: [] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0]).toMatchObject({ path: 'colors', message: 'expected at most 48 colours' });
  });

  it('lists the families of the account’s uploaded fonts', async () => {
    const upload = await call(app.url, 'POST', '/api/fonts?family=Brand%20Script', {
      as: owner,
      raw: pacifico,
      headers: { 'content-type': 'font/ttf' },
    });
    expect(upload.status).toBe(201);
    const res = await call(app.url, 'GET', '/api/brand', { as: owner });
    expect(res.body.brand.fonts).toEqual(['Brand Script']);
  });

  it('needs a session or a key; a render-only key may not change it', async () => {
    expect((await call(app.url, 'GET', '/api/brand')).status).toBe(401);
    const created = await call(app.url, 'POST', '/api/keys', {
      as: owner,
      body: { name: 'render only', scopes: ['render'] },
    });
    const key = { key: created.body.key as string };
    const put = await call(app.url, 'PUT', '/api/brand', { as: key, body: { colors: [], logos: [] } });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('insufficient_scope');
    const full = await app.createKey(owner, 'ci');
    const read = await call(app.url, 'GET', '/api/brand', { as: { key: full.key } });
    expect(read.status).toBe(200);
    expect(read.body.brand.colors).toHaveLength(2);
  });
});
