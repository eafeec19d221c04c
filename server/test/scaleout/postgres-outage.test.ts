// Postgres going away under a running server: requests that need it get 503 with
// Retry-After (not a 500, not a hang), and the server serves again by itself once Postgres is
// back, with no restart. The cluster here is this file's own, so stopping it touches no
// other test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster';
import { createTestDatabase } from '../support/test-database';

let cluster: PostgresCluster;
let app: TestServer;

beforeAll(async () => {
  cluster = await startPostgresCluster();
  const { url } = await createTestDatabase(cluster.adminUrl);
  app = await startTestServer({ databaseUrl: url });
});
afterAll(async () => {
  await app?.close().catch(() => {});
  await cluster?.stop();
});

describe('losing Postgres while running', () => {
  it('answers 503 with Retry-After while it is down and recovers by itself when it is back', async () => {
    const session = await app.signup();
    const me = () => fetch(`${app.url}/api/auth/me`, { headers: { cookie: session.cookie } });
    expect((await me()).status).toBe(200);

    await cluster.halt();
    const down = await me();
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(await down.json()).toEqual({
      success: false,
      error: {
        code: 'unavailable',
        message: 'the service is briefly unavailable; retry shortly',
        details: { retryAfterSeconds: 5 },
        requestId: down.headers.get('x-request-id'),
      },
    });
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(503);
    expect(health.headers.get('retry-after')).toBe('5');
    // A write is refused the same way, and is not half-applied.
    const create = await fetch(`${app.url}/api/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf },
      body: JSON.stringify({ name: 'during outage', document: {} }),
    });
    expect(create.status).toBe(503);

    await cluster.resume();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await me()).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});
