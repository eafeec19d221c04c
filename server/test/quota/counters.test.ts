// The counters under the quota, called directly and all at once against a real SQLite
// file (and, in the postgres project, a real Postgres with two pools as two nodes): every
// call is in flight before any finishes, the worst case for check-then-write.
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema';
import { sql } from 'kysely';
import { loadConfig } from '../../src/config';
import { isPostgres } from '../../src/db/database';
import { createQuotaService } from '../../src/quota/quota.service';
import { withoutFsync } from '../../src/db/without-fsync';
import { monthlyUsed, nextMonthStart, refundMonthly, takeMonthly, takeRate } from '../../src/quota/quota.repository';

import { type OpenedTestDatabase, openTestDatabase } from '../support/test-db';

let db: Kysely<Database>;
let opened: OpenedTestDatabase;

beforeAll(async () => {
  opened = await openTestDatabase();
  db = opened.db;
  await db
    .insertInto('accounts')
    .values({
      id: 'acct-1',
      email: 'a@example.com',
      password_hash: null,
      monthly_quota: null,
      rate_per_minute: null,
      created_at: new Date().toISOString(),
    })
    .execute();
});
afterAll(async () => {
  await opened?.close();
});

describe('quota counters', () => {
  it('allows exactly the remaining units to 50 simultaneous takers', async () => {
    const now = Date.UTC(2026, 10, 15);
    const results = await Promise.all(Array.from({ length: 50 }, () => takeMonthly(db, 'acct-1', 3, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(3);
    expect(await monthlyUsed(db, 'acct-1', now)).toBe(3);
    expect(results[0]?.resetAt).toBe(nextMonthStart(now));
    expect(nextMonthStart(now)).toBe(Date.UTC(2026, 11, 1) / 1000);
  });

  it('gives a refunded unit back, and starts each month at zero', async () => {
    const now = Date.UTC(2026, 10, 15);
    await refundMonthly(db, 'acct-1', now);
    expect(await monthlyUsed(db, 'acct-1', now)).toBe(2);
    expect((await takeMonthly(db, 'acct-1', 3, now)).allowed).toBe(true);
    expect((await takeMonthly(db, 'acct-1', 3, now)).allowed).toBe(false);
    expect((await takeMonthly(db, 'acct-1', 3, Date.UTC(2026, 11, 1))).used).toBe(1);
  });

  it('counts without a limit when the quota is unlimited', async () => {
    const now = Date.UTC(2027, 0, 10);
    const results = await Promise.all(Array.from({ length: 20 }, () => takeMonthly(db, 'acct-1', null, now)));
    expect(results.every((r) => r.allowed)).toBe(true);
    expect(await monthlyUsed(db, 'acct-1', now)).toBe(20);
  });

  it('keeps a fixed one-minute window per bucket and resets it in the next', async () => {
    const t0 = Date.UTC(2026, 10, 15, 12, 0, 5);
    const results = await Promise.all(Array.from({ length: 30 }, () => takeRate(db, 'ip:198.51.100.7', 4, t0)));
    expect(results.filter((r) => r.allowed)).toHaveLength(4);
    expect(results.find((r) => !r.allowed)).toMatchObject({
      used: 4,
      limit: 4,
      resetAt: Date.UTC(2026, 10, 15, 12, 1) / 1000,
    });
    expect((await takeRate(db, 'ip:198.51.100.8', 4, t0)).allowed).toBe(true);
    const next = await takeRate(db, 'ip:198.51.100.7', 4, t0 + 60_000);
    expect(next).toMatchObject({ allowed: true, used: 1 });
  });

  it('never over-grants when two nodes (two connection pools) take from one counter at once', async () => {
    const other = await opened.reopen();
    await other
      .insertInto('accounts')
      .values({
        id: 'acct-2',
        email: 'b@example.com',
        password_hash: null,
        monthly_quota: null,
        rate_per_minute: null,
        created_at: new Date().toISOString(),
      })
      .execute();
    const now = Date.UTC(2026, 4, 20, 9, 30, 10);
    const nodes = [db, other];
    const monthly = await Promise.all(
      Array.from({ length: 60 }, (_, i) => takeMonthly(nodes[i % 2] as Kysely<Database>, 'acct-2', 7, now)),
    );
    expect(monthly.filter((r) => r.allowed)).toHaveLength(7);
    expect(
      monthly
        .filter((r) => r.allowed)
        .map((r) => r.used)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(await monthlyUsed(other, 'acct-2', now)).toBe(7);
    const rate = await Promise.all(
      Array.from({ length: 60 }, (_, i) => takeRate(nodes[i % 2] as Kysely<Database>, 'account:acct-2', 5, now)),
    );
    expect(rate.filter((r) => r.allowed)).toHaveLength(5);
    const row = await db
      .selectFrom('rate_windows')
      .selectAll()
      .where('bucket', '=', 'account:acct-2')
      .executeTakeFirst();
    // The window start reads back as a number on both dialects (a bigint column in Postgres).
    expect(row).toEqual({ bucket: 'account:acct-2', window_start: Date.UTC(2026, 4, 20, 9, 30) / 1000, count: 5 });
  });

  it.skipIf(process.env.LAYERCAST_TEST_DATABASE === 'postgres')(
    'commits rate counts without an fsync on SQLite, and every other write with one',
    async () => {
      expect(isPostgres(db)).toBe(false);
      const synchronous = async (on: Kysely<Database>) =>
        (await sql<{ synchronous: number }>`pragma synchronous`.execute(on)).rows[0]?.synchronous;
      // 2 = FULL (the WAL synced at each commit), 1 = NORMAL.
      expect(await synchronous(db)).toBe(2);
      expect(await withoutFsync(db, synchronous)).toBe(1);
      expect(await synchronous(db)).toBe(2);
      // A write that fails leaves the setting as it was, and the count is kept.
      await expect(
        withoutFsync(db, async () => {
          throw new Error('write failed');
        }),
      ).rejects.toThrow('write failed');
      expect(await synchronous(db)).toBe(2);
      const now = Date.UTC(2026, 6, 1, 12, 0, 5);
      const taken = await Promise.all(Array.from({ length: 20 }, () => takeRate(db, 'ip:fsync', 5, now)));
      expect(taken.filter((t) => t.allowed)).toHaveLength(5);
      expect(await synchronous(db)).toBe(2);
    },
  );

  it('commits what runs alongside an account charge with it, or neither', async () => {
    const quota = createQuotaService({ db, config: loadConfig({ LAYERCAST_DATA: opened.dataDir }) });
    const now = Date.UTC(2026, 8, 10, 8, 0, 0);
    const noted: string[] = [];
    await quota.chargeAccount('acct-1', now, async (trx) => {
      await trx.updateTable('accounts').set({ email: 'charged@example.com' }).where('id', '=', 'acct-1').execute();
      noted.push('charged');
    });
    expect(noted).toEqual(['charged']);
    expect(await monthlyUsed(db, 'acct-1', now)).toBe(1);
    // The note fails: the unit is not taken either.
    await expect(
      quota.chargeAccount('acct-1', now, async (trx) => {
        await trx.updateTable('accounts').set({ email: 'half@example.com' }).where('id', '=', 'acct-1').execute();
        throw new Error('the node died here');
      }),
    ).rejects.toThrow('the node died here');
    expect(await monthlyUsed(db, 'acct-1', now)).toBe(1);
    const account = await db
      .selectFrom('accounts')
      .select('email')
      .where('id', '=', 'acct-1')
      .executeTakeFirstOrThrow();
    expect(account.email).toBe('charged@example.com');
  });
});
