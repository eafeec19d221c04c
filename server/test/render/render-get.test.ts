// GET /api/render: public templates by URL (seed 001's raw-JSON form included), private
// ones by signed URL or key, and every way a signature can be wrong.
import net from 'node:net';
import { signParams, signedRenderUrl } from '@layercast/shared';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let publicId: string;
let privateId: string;

beforeAll(async () => {
  app = await startRenderServer();
  publicId = await app.createTemplate(cardTemplate(), { isPublic: true });
  privateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

type Json = { error?: { code: string; message: string; details?: { path: string; message: string }[] } };

/** Sends a request line exactly as written (no client-side encoding), returns status and headers. */
function rawGet(path: string): Promise<{ status: number; head: string; body: Buffer }> {
  const { port } = new URL(app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (c) => chunks.push(c));
    socket.on('end', () => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      const head = all.subarray(0, split).toString();
      resolve({ status: Number(head.split(' ')[1]), head, body: all.subarray(split + 4) });
    });
    socket.on('error', reject);
  });
}

async function usageRenders(): Promise<number> {
  const res = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } });
  return ((await res.json()) as { renders: number }).renders;
}

describe('GET /api/render — public templates', () => {
  it("renders seed 001's URL with raw, unencoded JSON", async () => {
    const res = await rawGet(`/api/render?templateId=${publicId}&layers={"title":{"text":"Hello%20World"}}`);
    expect(res.status).toBe(200);
    expect(res.head).toMatch(/content-type: image\/png/i);
    expect(res.body.subarray(1, 4).toString()).toBe('PNG');
  });

  it('gives the URL-encoded form the same image, from the cache', async () => {
    const layers = encodeURIComponent(JSON.stringify({ title: { text: 'Hello World' } }));
    const res = await fetch(`${app.url}/api/render?templateId=${publicId}&layers=${layers}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('HIT');
    expect(res.headers.get('etag')).toMatch(/^".+"$/);
    expect(res.headers.get('x-render-time-ms')).toBe('0');
    expect(res.headers.get('cache-control')).toMatch(/^public/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const again = await fetch(`${app.url}/api/render?templateId=${publicId}&layers=${layers}`, {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('takes plain parameters as text shorthand, equal to the layers form', async () => {
    const short = await fetch(`${app.url}/api/render?templateId=${publicId}&title=Shorthand&format=jpeg`);
    expect(short.status).toBe(200);
    expect(short.headers.get('content-type')).toBe('image/jpeg');
    expect(short.headers.get('x-cache')).toBe('MISS');
    const layers = encodeURIComponent(JSON.stringify({ title: { text: 'Shorthand' } }));
    const long = await fetch(`${app.url}/api/render?templateId=${publicId}&layers=${layers}&format=jpeg`);
    expect(long.headers.get('x-cache')).toBe('HIT');
    expect(long.headers.get('etag')).toBe(short.headers.get('etag'));
  });

  it('needs no credentials and does not count against the quota', async () => {
    const before = await usageRenders();
    const res = await fetch(`${app.url}/api/render?templateId=${publicId}&title=Free%20${Date.now()}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(await usageRenders()).toBe(before);
  });

  it('renders a burst of identical requests once; the rest are hits', async () => {
    const url = `${app.url}/api/render?templateId=${publicId}&title=${encodeURIComponent(`Burst ${Date.now()}`)}`;
    const responses = await Promise.all(Array.from({ length: 8 }, () => fetch(url)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(responses.filter((r) => r.headers.get('x-cache') === 'MISS')).toHaveLength(1);
    expect(new Set(responses.map((r) => r.headers.get('etag'))).size).toBe(1);
    const rows = await app.db.selectFrom('renders').select('id').where('template_id', '=', publicId).execute();
    const before = rows.length;
    await Promise.all(Array.from({ length: 4 }, () => fetch(url)));
    expect((await app.db.selectFrom('renders').select('id').where('template_id', '=', publicId).execute()).length).toBe(
      before,
    );
  });

  it('refuses bad queries with the parameter named', async () => {
    const cases: [string, number, string][] = [
      [`templateId=${publicId}&layers={"title":`, 400, 'malformed_json'],
      [`templateId=${publicId}&title=a&title=b`, 400, 'duplicate_parameter'],
      [`templateId=${publicId}&nope=x`, 422, 'invalid_overrides'],
      [`templateId=${publicId}&format=bmp`, 422, 'invalid_request'],
      [`templateId=${publicId}&scale=abc`, 422, 'invalid_request'],
      [
        `templateId=${publicId}&layers=${encodeURIComponent(JSON.stringify({ title: { fontSize: -1 } }))}`,
        422,
        'invalid_overrides',
      ],
      [`layers={}`, 422, 'invalid_request'],
      [
        `templateId=${publicId}&layers=${encodeURIComponent(JSON.stringify({ title: { text: 'x'.repeat(9000) } }))}`,
        414,
        'query_too_long',
      ],
      [`templateId=00000000-0000-4000-8000-000000000000`, 404, 'not_found'],
    ];
    for (const [query, status, code] of cases) {
      const res = await fetch(`${app.url}/api/render?${query}`);
      const json = (await res.json()) as Json;
      expect(res.status, query.slice(0, 80)).toBe(status);
      expect(json.error?.code, query.slice(0, 80)).toBe(code);
    }
    const unknown = (await (await fetch(`${app.url}/api/render?templateId=${publicId}&nope=x`)).json()) as Json;
    expect(unknown.error?.details?.[0]).toMatchObject({ path: 'nope' });
    expect(unknown.error?.details?.[0]?.message).toContain('title, subtitle, logo');
  });

  it('takes scale and quality only as plain decimals', async () => {
    for (const [query, path] of [
      ['scale=0x2', 'scale'],
      ['scale=2e0', 'scale'],
      ['scale=%202', 'scale'],
      ['scale=Infinity', 'scale'],
      ['format=jpeg&quality=1e1', 'quality'],
      ['format=jpeg&quality=0x50', 'quality'],
      ['format=jpeg&quality=+50', 'quality'],
    ] as const) {
      const res = await fetch(`${app.url}/api/render?templateId=${publicId}&${query}`);
      const body = (await res.json()) as Json;
      expect(res.status, query).toBe(422);
      expect(
        body.error?.details?.map((d) => d.path),
        query,
      ).toContain(path);
    }
    for (const query of ['scale=1.5', 'scale=2', 'format=jpeg&quality=50']) {
      const res = await fetch(`${app.url}/api/render?templateId=${publicId}&${query}`);
      await res.arrayBuffer();
      expect(res.status, query).toBe(200);
    }
  });
});

describe('GET /api/render — private templates', () => {
  const sign = (extra: Partial<Parameters<typeof signedRenderUrl>[0]> = {}) =>
    signedRenderUrl({
      baseUrl: app.url,
      templateId: privateId,
      keyId: app.key.id,
      signingSecret: app.key.signingSecret,
      layers: { title: { text: 'Signed' } },
      expiresInSeconds: 3600,
      ...extra,
    });

  it('is a 404 without credentials, for another account, and for a wrong key', async () => {
    expect((await fetch(`${app.url}/api/render?templateId=${privateId}`)).status).toBe(404);
    const other = await app.createKey(await app.signup());
    const res = await fetch(`${app.url}/api/render?templateId=${privateId}`, {
      headers: { authorization: `Bearer ${other.key}` },
    });
    expect(res.status).toBe(404);
  });

  it('renders for the owner by key or session, and counts against the quota', async () => {
    const before = await usageRenders();
    const byKey = await fetch(`${app.url}/api/render?templateId=${privateId}&title=Owner`, {
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(byKey.status).toBe(200);
    expect(byKey.headers.get('cache-control')).toMatch(/^private/);
    expect(await usageRenders()).toBe(before + 1);
    const bySession = await fetch(`${app.url}/api/render?templateId=${privateId}&title=Owner`, {
      headers: { cookie: app.session.cookie },
    });
    expect(bySession.status).toBe(200);
    expect(bySession.headers.get('x-cache')).toBe('HIT');
  });

  it('renders a signed URL', async () => {
    const res = await fetch(await sign());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a signed URL with any parameter changed, added or removed', async () => {
    const url = new URL(await sign({ format: 'png' }));
    const tamper = async (edit: (p: URLSearchParams) => void) => {
      const copy = new URL(url);
      edit(copy.searchParams);
      const res = await fetch(copy);
      return { status: res.status, code: ((await res.json()) as Json).error?.code };
    };
    const otherTemplate = await app.createTemplate(cardTemplate());
    const otherKey = await app.createKey(app.session, 'second');
    const edits: [string, (p: URLSearchParams) => void][] = [
      ['templateId', (p) => p.set('templateId', otherTemplate)],
      ['layers', (p) => p.set('layers', JSON.stringify({ title: { text: 'Forged' } }))],
      ['format', (p) => p.set('format', 'jpeg')],
      ['kid (another live key)', (p) => p.set('kid', otherKey.id)],
      ['kid (unknown)', (p) => p.set('kid', '00000000-0000-4000-8000-000000000000')],
      ['exp', (p) => p.set('exp', String(Number(p.get('exp')) + 60))],
      ['sig', (p) => p.set('sig', `${p.get('sig')!.slice(0, -1)}${p.get('sig')!.endsWith('0') ? '1' : '0'}`)],
      ['added param', (p) => p.set('subtitle', 'extra')],
      ['removed layers', (p) => p.delete('layers')],
      ['removed sig', (p) => p.delete('sig')],
      ['removed exp', (p) => p.delete('exp')],
    ];
    for (const [what, edit] of edits) {
      expect(await tamper(edit), what).toEqual({ status: 403, code: 'invalid_signature' });
    }
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses an expired signature and one valid more than exactly 30 days ahead', async () => {
    const expired = await sign({ now: Date.now() - 7200_000, expiresInSeconds: 3600 });
    expect((await fetch(expired)).status).toBe(403);
    const signedFor = async (seconds: number) => {
      const params = { templateId: privateId, kid: app.key.id, exp: String(Math.floor(Date.now() / 1000) + seconds) };
      return fetch(
        `${app.url}/api/render?${new URLSearchParams({ ...params, sig: await signParams(app.key.signingSecret, params) })}`,
      );
    };
    // A minute past 30 days (there used to be 5 minutes of slack).
    const far = await signedFor(30 * 24 * 3600 + 60);
    expect(far.status).toBe(403);
    expect(((await far.json()) as Json).error?.message).toContain('more than 30 days ahead');
    expect((await signedFor(30 * 24 * 3600 - 30)).status).toBe(200);
  });

  it('stops honouring signatures as soon as the key is revoked', async () => {
    const key = await app.createKey(app.session, 'to-revoke');
    const url = await signedRenderUrl({
      baseUrl: app.url,
      templateId: privateId,
      keyId: key.id,
      signingSecret: key.signingSecret,
      expiresInSeconds: 600,
    });
    expect((await fetch(url)).status).toBe(200);
    const revoke = await fetch(`${app.url}/api/keys/${key.id}`, {
      method: 'DELETE',
      headers: { cookie: app.session.cookie, 'x-csrf-token': app.session.csrf },
    });
    expect(revoke.status).toBeLessThan(300);
    expect((await fetch(url)).status).toBe(403);
  });

  it("does not accept one account's signature for another account's template", async () => {
    const other = await app.signup();
    const otherKey = await app.createKey(other);
    const url = await signedRenderUrl({
      baseUrl: app.url,
      templateId: privateId,
      keyId: otherKey.id,
      signingSecret: otherKey.signingSecret,
      expiresInSeconds: 600,
    });
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('shorthand for the new layer kinds', () => {
  it('sets a QR code’s data and a line’s stroke from ?<layer>=<value>', async () => {
    const id = await app.createTemplate(
      {
        version: 3,
        canvas: { width: 400, height: 300, background: '#ffffff' },
        layers: [
          { name: 'code', type: 'qr', x: 20, y: 20, width: 200, height: 200, data: 'https://example.com/default' },
          { name: 'rule', type: 'line', x: 240, y: 100, width: 140, height: 20, strokeWidth: 8 },
        ],
      },
      { isPublic: true },
    );
    const res = await fetch(
      `${app.url}/api/render?templateId=${id}&code=${encodeURIComponent('https://layercast.example/launch')}&rule=%23dc2626`,
    );
    expect(res.status).toBe(200);
    const { data, info } = await sharp(Buffer.from(await res.arrayBuffer()))
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const decoded = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), info.width, info.height);
    expect(decoded?.data).toBe('https://layercast.example/launch');
    const at = (310 * 1 + 110 * info.width) * 4;
    expect(Array.from(data.subarray(at, at + 3))).toEqual([0xdc, 0x26, 0x26]);
  });
});
