// Opens the database (SQLite in the data directory, or Postgres at DATABASE_URL) and
// migrates it. One set of migrations serves both dialects.
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { LRUCache } from 'lru-cache';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  type QueryResult,
  Migrator,
  PostgresAdapter,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
  sql,
} from 'kysely';
import { redactDatabaseUrl } from './database-url';
import { migrations } from './migrations/index';
import { DatabaseBusyError } from './unavailable';
import type { Database } from './schema';

/** How long a write may wait for the database's lock before it answers 503 (config default). */
export const DEFAULT_LOCK_WAIT_MS = 2_000;

const isSqliteBusy = (error: unknown) =>
  error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_BUSY');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Three changes to Kysely's SQLite driver.
 *
 * Statements are prepared once and kept (an LRU by SQL text): Kysely's connection prepares
 * every query anew, which was a tenth of a cache hit's CPU.
 *
 * SQLite's default `BEGIN` is deferred: two transactions that read and then write both take
 * a read lock, and the second to write fails with SQLITE_BUSY instead of waiting. `BEGIN
 * IMMEDIATE` takes the write lock up front, so a writer waits before it has done anything.
 *
 * SQLite's own busy timeout waits synchronously, on the one thread that serves every request:
 * N writes waiting for a lock another process holds would freeze the server for N timeouts.
 * So the busy timeout is 0 and the wait happens here, asynchronously: a statement or `BEGIN
 * IMMEDIATE` that finds the lock taken gives the connection back (reads and cache hits go on),
 * sleeps with backoff, and tries again until `lockWaitMs` has passed, then fails with
 * `DatabaseBusyError` (503 Retry-After). Only a statement outside a transaction, or the
 * `BEGIN` itself, is retried: either did nothing when it failed.
 */
class LockAwareSqliteDriver extends SqliteDriver {
  readonly #lockWaitMs: number;
  readonly #sqlite: SqliteDatabase.Database;
  readonly #statements = new LRUCache<string, SqliteDatabase.Statement>({ max: 500 });
  #inTransaction = false;

  constructor(config: SqliteDialectConfig & { database: SqliteDatabase.Database }, lockWaitMs: number) {
    super(config);
    this.#sqlite = config.database;
    this.#lockWaitMs = lockWaitMs;
  }

  #statement(sql: string): SqliteDatabase.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#sqlite.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** What Kysely's SqliteConnection does, with the statement kept for the next time. */
  #run<R>(query: CompiledQuery): QueryResult<R> {
    const statement = this.#statement(query.sql);
    const parameters = query.parameters as unknown[];
    if (statement.reader) return { rows: statement.all(parameters) as R[] };
    const { changes, lastInsertRowid } = statement.run(parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  /**
   * A read of `sql` that runs at once instead of after waiting for the connection:
   * better-sqlite3 is synchronous, and handing the one connection over costs a cache hit
   * more than its read. Its statement is prepared here and held by the returned function.
   * That function gives the rows, or undefined when the read cannot run now (inside a
   * transaction, where it would see the transaction's uncommitted writes; the database
   * busy) and the caller queues it as usual. Undefined for a statement that is not a read.
   */
  immediateRead<R>(sql: string): ((parameters: readonly unknown[]) => R[] | undefined) | undefined {
    const sqlite = this.#sqlite;
    const statement = sqlite.prepare(sql);
    if (!statement.reader) return undefined;
    // Rows as arrays, made into objects here: better-sqlite3 looks up every column's name in
    // V8's string table for every row it returns as an object, which cost more than this.
    statement.raw(true);
    const names = statement.columns().map((column) => column.name);
    const toObject = (values: unknown[]): R => {
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i] as string] = values[i];
      return row as R;
    };
    return (parameters) => {
      if (sqlite.inTransaction) return undefined;
      try {
        return (statement.all(parameters as unknown[]) as unknown[][]).map(toObject);
      } catch (error) {
        if (isSqliteBusy(error)) return undefined;
        throw error;
      }
    };
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    return {
      executeQuery: <R>(query: CompiledQuery) => this.#execute<R>(connection, query),
      streamQuery: <R>(query: CompiledQuery, chunkSize?: number) => connection.streamQuery<R>(query, chunkSize),
    };
  }

  async #execute<R>(_connection: DatabaseConnection, query: CompiledQuery): Promise<QueryResult<R>> {
    const started = performance.now();
    let delay = 2;
    for (;;) {
      try {
        return this.#run<R>(query);
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        const waited = performance.now() - started;
        if (this.#inTransaction || waited >= this.#lockWaitMs) throw new DatabaseBusyError(Math.round(waited));
        await super.releaseConnection();
        await sleep(Math.min(delay, this.#lockWaitMs - waited));
        await super.acquireConnection();
        delay = Math.min(delay * 2, 50);
      }
    }
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
    this.#inTransaction = true;
  }

  override async commitTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('commit'));
    } finally {
      this.#inTransaction = false;
    }
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    try {
      await connection.executeQuery(CompiledQuery.raw('rollback'));
    } finally {
      this.#inTransaction = false;
    }
  }
}

class LockAwareSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig & { database: SqliteDatabase.Database };
  readonly #lockWaitMs: number;
  constructor(config: SqliteDialectConfig & { database: SqliteDatabase.Database }, lockWaitMs: number) {
    super(config);
    this.#config = config;
    this.#lockWaitMs = lockWaitMs;
  }
  override createDriver(): Driver {
    const driver = new LockAwareSqliteDriver(this.#config, this.#lockWaitMs);
    this.driver = driver;
    return driver;
  }
  /** The driver Kysely made (it makes one per database). */
  driver: LockAwareSqliteDriver | undefined;
}

/** The SQLite databases `openDatabase` made, for reads that can run at once (see `immediateRead`). */
const immediateReaders = new WeakMap<object, LockAwareSqliteDriver>();

/**
 * `sql` (a read) prepared to run at once on `db` when it is a SQLite database outside a
 * transaction (see `LockAwareSqliteDriver.immediateRead`); undefined on Postgres, and the
 * caller runs the query the usual way.
 */
export function immediateRead<R>(
  db: object,
  sql: string,
): ((parameters: readonly unknown[]) => R[] | undefined) | undefined {
  return immediateReaders.get(db)?.immediateRead<R>(sql);
}

export const DATABASE_FILE = 'layercast.db';

/** Whether `db` talks to Postgres; asked without loading the Postgres client. */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Opens (creating if needed) `<dataDir>/layercast.db` with the pragmas every connection needs. */
export function openDatabase(dataDir: string, lockWaitMs = DEFAULT_LOCK_WAIT_MS): Kysely<Database> {
  const sqlite = new SqliteDatabase(join(dataDir, DATABASE_FILE));
  sqlite.pragma('journal_mode = WAL');
  // FULL syncs the WAL on every commit: an acknowledged write survives a crash of the
  // process and of the machine, not only of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // Never wait inside SQLite (that blocks the event loop): the driver waits asynchronously.
  sqlite.pragma('busy_timeout = 0');
  const dialect = new LockAwareSqliteDialect({ database: sqlite }, lockWaitMs);
  const db = new Kysely<Database>({ dialect });
  if (dialect.driver) immediateReaders.set(db, dialect.driver);
  return db;
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
  /** How long a statement may wait for a lock before it fails with 503 (default 2 s). */
  dbLockWaitMs?: number;
}

/** Opens and migrates: what `serve`, the CLI and the tests all start with. */
export async function connectDatabase(location: string | DatabaseLocation): Promise<Kysely<Database>> {
  const { dataDir, databaseUrl, dbLockWaitMs } =
    typeof location === 'string' ? { dataDir: location, databaseUrl: null, dbLockWaitMs: undefined } : location;
  if (!databaseUrl) {
    const db = openDatabase(dataDir, dbLockWaitMs);
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    return db;
  }
  // Migrations run on their own pool without lock or statement timeouts: a node starting
  // beside another waits for the migration lock as long as that node migrates.
  // The Postgres driver loads only here, so a SQLite server's start-up never pays for it.
  const { openPostgres } = await import('./postgres');
  const migrating = openPostgres(databaseUrl, { unbounded: true });
  try {
    await checkReachable(migrating, databaseUrl);
    await migrateToLatest(migrating);
  } finally {
    await migrating.destroy();
  }
  return openPostgres(databaseUrl, { lockWaitMs: dbLockWaitMs });
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
