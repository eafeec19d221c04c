import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger';
import { TEST_PASSWORD, startTestServer } from '../support/server';
import { call } from '../support/client';

describe('account settings', () => {
  it('with LAYERCAST_SIGNUP=closed refuses new accounts but lets existing ones log in', async () => {
    const server = await startTestServer();
    try {
      const { email } = await server.signup('early@example.com');
      server.deps.config.signup = 'closed';
      const refused = await call(server.url, 'POST', '/api/auth/signup', {
        body: { email: 'late@example.com', password: TEST_PASSWORD },
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('signup_closed');
      const count = await server.db
        .selectFrom('accounts')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
      const login = await call(server.url, 'POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
      expect(login.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('marks the session cookie Secure behind an https proxy when trustProxy is on', async () => {
    const server = await startTestServer({ trustProxy: true });
    try {
      const res = await fetch(`${server.url}/api/auth/signup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' },
        body: JSON.stringify({ email: 'tls@example.com', password: TEST_PASSWORD }),
      });
      expect(res.status).toBe(201);
      expect(res.headers.getSetCookie()[0]?.toLowerCase()).toContain('; secure');
    } finally {
      await server.close();
    }
  });

  it('locks out password guessing after 10 failures for one email and address', async () => {
    const server = await startTestServer();
    try {
      const { email } = await server.signup('target@example.com');
      for (let i = 0; i < 10; i++) {
        expect(
          (await call(server.url, 'POST', '/api/auth/login', { body: { email, password: `guess-${i}-xx` } })).status,
        ).toBe(401);
      }
      const blocked = await call(server.url, 'POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('too_many_attempts');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('logs each request with its id and redacts credentials', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger('info', sink);
    const server = await startTestServer({ deps: { logger } });
    try {
      const session = await server.signup('logged@example.com');
      const { key } = await server.createKey(session);
      await call(server.url, 'GET', '/api/templates', { as: { key }, headers: { 'x-request-id': 'req-abc' } });
      const entry = lines.map((l) => JSON.parse(l)).find((l) => l.requestId === 'req-abc');
      expect(entry).toMatchObject({ method: 'GET', path: '/api/templates', status: 200, msg: 'request' });
      const all = lines.join('\n');
      expect(all).not.toContain(key);
      expect(all).not.toContain(session.cookie.split('=')[1]);
      expect(all).not.toContain('correct horse');
      // Redaction also covers objects handed to the logger by code.
      logger.info(
        {
          req: { headers: { authorization: `Bearer ${key}` } },
          body: { password: 'hunter22', signingSecret: 's3cret' },
        },
        'x',
      );
      expect(lines.at(-1)).not.toMatch(/lc_live_|hunter22|s3cret/);
    } finally {
      await server.close();
    }
  });
});
