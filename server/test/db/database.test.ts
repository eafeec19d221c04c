import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../src/auth/accounts.repository';
import { connectDatabase, openDatabase } from '../../src/db/database';
import { findRender, findRenderNow } from '../../src/render/render.repository';
import { ROOT } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'layercast-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('database', () => {
  it('runs migrations on start (idempotently) with WAL, foreign keys and no synchronous busy wait', async () => {
    const db = await connectDatabase(dir);
    const again = await connectDatabase(dir);
    await again.destroy();
    try {
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
      expect(fk.rows[0]?.foreign_keys).toBe(1);
      const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(db);
      // Lock waits happen in the driver, asynchronously (database-lock.test.ts).
      expect(busy.rows[0]?.timeout).toBe(0);
      const applied = await db
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
      // Foreign keys are enforced: a template of no account is refused.
      await expect(
        db
          .insertInto('templates')
          .values({
            id: 'x',
            account_id: 'nobody',
            name: 'n',
            description: '',
            json_data: '{}',
            preview_url: null,
            is_public: 0,
            version: 1,
            created_at: '',
            updated_at: '',
          })
          .execute(),
      ).rejects.toThrow(/FOREIGN KEY/);
    } finally {
      await db.destroy();
    }
  });

  it('serializes read-then-write transactions in one process (no lost update)', async () => {
    const db = openDatabase(dir);
    try {
      const account = await createAccount(db, 'race@example.com', null);
      await db.insertInto('usage_months').values({ account_id: account!.id, month: '2026-01', renders: 0 }).execute();
      // Each transaction reads the counter, yields to the event loop, then writes it plus one.
      const bump = () =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .selectFrom('usage_months')
            .select('renders')
            .where('account_id', '=', account!.id)
            .executeTakeFirstOrThrow();
          await new Promise((r) => setTimeout(r, 10));
          await trx
            .updateTable('usage_months')
            .set({ renders: row.renders + 1 })
            .where('account_id', '=', account!.id)
            .execute();
        });
      await Promise.all([bump(), bump(), bump(), bump(), bump()]);
      const final = await db
        .selectFrom('usage_months')
        .select('renders')
        .where('account_id', '=', account!.id)
        .executeTakeFirstOrThrow();
      expect(final.renders).toBe(5);
    } finally {
      await db.destroy();
    }
  });

  it('waits (asynchronously) for a write lock held by another process instead of failing', async () => {
    // Another process (like `layercast keys create` beside a running server) holds the write
    // lock for 300 ms; our write transaction waits for it and then succeeds.
    const file = join(dir, 'layercast.db');
    const script = `const D=require('better-sqlite3');const d=new D(${JSON.stringify(file)});d.exec('begin immediate');d.prepare("insert into accounts (id,email,created_at) values ('child','child@example.com','')").run();process.stdout.write('locked\\n');setTimeout(()=>{d.exec('commit');d.close()},300);`;
    const child = spawn(process.execPath, ['-e', script], {
      cwd: join(ROOT, 'server'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Listen for the exit now: the child may be gone before our transaction ends.
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    const db = openDatabase(dir);
    try {
      const seen = await db.transaction().execute(async (trx) => {
        await createAccount(trx, 'waited@example.com', null);
        return trx.selectFrom('accounts').select('email').where('email', '=', 'child@example.com').executeTakeFirst();
      });
      // Our transaction began only after the other process committed, so it sees that row.
      expect(seen?.email).toBe('child@example.com');
    } finally {
      await db.destroy();
      await exited;
    }
  });

  it("never lets a read see an open transaction's writes: it waits for the transaction to end", async () => {
    const db = await connectDatabase(mkdtempSync(join(dir, 'reads-')));
    try {
      await sql`pragma foreign_keys = off`.execute(db);
      const row = {
        id: 'AAAAAAAAAAAAAAAAAAAAAA',
        account_id: 'a',
        template_id: 't',
        template_version: 1,
        cache_key: null,
        format: 'png' as const,
        mime: 'image/png',
        ext: 'png',
        bytes: 1,
        width: 1,
        height: 1,
        etag: '"x"',
        generation_ms: 1,
        diagnostics: '[]',
        created_at: new Date().toISOString(),
        origin: 'generate' as const,
        last_used_at: null,
      };
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let markInserted = () => {};
      const inserted = new Promise<void>((resolve) => {
        markInserted = resolve;
      });
      const transaction = db
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('renders').values(row).execute();
          markInserted();
          await held;
          throw new Error('rolled back');
        })
        .catch(() => 'rolled back');
      await inserted;
      // Asked while the transaction holds the connection: it waits for it to end, and the
      // row it inserted and rolled back was never there.
      const during = findRender(db, row.id);
      // A read that would run at once (a cache hit's) declines instead of reading through it.
      expect(findRenderNow(db, row.id)).toBeUndefined();
      release();
      expect(await transaction).toBe('rolled back');
      expect(await during).toBeUndefined();

      await db.insertInto('renders').values(row).execute();
      expect(await findRender(db, row.id)).toMatchObject({ id: row.id, etag: '"x"', mime: 'image/png' });
      expect(findRenderNow(db, row.id)).toEqual({ found: await findRender(db, row.id) });
      expect(findRenderNow(db, 'absent')).toEqual({ found: undefined });
    } finally {
      await db.destroy();
    }
  });
});
