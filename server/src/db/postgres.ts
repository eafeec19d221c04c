// The Postgres side of the database: a pooled `pg` connection behind Kysely's PostgresDialect.
// Rows read back exactly as on SQLite: the schema stores timestamps as ISO text, booleans as
// 0/1 integers and JSON as text (see docs/deploy.md), and the one bigint column (rate window
// starts, Unix seconds) and every count(*) are parsed to numbers instead of pg's strings.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema';

const INT8_OID = 20;

// Per pool, not pg.types.setTypeParser: a process-wide parser would change other users of pg.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8_OID && format !== 'binary'
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresOptions {
  /** Connections per node; each request holds one only for its queries. */
  maxConnections?: number;
  /** How long a statement may wait for a row or table lock (lock_timeout) before it fails. */
  lockWaitMs?: number;
  /** Migrations wait as long as it takes (another node may hold the migration lock). */
  unbounded?: boolean;
}

/** No statement of a request runs longer than this (statement_timeout): it answers 503. */
const STATEMENT_TIMEOUT_MS = 30_000;

export function openPostgres(url: string, options: PostgresOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    types,
    // Fail a request fast when Postgres is gone instead of queueing it for ever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: 'layercast',
    // A write that cannot get its lock fails with 55P03 (503 Retry-After) instead of holding a
    // connection and a request for as long as another transaction keeps it.
    lock_timeout: options.unbounded ? 0 : (options.lockWaitMs ?? 2_000),
    statement_timeout: options.unbounded ? 0 : STATEMENT_TIMEOUT_MS,
  });
  // An idle connection that Postgres drops (restart, failover) emits 'error' on the pool;
  // unhandled it would crash the process. The pool replaces it on the next checkout.
  pool.on('error', () => {});
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
