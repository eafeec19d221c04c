// Keys with scopes and a template list: a render-only key cannot change templates (403
// insufficient_scope naming the scope), a key limited to some templates sees the others as
// missing (404), and a key made without either may do everything, as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, send } from '../support/client';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let a: string;
let b: string;
beforeAll(async () => {
  app = await startRenderServer();
  a = await app.createTemplate(cardTemplate());
  b = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

const newKey = async (body: Record<string, unknown>) => {
  const res = await call(app.url, 'POST', '/api/keys', { as: app.session, body: { name: 'scoped', ...body } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { key: string; scopes: string[]; templateIds: string[] | null };
};

describe('API key scopes', () => {
  it('lets a render-only key render but not read or change templates', async () => {
    const created = await newKey({ scopes: ['render'] });
    expect([created.scopes, created.templateIds]).toEqual([['render'], null]);
    const as = { key: created.key };
    const generated = await send(app.url, 'POST', '/api/generate', { as, body: { templateId: a } });
    expect(generated.status).toBe(200);
    const put = await call(app.url, 'PUT', `/api/templates/${a}`, { as, body: { name: 'Hijacked' } });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('insufficient_scope');
    expect(put.body.error.message).toBe('this API key lacks the scope templates:write; its scopes are render');
    expect((await call(app.url, 'GET', '/api/templates', { as })).status).toBe(403);
    const row = await app.db.selectFrom('templates').select('name').where('id', '=', a).executeTakeFirstOrThrow();
    expect(row.name).toBe('Test card');
  });

  it('hides templates outside a key’s list as missing, everywhere', async () => {
    const created = await newKey({ templateIds: [a] });
    const as = { key: created.key };
    expect(created.scopes).toEqual(['render', 'templates:read', 'templates:write', 'assets:write']);
    const list = await call(app.url, 'GET', '/api/templates', { as });
    expect(list.body.templates.map((t: { id: string }) => t.id)).toEqual([a]);
    expect((await call(app.url, 'GET', `/api/templates/${b}`, { as })).status).toBe(404);
    expect((await call(app.url, 'GET', `/api/templates/${a}`, { as })).status).toBe(200);
    expect((await send(app.url, 'POST', '/api/generate', { as, body: { templateId: b } })).status).toBe(404);
    expect((await send(app.url, 'POST', '/api/generate', { as, body: { templateId: a } })).status).toBe(200);
    expect((await send(app.url, 'GET', `/api/render?templateId=${b}`, { as })).status).toBe(404);
    const batch = await call(app.url, 'POST', '/api/generate/batch', {
      as,
      body: { items: [{ templateId: a }, { templateId: b }] },
    });
    expect(batch.body.results.map((r: { success: boolean }) => r.success)).toEqual([true, false]);
    expect((await call(app.url, 'DELETE', `/api/templates/${b}`, { as })).status).toBe(404);
  });

  it('refuses unknown or repeated scopes with the path, and lists keys with their limits', async () => {
    const bad = await call(app.url, 'POST', '/api/keys', {
      as: app.session,
      body: { name: 'x', scopes: ['render', 'everything'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('scopes[1]');
    const twice = await call(app.url, 'POST', '/api/keys', {
      as: app.session,
      body: { name: 'x', scopes: ['render', 'render'] },
    });
    expect(twice.status).toBe(422);
    const keys = await call(app.url, 'GET', '/api/keys', { as: app.session });
    const scoped = keys.body.keys.filter((k: { scopes: string[] }) => k.scopes.length === 1);
    expect(scoped).toHaveLength(1);
    // The key of the test server, made without limits, may still do everything.
    const everything = await call(app.url, 'PUT', `/api/templates/${b}`, {
      as: { key: app.key.key },
      body: { name: 'Renamed' },
    });
    expect(everything.status).toBe(200);
  });
});
