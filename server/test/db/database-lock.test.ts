// A database lock held elsewhere (another process on the SQLite file, a long transaction on
// Postgres) makes writes wait without freezing the server: /healthz answers meanwhile, and a
// write that cannot get the lock within LAYERCAST_DB_LOCK_WAIT_MS answers 503 with
// Retry-After, having written nothing. Once the lock is free, the same write succeeds.
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/db/database';
import { type Session, type TestServer, startTestServer } from '../support/server';
import { call, titleTemplate } from '../support/client';

let server: TestServer;
let alice: Session;
beforeAll(async () => {
  server = await startTestServer({ dbLockWaitMs: 800 });
  alice = await server.signup();
});
afterAll(async () => {
  await server?.close();
});

/** Takes the write lock on the templates the way another process would; returns its release. */
async function holdWriteLock(): Promise<() => Promise<void>> {
  const url = server.deps.config.databaseUrl;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('begin');
    await client.query('lock table templates in exclusive mode');
    return async () => {
      await client.query('rollback');
      await client.end();
    };
  }
  const other = new SqliteDatabase(join(server.dataDir, DATABASE_FILE));
  other.exec('begin immediate');
  return async () => {
    other.exec('rollback');
    other.close();
  };
}

describe('a database lock held elsewhere', () => {
  it('answers 503 with Retry-After for a write that cannot get it, while /healthz keeps answering', async () => {
    const release = await holdWriteLock();
    let writeDone = false;
    try {
      const write = call(server.url, 'POST', '/api/templates', {
        as: alice,
        body: { name: 'locked out', jsonData: titleTemplate() },
      }).finally(() => {
        writeDone = true;
      });
      // The event loop is free while the write waits: a health check is answered first.
      const health = await call(server.url, 'GET', '/healthz');
      expect(health.status).toBe(200);
      expect(writeDone).toBe(false);

      const res = await write;
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(res.body).toMatchObject({ success: false, error: { code: 'unavailable' } });
    } finally {
      await release();
    }
    expect(await server.db.selectFrom('templates').select('id').where('name', '=', 'locked out').execute()).toEqual([]);

    // The lock is free again: the same write goes through.
    const again = await call(server.url, 'POST', '/api/templates', {
      as: alice,
      body: { name: 'locked out', jsonData: titleTemplate() },
    });
    expect(again.status).toBe(201);
  });

  it('lets a write that gets the lock within the wait succeed', async () => {
    const release = await holdWriteLock();
    const write = call(server.url, 'POST', '/api/templates', {
      as: alice,
      body: { name: 'waited', jsonData: titleTemplate() },
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    await release();
    expect((await write).status).toBe(201);
  });
});
