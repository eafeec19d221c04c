// Accounts repository: plain functions of (db, ...) so they also run inside a transaction.
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { AccountsTable } from './auth.table';

export interface Account {
  id: string;
  email: string;
  hasPassword: boolean;
  monthlyQuota: number | null;
  ratePerMinute: number | null;
  createdAt: string;
}

export function toAccount(row: Selectable<AccountsTable>): Account {
  return {
    id: row.id,
    email: row.email,
    hasPassword: row.password_hash !== null,
    monthlyQuota: row.monthly_quota,
    ratePerMinute: row.rate_per_minute,
    createdAt: row.created_at,
  };
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export async function findAccountByEmail(db: Kysely<Database>, email: string) {
  return db.selectFrom('accounts').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function findAccountById(db: Kysely<Database>, id: string) {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Inserts an account; undefined when the email is taken. */
export async function createAccount(
  db: Kysely<Database>,
  email: string,
  passwordHash: string | null,
): Promise<Selectable<AccountsTable> | undefined> {
  const row = {
    id: randomUUID(),
    email: normalizeEmail(email),
    password_hash: passwordHash,
    monthly_quota: null,
    rate_per_minute: null,
    created_at: new Date().toISOString(),
    fonts_revision: 0,
  };
  const inserted = await db
    .insertInto('accounts')
    .values(row)
    .onConflict((oc) => oc.column('email').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1 ? row : undefined;
}

export async function countAccounts(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Per-account limits; `null` returns the account to the configured default. */
export async function setAccountLimits(
  db: Kysely<Database>,
  id: string,
  limits: { monthlyQuota?: number | null; ratePerMinute?: number | null },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({
      ...(limits.monthlyQuota !== undefined ? { monthly_quota: limits.monthlyQuota } : {}),
      ...(limits.ratePerMinute !== undefined ? { rate_per_minute: limits.ratePerMinute } : {}),
    })
    .where('id', '=', id)
    .execute();
}
