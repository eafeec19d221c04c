import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type TestServer, startTestServer } from '../support/server';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('accounts', () => {
  it('signs up, reads me with the cookie, logs out and the cookie stops working', async () => {
    const res = await post('/api/auth/signup', { email: 'Ada@Example.com', password: TEST_PASSWORD });
    expect(res.status).toBe(201);
    const setCookie = res.headers.getSetCookie()[0] ?? '';
    expect(setCookie).toMatch(/^lc_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie.toLowerCase()).toContain('httponly');
    expect(setCookie.toLowerCase()).toContain('samesite=lax');
    expect(setCookie.toLowerCase()).not.toContain('secure');
    const body = (await res.json()) as { account: { email: string }; csrfToken: string };
    expect(body.account.email).toBe('ada@example.com');
    const cookie = setCookie.split(';')[0]!;

    const me = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { account: { email: string } }).account.email).toBe('ada@example.com');

    const noCsrf = await post('/api/auth/logout', {}, { cookie });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { error: { code: string } }).error.code).toBe('csrf_failed');

    const out = await post('/api/auth/logout', {}, { cookie, 'x-csrf-token': body.csrfToken });
    expect(out.status).toBe(204);
    const after = await fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('logs in with the right password only, and refuses a taken email', async () => {
    const { email } = await server.signup('grace@example.com');
    const again = await post('/api/auth/signup', { email: 'GRACE@example.com', password: TEST_PASSWORD });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('email_taken');

    const wrong = await post('/api/auth/login', { email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="layercast"');
    expect(await wrong.json()).toEqual({
      success: false,
      error: {
        code: 'invalid_credentials',
        message: 'wrong email or password',
        requestId: wrong.headers.get('x-request-id'),
      },
    });
    const unknown = await post('/api/auth/login', { email: 'nobody@example.com', password: TEST_PASSWORD });
    expect(unknown.status).toBe(401);

    const ok = await post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.headers.getSetCookie()[0]).toMatch(/^lc_session=/);
  });

  it('rejects bad sign-up input with the JSON path and what was expected', async () => {
    const res = await post('/api/auth/signup', { email: 'not-an-email', password: 'short', extra: 1 });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: { code: string; details: { path: string; message: string }[] } };
    expect(body.error.code).toBe('invalid_request');
    expect(body.error.details).toEqual(
      expect.arrayContaining([
        { path: 'email', message: 'expected an email address' },
        { path: 'password', message: 'expected at least 8 characters' },
        { path: 'extra', message: 'unknown property' },
      ]),
    );
  });
});
