// The database layer on a real Postgres 15: one migration path shared with SQLite, nodes that
// start together migrating once, rows that read back alike on both dialects, the master
// secret created once for every node, and a clear error for a database that cannot be used.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackends } from '../../src/backends';
import { loadConfig } from '../../src/config';
import { connectDatabase } from '../../src/db/database';
import { isPostgres } from '../../src/db/database';
import type { Database } from '../../src/db/schema';
import { sharedMasterSecret } from '../../src/db/shared-secret';
import { freePort } from '../support/postgres-cluster';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const dir = mkdtempSync(join(tmpdir(), 'layercast-pgdb-'));
const opened: Kysely<Database>[] = [];
const databases: TestDatabase[] = [];

async function freshDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  databases.push(database);
  return database;
}

async function connect(databaseUrl: string | null, dataDir = dir): Promise<Kysely<Database>> {
  const db = await connectDatabase({ dataDir, databaseUrl });
  opened.push(db);
  return db;
}

afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  await Promise.all(databases.map((d) => d.drop()));
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Tables with their columns and nullability. SQLite lets a single-column text PRIMARY KEY
 * hold NULL (a documented SQLite quirk that Postgres does not share), so primary-key columns
 * count as not null on both sides; the app never writes NULL there.
 */
async function shape(db: Kysely<Database>) {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: false });
  const shaped = await Promise.all(
    tables.map(async (t) => {
      const keys = isPostgres(db) ? new Set<string>() : await sqlitePrimaryKey(db, t.name);
      const columns = t.columns
        .map((c) => ({ name: c.name, nullable: c.isNullable && !keys.has(c.name) }))
        .sort((a, b) => a.name.localeCompare(b.name));
      return [t.name, columns] as const;
    }),
  );
  return Object.fromEntries(shaped.sort(([a], [b]) => a.localeCompare(b)));
}

async function sqlitePrimaryKey(db: Kysely<Database>, table: string): Promise<Set<string>> {
  const info = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db);
  return new Set(info.rows.filter((r) => r.pk > 0).map((r) => r.name));
}

describe('Postgres database', () => {
  let pg: Kysely<Database>;
  let sqlite: Kysely<Database>;
  beforeAll(async () => {
    pg = await connect((await freshDatabase()).url);
    sqlite = await connect(null, mkdtempSync(join(dir, 'sqlite-')));
  });

  it('is a Postgres connection, with the same tables and columns as SQLite after the same migrations', async () => {
    expect(isPostgres(pg)).toBe(true);
    expect(isPostgres(sqlite)).toBe(false);
    const pgShape = await shape(pg);
    expect(Object.keys(pgShape)).toEqual([
      'accounts',
      'api_keys',
      'assets',
      'brand_kits',
      'fonts',
      'job_items',
      'jobs',
      'login_failures',
      'queue_tasks',
      'rate_windows',
      'renders',
      'sessions',
      'shared_secrets',
      'template_versions',
      'templates',
      'usage_months',
      'webhook_attempts',
    ]);
    expect(pgShape).toEqual(await shape(sqlite));
  });

  it('migrates a new database once when three nodes start on it at the same moment', async () => {
    const { url } = await freshDatabase();
    const nodes = await Promise.all([connect(url), connect(url), connect(url)]);
    const applied = await nodes[0]!
      .selectFrom('kysely_migration' as never)
      .select('name' as never)
      .execute();
    expect(applied.map((r) => (r as { name: string }).name)).toEqual([
      '0001_core',
      '0002_render',
      '0003_rate_window_index',
      '0004_render_retention',
      '0005_shared_secrets',
      '0006_render_cache_key_unique',
      '0007_login_failures',
      '0008_key_scopes',
      '0009_fonts',
      '0010_version_saved_by',
      '0011_jobs',
      '0012_queue_tasks',
      '0013_brand_kits',
      '0014_renders_created_index',
    ]);
  });

  it('reads rows back exactly as SQLite does: ISO text timestamps, 0/1 booleans, JSON text, numbers', async () => {
    const at = '2026-03-04T05:06:07.089Z';
    const json = JSON.stringify({ width: 1200, layers: [{ text: 'Grüße 👋' }] });
    const rows = await Promise.all(
      [pg, sqlite].map(async (db) => {
        await db
          .insertInto('accounts')
          .values({
            id: 'a1',
            email: 'rows@example.com',
            password_hash: null,
            monthly_quota: 5,
            rate_per_minute: null,
            created_at: at,
          })
          .execute();
        await db
          .insertInto('templates')
          .values({
            id: 't1',
            account_id: 'a1',
            name: 'n',
            description: '',
            json_data: json,
            preview_url: null,
            is_public: 1,
            version: 3,
            created_at: at,
            updated_at: at,
          })
          .execute();
        await db.insertInto('rate_windows').values({ bucket: 'ip:x', window_start: 4_102_444_800, count: 2 }).execute();
        return {
          template: await db.selectFrom('templates').selectAll().executeTakeFirstOrThrow(),
          account: await db.selectFrom('accounts').selectAll().executeTakeFirstOrThrow(),
          window: await db.selectFrom('rate_windows').selectAll().executeTakeFirstOrThrow(),
          count: await db
            .selectFrom('templates')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow(),
        };
      }),
    );
    expect(rows[0]).toEqual(rows[1]);
    expect(rows[0]?.template).toMatchObject({ is_public: 1, version: 3, created_at: at, json_data: json });
    expect(rows[0]?.window.window_start).toBe(4_102_444_800);
    expect(rows[0]?.count.n).toBe(1);
  });

  it('creates one master secret for every node, however many ask at once', async () => {
    const { url } = await freshDatabase();
    const a = await connect(url);
    const b = await connect(url);
    const secrets = await Promise.all(Array.from({ length: 12 }, (_, i) => sharedMasterSecret(i % 2 ? a : b)));
    expect(new Set(secrets).size).toBe(1);
    expect(secrets[0]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await a.selectFrom('shared_secrets').selectAll().execute()).toHaveLength(1);
    // A node started later gets the same one through its configuration.
    const base = { LAYERCAST_DATA: mkdtempSync(join(dir, 'node-')), DATABASE_URL: url };
    const node = await openBackends(loadConfig(base));
    try {
      expect(node.config.masterSecret).toBe(secrets[0]);
      expect(node.config.masterSecretSource).toBe('database');
    } finally {
      await node.close();
    }
    // LAYERCAST_SECRET still wins, and no file secret is written for a Postgres node.
    const pinned = await openBackends(loadConfig({ ...base, LAYERCAST_SECRET: 'p'.repeat(40) }));
    try {
      expect(pinned.config.masterSecret).toBe('p'.repeat(40));
    } finally {
      await pinned.close();
    }
  });

  it('refuses, naming DATABASE_URL and hiding the password, a server that is not there or a database that does not exist', async () => {
    const port = await freePort();
    await expect(
      connectDatabase({ dataDir: dir, databaseUrl: `postgres://lc:hunter2@127.0.0.1:${port}/layercast` }),
    ).rejects.toThrow(
      `DATABASE_URL: cannot use postgres://lc:***@127.0.0.1:${port}/layercast: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    const admin = new URL((await freshDatabase()).url);
    admin.pathname = '/no_such_database';
    await expect(connectDatabase({ dataDir: dir, databaseUrl: admin.toString() })).rejects.toThrow(
      /^DATABASE_URL: cannot use .*\/no_such_database: database "no_such_database" does not exist$/,
    );
  });
});
