// Opens the database (SQLite in the data directory, or Postgres at DATABASE_URL) and
// migrates it. One set of migrations serves both dialects.
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  Migrator,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import { redactDatabaseUrl } from './database-url';
import { migrations } from './migrations/index';
import { openPostgres } from './postgres';
import type { Database } from './schema';

/**
 * SQLite's default `BEGIN` is deferred: two transactions that read and then write both take
 * a read lock, and the second to write fails with SQLITE_BUSY instead of waiting. `BEGIN
 * IMMEDIATE` takes the write lock up front, so writers queue on the busy timeout instead.
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;
  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }
  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

export const DATABASE_FILE = 'layercast.db';

/** Opens (creating if needed) `<dataDir>/layercast.db` with the pragmas every connection needs. */
export function openDatabase(dataDir: string): Kysely<Database> {
  const sqlite = new SqliteDatabase(join(dataDir, DATABASE_FILE));
  sqlite.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an acknowledged write survives a crash of the
  // process and of the machine, not only of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Short on purpose: a writer that waits longer than this is a sign of overload, and the
  // request fails fast instead of piling up.
  sqlite.pragma('busy_timeout = 1000');
  return new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
}

/**
 * On Postgres, Kysely's Migrator holds `pg_advisory_lock` while it migrates (and each
 * migration runs in a transaction), so nodes starting together apply every migration once:
 * the others wait for the lock, then find nothing left to do.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`database migration failed${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export interface DatabaseLocation {
  dataDir: string;
  /** A postgres:// URL; null = SQLite in `dataDir`. */
  databaseUrl: string | null;
}

/** Opens and migrates: what `serve`, the CLI and the tests all start with. */
export async function connectDatabase(location: string | DatabaseLocation): Promise<Kysely<Database>> {
  const { dataDir, databaseUrl } = typeof location === 'string' ? { dataDir: location, databaseUrl: null } : location;
  const db = databaseUrl ? openPostgres(databaseUrl) : openDatabase(dataDir);
  try {
    if (databaseUrl) await checkReachable(db, databaseUrl);
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** One clear line naming the variable, instead of a pool error on the first request. */
async function checkReachable(db: Kysely<Database>, databaseUrl: string): Promise<void> {
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    const reason = error instanceof Error ? error.message || (error as { code?: string }).code : String(error);
    throw new Error(`DATABASE_URL: cannot use ${redactDatabaseUrl(databaseUrl)}: ${reason}`);
  }
}
