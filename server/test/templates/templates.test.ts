import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_VERSION } from '@layercast/shared';
import { type Session, type TestServer, startTestServer } from '../support/server';
import { call, titleTemplate } from '../support/client';

let server: TestServer;
let alice: Session;
let bob: Session;
let aliceKey: { key: string };
beforeAll(async () => {
  server = await startTestServer();
  alice = await server.signup('alice@example.com');
  bob = await server.signup('bob@example.com');
  aliceKey = await server.createKey(alice, 'ci');
});
afterAll(async () => server?.close());

const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(server.url, method, path, options);

describe('templates', () => {
  it('creates, lists, reads with an ETag and deletes', async () => {
    const created = await api('POST', '/api/templates', {
      as: alice,
      body: { name: 'Card', description: 'first', jsonData: titleTemplate(), isPublic: true },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('etag')).toBe('"v1"');
    expect(created.headers.get('location')).toBe(`/api/templates/${created.body.id}`);
    expect(created.body).toMatchObject({
      name: 'Card',
      description: 'first',
      isPublic: true,
      version: 1,
      previewUrl: null,
    });
    // Defaults are filled in: what is stored is the normalized document.
    expect(created.body.jsonData.layers[0]).toMatchObject({
      name: 'title',
      fontFamily: 'Inter',
      opacity: 1,
      id: 'title',
    });
    const id = created.body.id as string;

    const list = await api('GET', '/api/templates', { as: aliceKey });
    expect(list.status).toBe(200);
    expect(list.body.templates.map((t: { id: string }) => t.id)).toContain(id);
    expect(list.body.templates[0]).toMatchObject({ width: 400, height: 200, version: 1 });

    const got = await api('GET', `/api/templates/${id}`, { as: aliceKey });
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"v1"');
    expect(got.body.jsonData).toEqual(created.body.jsonData);
    const notModified = await api('GET', `/api/templates/${id}`, {
      as: aliceKey,
      headers: { 'if-none-match': '"v1"' },
    });
    expect(notModified.status).toBe(304);

    expect((await api('DELETE', `/api/templates/${id}`, { as: alice })).status).toBe(204);
    expect((await api('GET', `/api/templates/${id}`, { as: alice })).status).toBe(404);
    expect((await api('DELETE', `/api/templates/${id}`, { as: alice })).status).toBe(404);
  });

  it("accepts seed 001's PUT body verbatim (Bearer key, document without a version)", async () => {
    const { body: t } = await api('POST', '/api/templates', {
      as: aliceKey,
      body: { name: 'Old', jsonData: titleTemplate() },
    });
    const res = await fetch(`${server.url}/api/templates/${t.id}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${aliceKey.key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name: 'Updated Template Name',
        description: 'Updated description',
        jsonData: {
          canvas: { width: 1200, height: 630, background: '#ffffff' },
          layers: [
            // Your updated layer definitions
          ],
          variables: [],
        },
      }),
    });
    expect(res.status).toBe(200);
    const updatedTemplate = (await res.json()) as {
      name: string;
      description: string;
      version: number;
      jsonData: { version: number; canvas: { width: number } };
    };
    expect(updatedTemplate).toMatchObject({
      name: 'Updated Template Name',
      description: 'Updated description',
      version: 2,
    });
    expect(updatedTemplate.jsonData.version).toBe(CURRENT_VERSION);
    expect(updatedTemplate.jsonData.canvas.width).toBe(1200);
  });

  it('keeps every version readable, skips no-op saves and refuses a stale If-Match with 412', async () => {
    const { body: t } = await api('POST', '/api/templates', {
      as: alice,
      body: { name: 'V', jsonData: titleTemplate('one') },
    });
    const v2 = await api('PUT', `/api/templates/${t.id}`, {
      as: alice,
      body: { jsonData: titleTemplate('two') },
      headers: { 'if-match': '"v1"' },
    });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('etag')).toBe('"v2"');

    // A second writer still holding v1 loses, and nothing is written.
    const stale = await api('PUT', `/api/templates/${t.id}`, {
      as: alice,
      body: { name: 'lost' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect((await api('GET', `/api/templates/${t.id}`, { as: alice })).body.name).toBe('V');

    const same = await api('PUT', `/api/templates/${t.id}`, { as: alice, body: { jsonData: titleTemplate('two') } });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
    expect(same.headers.get('x-template-status')).toBe('unchanged');

    const versions = await api('GET', `/api/templates/${t.id}/versions`, { as: alice });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const first = await api('GET', `/api/templates/${t.id}/versions/1`, { as: alice });
    expect(first.status).toBe(200);
    expect(first.body.jsonData.layers[0].text).toBe('one');
    expect((await api('GET', `/api/templates/${t.id}/versions/3`, { as: alice })).status).toBe(404);
  });

  it('rejects an invalid document with the JSON path and changes nothing', async () => {
    const { body: t } = await api('POST', '/api/templates', {
      as: alice,
      body: { name: 'Keep', jsonData: titleTemplate() },
    });
    const bad = titleTemplate();
    (bad.layers[0] as Record<string, unknown>).fontSize = 5000;
    const res = await api('PUT', `/api/templates/${t.id}`, {
      as: alice,
      body: { name: 'Changed', jsonData: bad, colour: 'red' },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid_template');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'jsonData.layers[0].fontSize', message: 'expected a number from 1 to 1000' },
        { path: 'colour', message: 'unknown property' },
      ]),
    );
    const after = await api('GET', `/api/templates/${t.id}`, { as: alice });
    expect(after.body).toMatchObject({ name: 'Keep', version: 1 });

    const missing = await api('POST', '/api/templates', { as: alice, body: { name: 'No doc' } });
    expect(missing.status).toBe(422);
    expect(missing.body.error.details[0].path).toBe('jsonData');
  });

  it("hides one account's templates from another (404, not 403)", async () => {
    const { body: t } = await api('POST', '/api/templates', {
      as: alice,
      body: { name: 'Private', jsonData: titleTemplate() },
    });
    expect((await api('GET', `/api/templates/${t.id}`, { as: bob })).status).toBe(404);
    expect((await api('PUT', `/api/templates/${t.id}`, { as: bob, body: { name: 'pwned' } })).status).toBe(404);
    expect((await api('DELETE', `/api/templates/${t.id}`, { as: bob })).status).toBe(404);
    expect((await api('GET', `/api/templates/${t.id}/versions`, { as: bob })).status).toBe(404);
    expect((await api('GET', `/api/templates/${t.id}/versions/1`, { as: bob })).status).toBe(404);
    const bobs = await api('GET', '/api/templates', { as: bob });
    expect(bobs.body.templates).toEqual([]);
    expect((await api('GET', `/api/templates/${t.id}`, { as: alice })).body.name).toBe('Private');
  });

  it('needs credentials, and a session write needs the CSRF token', async () => {
    const anon = await api('GET', '/api/templates');
    expect(anon.status).toBe(401);
    expect(anon.body).toMatchObject({ success: false, error: { code: 'unauthorized' } });
    const badKey = await api('GET', '/api/templates', { as: { key: 'lc_live_00000000000000000000000000000000' } });
    expect(badKey.status).toBe(401);
    expect(badKey.body.error.code).toBe('invalid_api_key');
    const noCsrf = await api('POST', '/api/templates', {
      as: { ...alice, csrf: 'forged' },
      body: { name: 'x', jsonData: titleTemplate() },
    });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
  });
});
