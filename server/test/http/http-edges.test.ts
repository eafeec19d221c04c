// Edges of the HTTP layer found in review: every answer in the one JSON error shape, an
// Authorization header meant for a proxy in front, CSRF on login and logout, and bodies
// that are valid JSON but not an object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, TEST_PASSWORD, type TestServer, startTestServer } from '../support/server';
import { call, titleTemplate } from '../support/client';

let server: TestServer;
let alice: Session;
beforeAll(async () => {
  server = await startTestServer();
  alice = await server.signup();
});
afterAll(async () => {
  await server?.close();
});

describe('HTTP edges', () => {
  it('answers a method the route does not have with a JSON 405 and an Allow header', async () => {
    const res = await fetch(`${server.url}/api/templates`, { method: 'PATCH' });
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('allow')).toContain('POST');
    expect(await res.json()).toEqual({
      success: false,
      error: {
        code: 'method_not_allowed',
        message: 'PATCH is not allowed here; use one of HEAD, GET, POST',
        requestId: res.headers.get('x-request-id'),
      },
    });
  });

  it('ignores an Authorization header of another scheme (Basic from a proxy in front) instead of refusing everything', async () => {
    const basic = { authorization: `Basic ${Buffer.from('ops:hunter2').toString('base64')}` };
    expect((await call(server.url, 'GET', '/healthz', { headers: basic })).status).toBe(200);
    // Anonymous as far as the API is concerned: a route that needs credentials says so...
    const anonymous = await call(server.url, 'GET', '/api/templates', { headers: basic });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('unauthorized');
    // ...and a session cookie still works beside it.
    const withSession = await call(server.url, 'GET', '/api/templates', {
      headers: { ...basic, cookie: alice.cookie },
    });
    expect(withSession.status).toBe(200);
    // A Bearer that is not a valid key is still refused outright.
    const bad = await call(server.url, 'GET', '/healthz', { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('invalid_api_key');
  });

  it('lets a signed-in browser log in again without the old session\u2019s CSRF token, and replaces that session', async () => {
    const session = await server.signup();
    const body = { email: session.email, password: TEST_PASSWORD };
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie },
      body: JSON.stringify(body),
    });
    expect(login.status).toBe(200);
    const fresh = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    expect((await call(server.url, 'GET', '/api/auth/me', { headers: { cookie: fresh } })).status).toBe(200);
    // The session it replaced is gone.
    expect((await call(server.url, 'GET', '/api/auth/me', { headers: { cookie: session.cookie } })).status).toBe(401);
    // A cross-site login is still refused (login CSRF).
    const crossSite = await call(server.url, 'POST', '/api/auth/login', {
      body,
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(403);
  });

  it('keeps CSRF on logout: a live session needs its token to be ended', async () => {
    const session = await server.signup();
    const bare = await call(server.url, 'POST', '/api/auth/logout', { headers: { cookie: session.cookie } });
    expect(bare.status).toBe(403);
    expect(bare.body.error.code).toBe('csrf_failed');
    expect((await call(server.url, 'GET', '/api/auth/me', { headers: { cookie: session.cookie } })).status).toBe(200);
    expect((await call(server.url, 'POST', '/api/auth/logout', { as: session })).status).toBe(204);
    expect((await call(server.url, 'GET', '/api/auth/me', { headers: { cookie: session.cookie } })).status).toBe(401);
  });

  it('names the path of a prototype-polluting key, and says "expected a JSON object" for other valid JSON', async () => {
    const post = (raw: string) =>
      call(server.url, 'POST', '/api/templates', { as: alice, raw, headers: { 'content-type': 'application/json' } });
    const proto = await post('{"name": "x", "__proto__": {"isAdmin": true}}');
    expect(proto.status).toBe(422);
    expect(proto.body.error).toMatchObject({
      code: 'invalid_request',
      details: [{ path: '__proto__', message: 'this property name is not allowed' }],
    });
    const nested = await post('{"name": "x", "jsonData": {"layers": [{"type": "text"}, {"__proto__": {"x": 1}}]}}');
    expect(nested.status).toBe(422);
    expect(nested.body.error.details).toEqual([
      { path: 'jsonData.layers[1].__proto__', message: 'this property name is not allowed' },
    ]);
    for (const raw of ['null', '"str"', '42', 'true', '[1, 2]']) {
      const res = await post(raw);
      expect(res.status, raw).toBe(422);
      expect(res.body.error, raw).toEqual({
        code: 'invalid_request',
        message: 'expected a JSON object',
        details: [{ path: '', message: 'expected a JSON object' }],
        requestId: res.headers.get('x-request-id'),
      });
    }
    // Not JSON at all is still 400.
    for (const raw of ['{"name": ', 'nul', '"unterminated']) {
      const res = await post(raw);
      expect(res.status, raw).toBe(400);
      expect(res.body.error.code, raw).toBe('malformed_json');
    }
    expect(await server.db.selectFrom('templates').select('id').execute()).toEqual([]);
  });

  it('keeps the current ETag on a 412 and compares If-Match by version, in the forms compressing proxies give a tag', async () => {
    const created = await call(server.url, 'POST', '/api/templates', {
      as: alice,
      body: { name: 'etag', jsonData: titleTemplate() },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    let n = 0;
    const put = (ifMatch: string) =>
      call(server.url, 'PUT', `/api/templates/${id}`, {
        as: alice,
        body: { jsonData: titleTemplate(`save ${++n}`) },
        headers: { 'if-match': ifMatch },
      });
    const expectSaved = async (ifMatch: string, version: number) => {
      const res = await put(ifMatch);
      expect(res.status, ifMatch).toBe(200);
      expect(res.headers.get('etag'), ifMatch).toBe(`"v${version}"`);
    };
    const expectRefused = async (ifMatch: string, current: number) => {
      const res = await put(ifMatch);
      expect(res.status, ifMatch).toBe(412);
      expect(res.body.error.code, ifMatch).toBe('precondition_failed');
      expect(res.body.error.details, ifMatch).toEqual({ currentVersion: current });
      expect(res.headers.get('etag'), ifMatch).toBe(`"v${current}"`);
    };

    // nginx's gzip weakens the ETag; a client echoing it back is saving version 1.
    await expectSaved('W/"v1"', 2);
    // The same tag, now stale, in every form: still a lost update.
    for (const stale of ['"v1"', 'W/"v1"', '"v1-gzip"', 'W/"v1-gzip"', '"v1;gzip"', '"v1-br"', '"v0"'])
      await expectRefused(stale, 2);
    // Apache mod_deflate and Jetty append the coding inside the quotes.
    await expectSaved('"v2-gzip"', 3);
    await expectSaved('W/"v3-br"', 4);
    await expectSaved('"v4;gzip"', 5);
    await expectSaved('"v5--gzip"', 6);
    await expectSaved('"v1", W/"v6-gzip"', 7);
    // Only a coding suffix is taken off, once; anything else is another tag.
    for (const other of ['"v7-gzip-gzip"', '"v7-x"', '"v07"', 'v7', '"v7', 'W/ "v7"', '"V7"'])
      await expectRefused(other, 7);
    // `*` matches whatever the current version is, as before.
    await expectSaved('*', 8);

    // If-None-Match on GET reads the same forms.
    for (const current of ['"v8"', 'W/"v8"', '"v8-gzip"', 'W/"v8;gzip"']) {
      const got = await call(server.url, 'GET', `/api/templates/${id}`, {
        as: alice,
        headers: { 'if-none-match': current },
      });
      expect(got.status, current).toBe(304);
      expect(got.headers.get('etag')).toBe('"v8"');
    }
    const stale = await call(server.url, 'GET', `/api/templates/${id}`, {
      as: alice,
      headers: { 'if-none-match': 'W/"v7-gzip"' },
    });
    expect(stale.status).toBe(200);
  });

  it('documents csrfToken of GET /api/auth/me as optional (absent for API keys), required after login', async () => {
    const doc = (await call(server.url, 'GET', '/api/openapi.json')).body;
    const resolve = (schema: { $ref?: string }) =>
      schema.$ref ? doc.components.schemas[schema.$ref.split('/').pop() ?? ''] : schema;
    const me = resolve(doc.paths['/api/auth/me'].get.responses['200'].content['application/json'].schema);
    expect(me.properties.csrfToken).toBeDefined();
    expect(me.required ?? []).not.toContain('csrfToken');
    const login = resolve(doc.paths['/api/auth/login'].post.responses['200'].content['application/json'].schema);
    expect(login.required).toContain('csrfToken');
    const { key } = await server.createKey(alice);
    const byKey = await call(server.url, 'GET', '/api/auth/me', { as: { key } });
    expect(byKey.status).toBe(200);
    expect(byKey.body.csrfToken).toBeUndefined();
  });
});
