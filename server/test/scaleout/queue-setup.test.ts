// Nodes starting together on a fresh database set the pg-boss queues up one at a time:
// pg-boss's create_queue attaches a partition and adds a foreign key, and two sessions doing
// it at once deadlock (the second node used to exit with "deadlock detected").
import pg from 'pg';
import pino from 'pino';
import { afterAll, expect, it } from 'vitest';
import { PG_BOSS_SCHEMA, createPgBossQueue } from '../../src/jobs/pg-boss-queue';
import { QUEUES } from '../../src/jobs/queue';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const databases: TestDatabase[] = [];
afterAll(async () => {
  for (const d of databases) await d.drop();
});

it('sets the queues up once when four nodes start on a fresh database at the same moment', async () => {
  for (let round = 0; round < 3; round++) {
    const database = await createTestDatabase();
    databases.push(database);
    const settings = { concurrency: 1, leaseMs: 30_000, pollMs: 1000 };
    const log = pino({ level: 'silent' });
    const queues = await Promise.all(Array.from({ length: 4 }, () => createPgBossQueue(database.url, settings, log)));
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const rows = await client.query(
        `select name from ${PG_BOSS_SCHEMA}.queue where name like 'layercast-%' order by name`,
      );
      expect(rows.rows.map((r) => r.name)).toEqual(QUEUES.map((q) => `layercast-${q}`).sort());
    } finally {
      await client.end();
    }
    await Promise.all(queues.map((q) => q.close()));
  }
}, 120_000);
