// The typed client of shared/ against the real server.
import { LayercastApiError, createClient } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../helpers';
import { titleTemplate } from './client';

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

    const updated = await client.templates.update(created.id, { jsonData: titleTemplate('b') }, { ifMatch: created.etag });
    expect(updated).toMatchObject({ version: 2, etag: '"v2"', changed: true });
    const same = await client.templates.update(created.id, { jsonData: titleTemplate('b') });
    expect(same.changed).toBe(false);

    const lost = await client.templates.update(created.id, { name: 'x' }, { ifMatch: created.etag }).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(LayercastApiError);
    expect(lost).toMatchObject({ status: 412, code: 'precondition_failed' });

    expect((await client.templates.versions(created.id)).map((v) => v.version)).toEqual([2, 1]);
    expect((await client.templates.get(created.id)).jsonData.layers[0]).toMatchObject({ text: 'b' });
    await client.templates.delete(created.id);
    await expect(client.templates.get(created.id)).rejects.toMatchObject({ status: 404, code: 'not_found' });
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
    const one = await client.generate({ templateId: t.id, layers: { title: { text: 'From the client' } }, format: 'png' });
    expect(one).toMatchObject({ success: true, cached: false, format: 'png', width: 400, height: 200 });
    const image = await fetch(one.imageUrl);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');
    expect((await client.generate({ templateId: t.id, layers: { title: { text: 'From the client' } }, format: 'png' })).cached).toBe(true);

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
    const signed = new URL(await client.signedRenderUrl({ templateId: 't1', keyId: 'k1', signingSecret: 's', expiresInSeconds: 60 }));
    expect([...signed.searchParams.keys()].sort()).toEqual(['exp', 'kid', 'sig', 'templateId']);
  });
});
