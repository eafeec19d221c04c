// Versions you can pin: generate, batch and GET /api/render take `version`, a signed URL pins
// it (it is part of what is signed), an unknown one is a 404 naming those that exist, and
// restore makes a new version equal to an old one.
import { signParams } from '@layercast/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let id: string;

const recoloured = (fill: string) => {
  const card = cardTemplate();
  return { ...card, layers: card.layers.map((l) => (l.name === 'bg' ? { ...l, fill } : l)) };
};

beforeAll(async () => {
  app = await startRenderServer();
  id = await app.createTemplate(cardTemplate(), { isPublic: true }); // version 1: blue
  await app.updateTemplate(id, { jsonData: recoloured('#b91c1c') }); // version 2: red
});
afterAll(async () => {
  await app?.close();
});

/** The colour at a point of the background rect. */
async function backgroundOf(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  const at = (info.width * 200 + 10) * info.channels;
  return `#${[data[at], data[at + 1], data[at + 2]].map((v) => (v ?? 0).toString(16).padStart(2, '0')).join('')}`;
}

interface Answer {
  imageUrl: string;
  error: { code: string; message: string; details: unknown };
}

async function generated(body: Record<string, unknown>): Promise<{ status: number; json: Answer; colour?: string }> {
  const res = await app.generate({ templateId: id, ...body });
  const json = (await res.json()) as Answer;
  if (res.status !== 200) return { status: res.status, json };
  const image = Buffer.from(await (await fetch(json.imageUrl)).arrayBuffer());
  return { status: 200, json, colour: await backgroundOf(image) };
}

describe('template versions', () => {
  it('renders a pinned version through generate and GET /api/render; the current one without', async () => {
    expect((await generated({})).colour).toBe('#b91c1c');
    expect((await generated({ version: 1 })).colour).toBe('#1e3a8a');
    expect((await generated({ version: 2 })).colour).toBe('#b91c1c');

    const get = async (query: string) => {
      const res = await fetch(`${app.url}/api/render?templateId=${id}&${query}`);
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    };
    const v1 = await get('version=1&title=Pinned');
    expect(v1.status).toBe(200);
    expect(await backgroundOf(v1.bytes)).toBe('#1e3a8a');
    expect((await get('version=abc')).status).toBe(422);
  });

  it('answers an unknown version with 404 naming the versions that exist', async () => {
    const missing = await generated({ version: 7 });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    expect(missing.json.error.message).toBe('this template has no version 7; its versions are 1, 2');
    expect(missing.json.error.details).toEqual({ versions: [1, 2] });
    const res = await fetch(`${app.url}/api/render?templateId=${id}&version=0`);
    expect(res.status).toBe(422);
  });

  it('pins the version in a signed URL: changing it breaks the signature', async () => {
    const privateId = await app.createTemplate(cardTemplate());
    await app.updateTemplate(privateId, { jsonData: recoloured('#15803d') });
    const params = {
      templateId: privateId,
      version: '1',
      kid: app.key.id,
      exp: String(Math.floor(Date.now() / 1000) + 600),
    };
    const sig = await signParams(app.key.signingSecret, params);
    const signed = await fetch(`${app.url}/api/render?${new URLSearchParams({ ...params, sig })}`);
    expect(signed.status).toBe(200);
    expect(await backgroundOf(Buffer.from(await signed.arrayBuffer()))).toBe('#1e3a8a');
    const moved = await fetch(`${app.url}/api/render?${new URLSearchParams({ ...params, version: '2', sig })}`);
    expect(moved.status).toBe(403);
  });

  it('restores an old version as a new one, keeping the history', async () => {
    const res = await fetch(`${app.url}/api/templates/${id}/versions/1/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { version: number }).version).toBe(3);
    expect((await generated({})).colour).toBe('#1e3a8a');
    const list = await fetch(`${app.url}/api/templates/${id}/versions`, {
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    const { versions } = (await list.json()) as { versions: { version: number }[] };
    expect(versions.map((v) => v.version)).toEqual([3, 2, 1]);
    // Restoring what is already current changes nothing.
    const again = await fetch(`${app.url}/api/templates/${id}/versions/3/restore`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('x-template-status')).toBe('unchanged');
  });

  it('records what saved each version: the editor, an API key by name, the CLI', async () => {
    const key = app.key.key;
    const cli = await fetch(`${app.url}/api/templates/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', 'x-layercast-client': 'cli' },
      body: JSON.stringify({ jsonData: recoloured('#15803d') }),
    });
    expect(cli.status).toBe(200);
    const list = await fetch(`${app.url}/api/templates/${id}/versions`, {
      headers: { authorization: `Bearer ${key}` },
    });
    const { versions } = (await list.json()) as {
      versions: { version: number; savedBy: { via: string; name: string | null } | null }[];
    };
    const keyName = (await (
      await fetch(`${app.url}/api/keys`, { headers: { cookie: app.session.cookie } })
    ).json()) as {
      keys: { id: string; name: string }[];
    };
    const name = keyName.keys.find((k) => k.id === app.key.id)?.name ?? null;
    expect(versions.map((v) => [v.version, v.savedBy])).toEqual([
      [4, { via: 'cli', name }],
      [3, { via: 'api_key', name }],
      [2, { via: 'editor', name: null }],
      [1, { via: 'editor', name: null }],
    ]);
  });
});
