import { describe, expect, it } from 'vitest';
import { startTestServer } from '../support/server';
import { call } from '../support/client';

describe('/healthz', () => {
  it('reports 503 when the database is unreachable, without internals', async () => {
    const server = await startTestServer();
    try {
      expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
      await server.db.destroy();
      const down = await call(server.url, 'GET', '/healthz');
      expect(down.status).toBe(503);
      expect(down.body).toEqual({ status: 'error', database: 'unreachable' });
    } finally {
      await server.close();
    }
  });
});
