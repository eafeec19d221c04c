// Writes that need not survive a power cut: counters whose loss only forgets a few counts.
// SQLite commits everything else with `synchronous = FULL` (an fsync of the WAL per commit,
// so an acknowledged write survives a machine crash). better-sqlite3 runs on the event loop,
// so each of those fsyncs stops every request while the disk answers: a rate-window count
// for every uncached public render cost milliseconds of a stalled server. These commit with
// `synchronous = NORMAL` instead: still atomic and consistent after any crash, and durable
// when the process dies; a power cut can roll back the last of them (the next FULL commit
// syncs them with it). Postgres commits them as it commits everything: its fsync does not
// block this process.
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './database';
import type { Database } from './schema';

export async function withoutFsync<T>(db: Kysely<Database>, write: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  if (isPostgres(db) || db.isTransaction) return write(db);
  // The one connection, held for the whole write, so nothing else commits in between with
  // the relaxed setting.
  return db.connection().execute(async (connection) => {
    await sql`pragma synchronous = NORMAL`.execute(connection);
    try {
      return await write(connection);
    } finally {
      await sql`pragma synchronous = FULL`.execute(connection);
    }
  });
}
