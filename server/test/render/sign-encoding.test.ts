// Signed URLs whose values hold `&`, `=`, `%`, `+`, spaces or non-ASCII text. The canonical
// string percent-encodes every name and value, so moving a separator from a value into the
// query structure changes what is signed (review finding: `title=Hi&zz=PWNED` was a forgery).
import { canonicalQuery, signParams, signedRenderUrl } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let privateId: string;

/** The card plus a second text layer, `zz`, for a forged parameter to aim at. */
function twoTextTemplate() {
  const card = cardTemplate();
  return {
    ...card,
    layers: [
      ...card.layers,
      { name: 'zz', type: 'text', x: 20, y: 160, width: 200, height: 40, text: 'zz', fontSize: 20, color: '#ffffff' },
    ],
  };
}

beforeAll(async () => {
  app = await startRenderServer();
  privateId = await app.createTemplate(twoTextTemplate());
});
afterAll(async () => {
  await app?.close();
});

type Json = { error?: { code: string; details?: { path: string }[] } };

const expSoon = () => String(Math.floor(Date.now() / 1000) + 600);

describe('canonical query of signed URLs', () => {
  it("percent-encodes names and values as RFC 3986 (encodeURIComponent plus !'()*), sorted by encoded name", () => {
    expect(canonicalQuery({ 'a b': "x&y=z!'()*", é: '100%+1 ü', kid: 'k', sig: 'ignored' })).toBe(
      '%C3%A9=100%25%2B1%20%C3%BC&a%20b=x%26y%3Dz%21%27%28%29%2A&kid=k',
    );
  });

  it('no longer lets separators move between a value and the query', () => {
    const honest = canonicalQuery({ templateId: 't', title: 'Hi&zz=PWNED', kid: 'k', exp: '1' });
    const forged = canonicalQuery({ templateId: 't', title: 'Hi', zz: 'PWNED', kid: 'k', exp: '1' });
    expect(honest).not.toBe(forged);
  });
});

describe('GET /api/render with signed values that hold separators', () => {
  it('refuses a forgery that splits a signed value into two parameters', async () => {
    const params = { templateId: privateId, title: 'Hi&zz=PWNED', kid: app.key.id, exp: expSoon() };
    const sig = await signParams(app.key.signingSecret, params);
    // The same signature on a query where the `&` and `=` of the value are now structure.
    const forged = `${app.url}/api/render?templateId=${privateId}&title=Hi&zz=PWNED&kid=${params.kid}&exp=${params.exp}&sig=${sig}`;
    const res = await fetch(forged);
    expect(res.status).toBe(403);
    expect(((await res.json()) as Json).error?.code).toBe('invalid_signature');
    // The honest URL (the value encoded) renders.
    const honest = await fetch(`${app.url}/api/render?${new URLSearchParams({ ...params, sig })}`);
    expect(honest.status).toBe(200);
  });

  it('renders values with & = % + spaces and non-ASCII exactly as signed', async () => {
    const text = 'A & B = 100% + ünïcødé 日本 ✓';
    const url = await signedRenderUrl({
      baseUrl: app.url,
      templateId: privateId,
      keyId: app.key.id,
      signingSecret: app.key.signingSecret,
      layers: { title: { text } },
      variables: { author: 'Zoë & "Al" = 50%+' },
      expiresInSeconds: 600,
    });
    const signed = await fetch(url);
    expect(signed.status).toBe(200);
    expect(signed.headers.get('x-cache')).toBe('MISS');
    // The owner asking for the same layers and variables by key gets that render from the
    // cache: the server decoded the signed values to exactly these strings.
    const query = new URLSearchParams({
      templateId: privateId,
      layers: JSON.stringify({ title: { text } }),
      variables: JSON.stringify({ author: 'Zoë & "Al" = 50%+' }),
    });
    const byKey = await fetch(`${app.url}/api/render?${query}`, {
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(byKey.status).toBe(200);
    expect(byKey.headers.get('x-cache')).toBe('HIT');
    expect(byKey.headers.get('etag')).toBe(signed.headers.get('etag'));
  });

  it('verifies a signature over a parameter name with such characters (then names the unknown layer)', async () => {
    const name = 'we ird&=%+é';
    const params = { templateId: privateId, [name]: 'x y', kid: app.key.id, exp: expSoon() };
    const sig = await signParams(app.key.signingSecret, params);
    const res = await fetch(`${app.url}/api/render?${new URLSearchParams({ ...params, sig })}`);
    // Past the signature check (not a 403): the name is simply not a layer.
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).error?.details?.[0]?.path).toBe(`[${JSON.stringify(name)}]`);
  });
});

describe('GET /api/render with __proto__ in the query', () => {
  it('counts it as a parameter: an added one breaks a signature, and is an unknown layer on a render', async () => {
    const params = { templateId: privateId, title: 'Hi', kid: app.key.id, exp: expSoon() };
    const sig = await signParams(app.key.signingSecret, params);
    const signed = `${app.url}/api/render?${new URLSearchParams({ ...params, sig })}`;
    expect((await fetch(signed)).status).toBe(200);
    const added = await fetch(`${signed}&__proto__=x`);
    expect(added.status).toBe(403);
    expect(((await added.json()) as Json).error?.code).toBe('invalid_signature');

    const publicId = await app.createTemplate(twoTextTemplate(), { isPublic: true });
    const res = await fetch(`${app.url}/api/render?templateId=${publicId}&title=Hi&__proto__=x`);
    expect(res.status).toBe(422);
    const body = (await res.json()) as Json;
    expect(body.error?.code).toBe('invalid_overrides');
    expect(body.error?.details?.map((d) => d.path)).toEqual(['__proto__']);
  });
});
