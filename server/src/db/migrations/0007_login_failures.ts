// Failed logins per (client address, email), in the database so every node sharing it counts
// the same guesses: N nodes behind a load balancer must not give an attacker N times the tries.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('login_failures')
    // SHA-256 of `<address bucket>|<email>`: the table never holds an email in clear.
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('count', 'integer', (c) => c.notNull())
    /** Unix milliseconds of the first failure of the current window. */
    .addColumn('since_ms', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_failures_since').on('login_failures').column('since_ms').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_failures').execute();
}
