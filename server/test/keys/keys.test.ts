import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestServer, startTestServer } from '../support/server';
import { call } from '../support/client';

let server: TestServer;
let alice: Session;
let bob: Session;
beforeAll(async () => {
  server = await startTestServer();
  alice = await server.signup('alice@example.com');
  bob = await server.signup('bob@example.com');
});
afterAll(async () => server?.close());

const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(server.url, method, path, options);

describe('API keys', () => {
  it('shows the secret once, stores only a hash, and lists name, prefix, created and last used', async () => {
    const created = await api('POST', '/api/keys', { as: alice, body: { name: 'ci' } });
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^lc_live_[0-9A-Za-z]{32}$/);
    expect(created.body.prefix).toBe(created.body.key.slice(0, 16));
    expect(created.body.signingSecret).toMatch(/^[0-9a-f]{64}$/);

    const row = await server.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', created.body.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.body.key);
    expect(JSON.stringify(row)).not.toContain(created.body.key.slice(16));

    const list = await api('GET', '/api/keys', { as: alice });
    expect(list.body.keys).toEqual([
      {
        id: created.body.id,
        name: 'ci',
        prefix: created.body.prefix,
        createdAt: created.body.createdAt,
        lastUsedAt: null,
        scopes: ['render', 'templates:read', 'templates:write', 'assets:write'],
        templateIds: null,
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);

    // Using the key records it.
    expect((await api('GET', '/api/templates', { as: { key: created.body.key } })).status).toBe(200);
    await expect
      .poll(async () => (await api('GET', '/api/keys', { as: alice })).body.keys[0].lastUsedAt)
      .not.toBeNull();
  });

  it('revokes a key with immediate effect, and only the owner can', async () => {
    const { body: k } = await api('POST', '/api/keys', { as: alice, body: { name: 'temp' } });
    expect((await api('GET', '/api/templates', { as: { key: k.key } })).status).toBe(200);
    expect((await api('DELETE', `/api/keys/${k.id}`, { as: bob })).status).toBe(404);
    expect((await api('GET', '/api/templates', { as: { key: k.key } })).status).toBe(200);
    expect((await api('DELETE', `/api/keys/${k.id}`, { as: alice })).status).toBe(204);
    const after = await api('GET', '/api/templates', { as: { key: k.key } });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('invalid_api_key');
    expect((await api('GET', '/api/keys', { as: alice })).body.keys.map((x: { id: string }) => x.id)).not.toContain(
      k.id,
    );
  });

  it('rejects a key with one character changed (same prefix, constant-time compare)', async () => {
    const { body: k } = await api('POST', '/api/keys', { as: alice, body: { name: 'tamper' } });
    const last = k.key.at(-1) === 'a' ? 'b' : 'a';
    const tampered = k.key.slice(0, -1) + last;
    expect((await api('GET', '/api/templates', { as: { key: tampered } })).status).toBe(401);
  });

  it('gives the owner the signing secret, HMAC(master, "sign:" + id), and no one else', async () => {
    const { body: k } = await api('POST', '/api/keys', { as: alice, body: { name: 'signer' } });
    const secret = await api('GET', `/api/keys/${k.id}/signing-secret`, { as: alice });
    expect(secret.body).toEqual({ keyId: k.id, signingSecret: k.signingSecret });
    const expected = createHmac('sha256', server.deps.config.masterSecret).update(`sign:${k.id}`).digest('hex');
    expect(k.signingSecret).toBe(expected);
    expect((await api('GET', `/api/keys/${k.id}/signing-secret`, { as: bob })).status).toBe(404);
  });

  it('manages keys only from a signed-in session, not with a key', async () => {
    const { body: k } = await api('POST', '/api/keys', { as: alice, body: { name: 'k' } });
    const viaKey = await api('POST', '/api/keys', { as: { key: k.key }, body: { name: 'escalate' } });
    expect(viaKey.status).toBe(401);
    expect((await api('GET', '/api/keys', { as: { key: k.key } })).status).toBe(401);
    const noName = await api('POST', '/api/keys', { as: alice, body: { name: '' } });
    expect(noName.status).toBe(422);
    expect(noName.body.error.details).toEqual([{ path: 'name', message: 'expected a name of 1 to 100 characters' }]);
  });
});
