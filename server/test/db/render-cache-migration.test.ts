// Migration 0006 on a database that already holds duplicate cache keys (two misses of one
// request at once, before the unique index): every row and URL stays, the newest row keeps
// the key, and from then on a second row with that key is refused. Runs on SQLite and, in the
// postgres project, on Postgres.
import { type Kysely, Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/database';
import { migrations } from '../../src/db/migrations/index';
import type { Database } from '../../src/db/schema';
import { type OpenedTestDatabase, openTestDatabase } from '../support/test-db';

let opened: OpenedTestDatabase;
let db: Kysely<Database>;

beforeAll(async () => {
  opened = await openTestDatabase({ migrate: false });
  db = opened.db;
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error } = await migrator.migrateTo('0005_shared_secrets');
  if (error) throw error;
});
afterAll(async () => {
  await opened?.close();
});

const render = (id: string, cacheKey: string | null, createdAt: string) => ({
  id,
  account_id: 'acct',
  template_id: 'tpl',
  template_version: 1,
  cache_key: cacheKey,
  format: 'png' as const,
  mime: 'image/png',
  ext: 'png',
  bytes: 10,
  width: 1,
  height: 1,
  etag: `"${id}"`,
  generation_ms: 1,
  diagnostics: '{}',
  created_at: createdAt,
  origin: 'generate' as const,
  last_used_at: createdAt,
});

describe('migration 0006: one render per cache key', () => {
  it('keeps every row, leaves the key on the newest duplicate only, then refuses new duplicates', async () => {
    await db
      .insertInto('accounts')
      .values({
        id: 'acct',
        email: 'm@example.com',
        password_hash: null,
        monthly_quota: null,
        rate_per_minute: null,
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    await db
      .insertInto('renders')
      .values([
        render('old', 'k1', '2026-01-01T00:00:00.000Z'),
        render('newest', 'k1', '2026-01-02T00:00:00.000Z'),
        render('tie-a', 'k2', '2026-01-03T00:00:00.000Z'),
        render('tie-b', 'k2', '2026-01-03T00:00:00.000Z'),
        render('alone', 'k3', '2026-01-04T00:00:00.000Z'),
        render('null-1', null, '2026-01-05T00:00:00.000Z'),
        render('null-2', null, '2026-01-05T00:00:00.000Z'),
      ])
      .execute();
    await migrateToLatest(db);
    const rows = await db.selectFrom('renders').select(['id', 'cache_key']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: 'alone', cache_key: 'k3' },
      { id: 'newest', cache_key: 'k1' },
      { id: 'null-1', cache_key: null },
      { id: 'null-2', cache_key: null },
      { id: 'old', cache_key: null },
      { id: 'tie-a', cache_key: null },
      { id: 'tie-b', cache_key: 'k2' },
    ]);
    await expect(
      db
        .insertInto('renders')
        .values(render('dup', 'k3', '2026-02-01T00:00:00.000Z'))
        .execute(),
    ).rejects.toThrow(/unique/i);
    await db
      .insertInto('renders')
      .values(render('null-3', null, '2026-02-01T00:00:00.000Z'))
      .execute();
    const inserted = await db
      .insertInto('renders')
      .values(render('dup', 'k3', '2026-02-01T00:00:00.000Z'))
      .onConflict((oc) => oc.column('cache_key').doNothing())
      .executeTakeFirst();
    expect(Number(inserted.numInsertedOrUpdatedRows ?? 0n)).toBe(0);
  });
});
