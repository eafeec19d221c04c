// The typed client of shared/ against the real server: what the CLI and the editor use.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LayercastApiError, createClient } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestServer, startTestServer } from '../support/server';
import { pngBytes } from '../support/fixtures';
import { titleTemplate } from '../support/client';

let server: TestServer;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  key = (await server.createKey(await server.signup())).key;
});
afterAll(async () => server?.close());

describe('createClient', () => {
  it('does templates CRUD with ETags and reports a lost update as a 412 error', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: key });
    const created = await client.templates.create({ name: 'From client', jsonData: titleTemplate('a') });
    expect(created).toMatchObject({ name: 'From client', version: 1, etag: '"v1"' });
    expect((await client.templates.list()).map((t) => t.id)).toEqual([created.id]);

    const updated = await client.templates.update(
      created.id,
      { jsonData: titleTemplate('b') },
      { ifMatch: created.etag },
    );
    expect(updated).toMatchObject({ version: 2, etag: '"v2"', changed: true });
    const same = await client.templates.update(created.id, { jsonData: titleTemplate('b') });
    expect(same.changed).toBe(false);

    const lost = await client.templates
      .update(created.id, { name: 'x' }, { ifMatch: created.etag })
      .catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(LayercastApiError);
    expect(lost).toMatchObject({ status: 412, code: 'precondition_failed' });

    expect((await client.templates.versions(created.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await client.templates.get(created.id)).jsonData.layers[0]).toMatchObject({ text: 'b' });
    await client.templates.delete(created.id);
    await expect(client.templates.get(created.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it('reads one saved version and restores it as a new version', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: key });
    const created = await client.templates.create({ name: 'Versions', jsonData: titleTemplate('first') });
    await client.templates.update(created.id, { jsonData: titleTemplate('second') });
    const first = await client.templates.version(created.id, 1);
    expect(first).toMatchObject({ templateId: created.id, version: 1 });
    expect(first.jsonData.layers[0]).toMatchObject({ text: 'first' });
    const restored = await client.templates.restore(created.id, 1);
    expect(restored).toMatchObject({ version: 3, etag: '"v3"' });
    expect(restored.jsonData).toEqual(first.jsonData);
    expect((await client.templates.versions(created.id)).map((v) => v.version)).toEqual([3, 2, 1]);
    await expect(client.templates.version(created.id, 9)).rejects.toMatchObject({ status: 404, code: 'not_found' });
    await expect(client.templates.restore(created.id, 9)).rejects.toMatchObject({ status: 404 });
  });

  it('surfaces validation errors with their paths', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: key });
    const bad = { ...titleTemplate(), canvas: { width: 99_999, height: 10, background: '#fff' } };
    const error = (await client.templates.create({ jsonData: bad }).catch((e: unknown) => e)) as LayercastApiError;
    expect(error.status).toBe(422);
    expect(error.code).toBe('invalid_template');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'jsonData.canvas.width' })]));
  });

  it('generates one image and a batch through the render API', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: key });
    const t = await client.templates.create({ name: 'Render me', jsonData: titleTemplate('x') });
    const one = await client.generate({
      templateId: t.id,
      layers: { title: { text: 'From the client' } },
      format: 'png',
    });
    expect(one).toMatchObject({ success: true, cached: false, format: 'png', width: 400, height: 200 });
    const image = await fetch(one.imageUrl);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect(
      (await client.generate({ templateId: t.id, layers: { title: { text: 'From the client' } }, format: 'png' }))
        .cached,
    ).toBe(true);

    const batch = await client.batch([
      { id: 'a', templateId: t.id, layers: { title: { text: 'A' } } },
      { id: 'b', templateId: t.id, layers: { nope: { text: 'B' } } },
    ]);
    expect(batch.summary).toEqual({ total: 2, succeeded: 1, failed: 1 });

    // Deleting a template that has renders works, and its stored images stay (permanent URLs).
    await client.templates.delete(t.id);
    expect((await fetch(one.imageUrl)).status).toBe(200);
  });

  it('builds render URLs on its base URL, signed ones with kid, exp and sig', async () => {
    const client = createClient({ baseUrl: `${server.url}/`, apiKey: key });
    const plain = new URL(client.renderUrl({ templateId: 't1', layers: { title: { text: 'Hi' } } }));
    expect(plain.pathname).toBe('/api/render');
    expect(plain.searchParams.get('layers')).toBe('{"title":{"text":"Hi"}}');
    const signed = new URL(
      await client.signedRenderUrl({ templateId: 't1', keyId: 'k1', signingSecret: 's', expiresInSeconds: 60 }),
    );
    expect([...signed.searchParams.keys()].sort()).toEqual(['exp', 'kid', 'sig', 'templateId']);
  });
});

/**
 * A browser's cookie handling for one origin, as far as a session needs it: keeps what
 * Set-Cookie sets (an expired or emptied cookie is dropped) and sends it back. Node's fetch
 * keeps no cookies, and the editor's client relies on the browser doing this.
 */
function browserFetch(): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expires = attributes.map((a) => /^\s*expires=(.*)$/i.exec(a)?.[1]).find(Boolean);
      if (!value || (expires && Date.parse(expires) <= Date.now())) jar.delete(name);
      else jar.set(name, value);
    }
    return response;
  };
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as LayercastApiError,
  );
const newEmail = (() => {
  let n = 0;
  return () => `client${++n}-${Date.now()}@example.com`;
})();

describe('createClient with a browser session (the editor)', () => {
  it('signs up, learns the CSRF token, writes with it and logs out', async () => {
    const email = newEmail();
    const client = createClient({ baseUrl: server.url, fetch: browserFetch() });
    const session = await client.auth.signup({ email, password: TEST_PASSWORD });
    expect(session.account).toMatchObject({ email });
    expect(session.csrfToken).toMatch(/\S{16,}/);
    expect(await client.auth.me()).toEqual({ account: session.account, csrfToken: session.csrfToken });

    // Writes by cookie carry the token the client remembered from signup.
    const created = await client.templates.create({ name: 'Mine', jsonData: titleTemplate() });
    expect((await client.templates.list()).map((t) => t.id)).toEqual([created.id]);

    await client.auth.logout();
    expect(await rejection(client.auth.me())).toMatchObject({ status: 401, code: 'unauthorized' });
    expect(await rejection(client.templates.list())).toMatchObject({ status: 401 });

    const wrong = await rejection(client.auth.login({ email, password: 'not the password' }));
    expect(wrong).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'wrong email or password' });
    const again = await client.auth.login({ email, password: TEST_PASSWORD });
    expect(again.account.id).toBe(session.account.id);
    expect(again.csrfToken).not.toBe(session.csrfToken);
    await client.templates.update(created.id, { name: 'Renamed' });
    expect((await client.templates.get(created.id)).name).toBe('Renamed');
  });

  it('refuses a cookie write without the token until it is set, by hand or by a function', async () => {
    const fetchWithCookies = browserFetch();
    const first = createClient({ baseUrl: server.url, fetch: fetchWithCookies });
    const { csrfToken } = await first.auth.signup({ email: newEmail(), password: TEST_PASSWORD });

    // Same cookies, a client that has not been told the token: a cross-site-style write.
    const fresh = createClient({ baseUrl: server.url, fetch: fetchWithCookies });
    const refused = await rejection(fresh.templates.create({ jsonData: titleTemplate() }));
    expect(refused).toMatchObject({ status: 403, code: 'csrf_failed' });
    fresh.setCsrfToken(csrfToken);
    expect((await fresh.templates.create({ jsonData: titleTemplate() })).version).toBe(1);

    // A page that keeps the token itself: the client asks for it before each write.
    let current: string | null = null;
    const owned = createClient({ baseUrl: server.url, fetch: fetchWithCookies, csrfToken: () => current });
    expect(await rejection(owned.keys.create({ name: 'x' }))).toMatchObject({ status: 403, code: 'csrf_failed' });
    current = csrfToken;
    expect((await owned.keys.create({ name: 'x' })).name).toBe('x');
  });

  it('reports sign-up problems in the server words, with the path of each invalid field', async () => {
    const client = createClient({ baseUrl: server.url, fetch: browserFetch() });
    const email = newEmail();
    await client.auth.signup({ email, password: TEST_PASSWORD });
    expect(await rejection(client.auth.signup({ email, password: TEST_PASSWORD }))).toMatchObject({
      status: 409,
      code: 'email_taken',
    });
    const invalid = await rejection(client.auth.signup({ email: 'not-an-email', password: 'short' }));
    expect(invalid).toMatchObject({ status: 422 });
    expect(invalid?.details).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'expected an email address' },
        { path: 'password', message: 'expected at least 8 characters' },
      ]),
    );
  });

  it('creates, lists and revokes API keys; the signing secret signs working render URLs', async () => {
    const client = createClient({ baseUrl: server.url, fetch: browserFetch() });
    await client.auth.signup({ email: newEmail(), password: TEST_PASSWORD });
    const created = await client.keys.create({ name: 'ci' });
    expect(created.key).toMatch(/^lc_live_[0-9A-Za-z]{32}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const listed = await client.keys.list();
    expect(listed).toEqual([
      {
        id: created.id,
        name: 'ci',
        prefix: created.prefix,
        createdAt: created.createdAt,
        lastUsedAt: null,
        scopes: ['render', 'templates:read', 'templates:write', 'assets:write'],
        templateIds: null,
      },
    ]);
    expect(await client.keys.signingSecret(created.id)).toEqual({
      keyId: created.id,
      signingSecret: created.signingSecret,
    });

    // The key works as a Bearer key, and its secret signs a URL for a private template.
    const byKey = createClient({ baseUrl: server.url, apiKey: created.key });
    const template = await byKey.templates.create({ name: 'Private', jsonData: titleTemplate('Signed') });
    expect(template.isPublic).toBe(false);
    const signed = await client.signedRenderUrl({
      templateId: template.id,
      keyId: created.id,
      signingSecret: created.signingSecret,
      expiresInSeconds: 300,
    });
    const image = await fetch(signed);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await fetch(client.renderUrl({ templateId: template.id }))).status).toBe(404);

    await client.keys.revoke(created.id);
    expect(await client.keys.list()).toEqual([]);
    expect(await rejection(byKey.templates.list())).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect((await fetch(signed)).status).toBe(403);
    expect(await rejection(client.keys.signingSecret(created.id))).toMatchObject({ status: 404, code: 'not_found' });
    expect(await rejection(client.keys.revoke(created.id))).toMatchObject({ status: 404, code: 'not_found' });
    // Key management needs the session: a key cannot mint keys.
    expect(await rejection(createClient({ baseUrl: server.url, apiKey: key }).keys.list())).toMatchObject({
      status: 401,
    });
  });
});

describe('createClient: usage, uploads, fonts, diagnostics', () => {
  it('counts a render in this month usage, and not its cache hit', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: (await server.createKey(await server.signup())).key });
    const before = await client.usage();
    expect(before).toMatchObject({
      success: true,
      renders: 0,
      monthlyQuota: null,
      remaining: null,
      ratePerMinute: null,
    });
    expect(before.month).toBe(new Date().toISOString().slice(0, 7));
    expect(Date.parse(before.resetsAt)).toBeGreaterThan(Date.now());

    const t = await client.templates.create({ jsonData: titleTemplate('Counted') });
    await client.generate({ templateId: t.id });
    await client.generate({ templateId: t.id });
    expect((await client.usage()).renders).toBe(1);
  });

  it('uploads image bytes once, serves them back and renders them; refuses what is not an image', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: key });
    const png = pngBytes(12, 8, [0, 120, 255, 255]);
    const asset = await client.assets.upload(png, 'image/png');
    expect(asset).toMatchObject({ created: true, mime: 'image/png', width: 12, height: 8, bytes: png.byteLength });
    expect(asset.url).toMatch(/^\/api\/assets\/[A-Za-z0-9_-]+\.png$/);
    const served = await fetch(asset.absoluteUrl);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    // A Blob without a type (a dropped file the browser could not type) is the same asset.
    const again = await client.assets.upload(new Blob([new Uint8Array(png)]));
    expect(again).toMatchObject({ created: false, id: asset.id, url: asset.url });

    const doc = {
      ...titleTemplate(),
      layers: [{ name: 'logo', type: 'image', x: 0, y: 0, width: 120, height: 80, src: asset.url }],
    };
    const t = await client.templates.create({ jsonData: doc });
    const render = await client.generate({ templateId: t.id });
    const logo = render.diagnostics.layers.logo;
    expect(logo?.type === 'image' && logo.loaded).toBe(true);

    const notImage = await rejection(
      client.assets.upload(new TextEncoder().encode('<html><body onload="alert(1)"></body></html>'), 'image/png'),
    );
    expect(notImage).toMatchObject({ status: 415, code: 'invalid_image' });
    const tooBig = await rejection(client.assets.upload(new Uint8Array(11 * 1024 * 1024), 'image/png'));
    expect(tooBig).toMatchObject({ status: 413, message: 'the upload is larger than 10 MB' });
  });

  it('lists the fonts the renderer draws with, at URLs that serve the files', async () => {
    const client = createClient({ baseUrl: server.url });
    const families = await client.fonts();
    const inter = families.find((f) => f.family === 'Inter');
    expect(inter).toMatchObject({ category: 'sans-serif', styles: ['normal', 'italic'] });
    expect(inter?.weights).toContain(400);
    expect(inter?.metrics.ascent).toBeGreaterThan(0.5);
    const regular = inter?.files.find((f) => f.weight === 400 && f.style === 'normal');
    const file = await fetch(new URL(regular?.url ?? '/missing', server.url));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('font/ttf');
  });

  it('returns the engine diagnostics of a render: the fitted size, truncation, a missing family', async () => {
    const client = createClient({ baseUrl: server.url, apiKey: key });
    const title = { name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 80, text: '', fontSize: 80 };
    const doc = {
      ...titleTemplate(),
      layers: [{ ...title, autoFit: true, minFontSize: 10, fontFamily: 'No Such Font' }],
    };
    const t = await client.templates.create({ jsonData: doc });
    const { diagnostics } = await client.generate({
      templateId: t.id,
      layers: { title: { text: 'A headline long enough that it has to shrink to fit the box' } },
    });
    const fitted = diagnostics.layers.title;
    if (fitted?.type !== 'text') throw new Error(`expected a text diagnostic, got ${JSON.stringify(fitted)}`);
    expect(fitted.fontSize).toBeLessThan(80);
    expect(fitted.truncated).toBe(false);
    expect(fitted.fontFallback).toContain('No Such Font');
    expect(diagnostics.missingGlyphs).toEqual([]);
  });
});

describe('createClient when the answer is not from Layercast', () => {
  let other: Server;
  let otherUrl: string;
  beforeAll(async () => {
    // A proxy in front of a stopped server: HTML error pages and an HTML 200.
    other = createServer((req, res) => {
      const status = req.url === '/api/templates' ? 200 : 502;
      res
        .writeHead(status, { 'content-type': 'text/html' })
        .end('<html><body><h1>Bad Gateway</h1> nginx/1.25</body></html>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => other.close(() => resolve())));

  it('turns a refused connection into a network error with status 0 and a human message', async () => {
    // A port that was just free: nothing listens there any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));

    const error = await rejection(
      createClient({ baseUrl: `http://127.0.0.1:${deadPort}`, apiKey: key }).templates.list(),
    );
    expect(error).toBeInstanceOf(LayercastApiError);
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(error?.message).toMatch(/^Cannot reach the server/);
  });

  it('gives a non-JSON error page a message by status, never its body', async () => {
    const client = createClient({ baseUrl: otherUrl, apiKey: key });
    const error = await rejection(client.generate({ templateId: 'x' }));
    expect(error).toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'The server is unreachable right now. Try again in a moment.',
    });
    expect(error?.message).not.toContain('nginx');
    // A 200 that is HTML (a dev server that does not proxy /api) is an error too.
    expect(await rejection(client.templates.list())).toMatchObject({ status: 200, code: 'invalid_response' });
  });
});
