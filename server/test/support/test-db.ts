// The database a test runs against: a SQLite file in a temp directory, or (in the postgres
// project) a fresh database in the run's Postgres cluster. Migrated either way.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { connectDatabase, openDatabase } from '../../src/db/database';
import { openPostgres } from '../../src/db/postgres';
import type { Database } from '../../src/db/schema';
import { createTestDatabase, testDialect } from './test-database';

export interface OpenedTestDatabase {
  db: Kysely<Database>;
  /** Temp directory for files (the SQLite file lives here too). */
  dataDir: string;
  /** Null on SQLite. */
  databaseUrl: string | null;
  /** Opens another pool on the same database, as a second node would. */
  reopen(): Promise<Kysely<Database>>;
  close(): Promise<void>;
}

/** `migrate: false` opens the database empty, for tests of the migrations themselves. */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<OpenedTestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'layercast-db-'));
  const pgDb = testDialect() === 'postgres' ? await createTestDatabase() : undefined;
  const location = { dataDir, databaseUrl: pgDb?.url ?? null };
  const db =
    options.migrate === false
      ? location.databaseUrl
        ? openPostgres(location.databaseUrl)
        : openDatabase(dataDir)
      : await connectDatabase(location);
  const others: Kysely<Database>[] = [];
  return {
    db,
    dataDir,
    databaseUrl: location.databaseUrl,
    async reopen() {
      const other = await connectDatabase(location);
      others.push(other);
      return other;
    },
    async close() {
      await Promise.all([db, ...others].map((d) => d.destroy()));
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
