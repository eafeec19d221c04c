// Stored renders: the bytes in the blob store under `images/<id>.<ext>`, indexed by the
// `renders` table, which is also the render cache (a row with a cache key can be served
// again). The bytes are stored (durably) before the row is committed, so every row that was
// acknowledged to a client has its bytes. An object can still go missing later (a retention
// sweep between a lookup and the read, a hand-cleaned or partly restored data directory):
// readers treat that as "not stored" (`storage.get`/`has` give undefined/false), never as
// an error.
import { createHash, randomBytes } from 'node:crypto';
import type { CompiledQuery, Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import { immediateRead } from '../db/database';
import { withoutFsync } from '../db/without-fsync';
import type { BlobStore } from '../storage/blob-store';
import type { RendersTable } from './render.table';

export type StoredRender = Selectable<RendersTable>;

export const IMAGE_FILE = /^([A-Za-z0-9_-]{22})\.(png|jpg|webp|avif|svg|pdf)$/;

/** The blob key of a render's bytes. */
export function imageKey(render: Pick<StoredRender, 'id' | 'ext'>): string {
  return `images/${render.id}.${render.ext}`;
}

/** 128 random bits, URL-safe: unguessable, so an image URL is a capability. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export function strongEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** Marks where the nth argument of a query compiled once goes (see `compiledOnce`). */
const SLOT = '\u0000slot:';
const slot = (n: number) => `${SLOT}${n}`;

/** A read compiled once (see `compiledOnce`). */
interface CompiledRead<Row, Args extends readonly unknown[]> {
  /** The rows: read at once when the database allows it, else queued as usual. */
  (db: Kysely<Database>, ...args: Args): Promise<Row[]>;
  /** The rows when the read can run at once (SQLite outside a transaction); undefined when not. */
  now(db: Kysely<Database>, ...args: Args): Row[] | undefined;
}

/**
 * A query that Kysely builds and compiles once per database, then runs with new arguments:
 * on a cache hit, building and compiling a query cost more than SQLite's indexed read. The
 * query is built with `slot(n)` in place of its nth argument; the compiled SQL keeps the
 * dialect's own placeholders, and only the parameter list changes per call. On SQLite the
 * statement is also prepared once, to run at once (`immediateRead`).
 */
function compiledOnce<Row, Args extends readonly unknown[]>(
  build: (db: Kysely<Database>) => { compile(): CompiledQuery<Row> },
): CompiledRead<Row, Args> {
  interface Prepared {
    compiled: CompiledQuery<Row>;
    /** For each parameter, the argument it takes, or -1 for a constant of the query. */
    positions: number[];
    immediate: ((parameters: readonly unknown[]) => Row[] | undefined) | undefined;
  }
  const byDb = new WeakMap<Kysely<Database>, Prepared>();
  const prepared = (db: Kysely<Database>): Prepared => {
    let entry = byDb.get(db);
    if (!entry) {
      const compiled = build(db).compile();
      const positions = compiled.parameters.map((p) =>
        typeof p === 'string' && p.startsWith(SLOT) ? Number(p.slice(SLOT.length)) : -1,
      );
      entry = { compiled, positions, immediate: immediateRead<Row>(db, compiled.sql) };
      byDb.set(db, entry);
    }
    return entry;
  };
  const parametersOf = ({ compiled, positions }: Prepared, args: Args): unknown[] =>
    positions.map((at, i) => (at >= 0 ? args[at] : compiled.parameters[i]));
  const run = async (db: Kysely<Database>, ...args: Args): Promise<Row[]> => {
    const entry = prepared(db);
    const parameters = parametersOf(entry, args);
    return entry.immediate?.(parameters) ?? (await db.executeQuery<Row>({ ...entry.compiled, parameters })).rows;
  };
  const now = (db: Kysely<Database>, ...args: Args): Row[] | undefined => {
    const entry = prepared(db);
    return entry.immediate?.(parametersOf(entry, args));
  };
  return Object.assign(run, { now });
}

// A cache key is unique (migration 0006): no ORDER BY or LIMIT, and a bound `limit ?` made
// SQLite's read twice as slow.
const selectCachedRender = compiledOnce<StoredRender, [cacheKey: string]>((db) =>
  db.selectFrom('renders').selectAll().where('cache_key', '=', slot(0)),
);

/** The reusable render for a cache key. */
export async function findCachedRender(db: Kysely<Database>, cacheKey: string): Promise<StoredRender | undefined> {
  return (await selectCachedRender(db, cacheKey))[0];
}

/**
 * The templates rendered last, newest first, at most `count` (from the newest few hundred
 * renders, by the index of migration 0014).
 */
export async function recentlyRenderedTemplates(db: Kysely<Database>, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('renders')
    .select('template_id')
    .orderBy('created_at', 'desc')
    .limit(Math.max(count * 50, 100))
    .execute();
  return [...new Set(rows.map((row) => row.template_id))].slice(0, count);
}

/**
 * What answering with a stored render reads of its row: not its diagnostics, size or what it
 * was made from (a hit reads the row every time, and each column is work).
 */
const SERVED_COLUMNS = ['id', 'ext', 'mime', 'etag', 'bytes', 'origin', 'created_at', 'last_used_at'] as const;
export type ServedRender = Pick<StoredRender, (typeof SERVED_COLUMNS)[number]>;

const selectRender = compiledOnce<ServedRender, [id: string]>((db) =>
  db.selectFrom('renders').select(SERVED_COLUMNS).where('id', '=', slot(0)),
);

/** The stored render with public id `id`, as served. */
export async function findRender(db: Kysely<Database>, id: string): Promise<ServedRender | undefined> {
  return (await selectRender(db, id))[0];
}

/** `findRender` read at once: `{ found }`, or undefined when the read must wait its turn. */
export function findRenderNow(db: Kysely<Database>, id: string): { found: ServedRender | undefined } | undefined {
  const rows = selectRender.now(db, id);
  return rows && { found: rows[0] };
}

/** What decides who may use a template, and which cache keys are still its own. */
export interface TemplateHead {
  id: string;
  accountId: string;
  isPublic: boolean;
  /** The template's current version. */
  version: number;
  /** The owner's fonts revision. */
  fontsRevision: number;
}

/** A template's columns (prefixed) beside the served columns of the render row, null without one. */
type TemplateWithRenderRow = ServedRender & {
  t_account_id: string;
  t_is_public: number;
  t_version: number;
  t_fonts_revision: number | null;
};

const selectTemplateWithRender = compiledOnce<TemplateWithRenderRow, [templateId: string, cacheKey: string]>(
  (db) =>
    db
      .selectFrom('templates')
      .leftJoin('renders', (join) => join.on('renders.cache_key', '=', slot(1)))
      .select(SERVED_COLUMNS.map((column) => `renders.${column}` as const))
      .select([
        'templates.account_id as t_account_id',
        'templates.is_public as t_is_public',
        'templates.version as t_version',
      ])
      .select((eb) =>
        eb
          .selectFrom('accounts')
          .select('fonts_revision')
          .whereRef('accounts.id', '=', 'templates.account_id')
          .as('t_fonts_revision'),
      )
      // The left join makes every render column nullable; `render.id === null` tells.
      .where('templates.id', '=', slot(0)) as unknown as { compile(): CompiledQuery<TemplateWithRenderRow> },
);

/** A template's head and the stored render for a cache key (absent when no row has it). */
export interface TemplateWithRender {
  template: TemplateHead;
  render?: ServedRender;
}

function templateWithRender(
  templateId: string,
  row: TemplateWithRenderRow | undefined,
): TemplateWithRender | undefined {
  if (!row) return undefined;
  const { t_account_id, t_is_public, t_version, t_fonts_revision, ...render } = row;
  const template: TemplateHead = {
    id: templateId,
    accountId: t_account_id,
    isPublic: t_is_public === 1,
    version: t_version,
    fontsRevision: Number(t_fonts_revision ?? 0),
  };
  return render.id === null ? { template } : { template, render };
}

/**
 * A template's head and the stored render for a cache key, in one statement (one read
 * snapshot): the fast path of a repeated GET /api/render. Undefined when the template is
 * gone.
 */
export async function findTemplateWithRender(
  db: Kysely<Database>,
  templateId: string,
  cacheKey: string,
): Promise<TemplateWithRender | undefined> {
  return templateWithRender(templateId, (await selectTemplateWithRender(db, templateId, cacheKey))[0]);
}

/** `findTemplateWithRender` read at once: `{ found }`, or undefined when the read must wait its turn. */
export function findTemplateWithRenderNow(
  db: Kysely<Database>,
  templateId: string,
  cacheKey: string,
): { found: TemplateWithRender | undefined } | undefined {
  const rows = selectTemplateWithRender.now(db, templateId, cacheKey);
  return rows && { found: templateWithRender(templateId, rows[0]) };
}

export type NewRender = Omit<StoredRender, 'id' | 'etag' | 'bytes' | 'created_at' | 'last_used_at'>;

/**
 * Stores a new render. The bytes go first, then the row. A render with a cache key is the
 * one row for that key (a unique index): when another node stored the same request first,
 * that row is returned and these bytes are removed, so every caller gets the same image.
 * `replaceCached` (a forced re-render) makes the new render the key's row instead; the
 * old one keeps its id and URL, no longer found by the key. `etag` is `strongEtag(data)`
 * when the caller has worked it out already.
 */
export async function storeRender(
  db: Kysely<Database>,
  storage: BlobStore,
  fields: NewRender,
  data: Uint8Array,
  options: { replaceCached?: boolean; etag?: string } = {},
): Promise<StoredRender> {
  const now = new Date().toISOString();
  const row: StoredRender = {
    ...fields,
    id: newPublicId(),
    etag: options.etag ?? strongEtag(data),
    bytes: data.byteLength,
    created_at: now,
    last_used_at: now,
  };
  await storage.put(imageKey(row), data, row.mime);
  // A cache entry (made for GET /api/render) lost to a power cut costs one re-render (its
  // file stays in the store without a row); a handed-out URL (`generate`) must survive one.
  const commit = <T>(write: (on: Kysely<Database>) => Promise<T>): Promise<T> =>
    row.origin === 'render' ? withoutFsync(db, write) : write(db);
  const cacheKey = row.cache_key;
  if (cacheKey === null) {
    await commit((on) => on.insertInto('renders').values(row).execute());
    return row;
  }
  for (let attempt = 0; ; attempt++) {
    const insert = async (on: Kysely<Database>) => {
      const result = await on
        .insertInto('renders')
        .values(row)
        .onConflict((oc) => oc.column('cache_key').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
    };
    // One statement commits alone; a replacement takes the key from the old row first, in
    // the same transaction.
    const inserted = await commit((on) =>
      options.replaceCached
        ? on.transaction().execute(async (trx) => {
            await trx.updateTable('renders').set({ cache_key: null }).where('cache_key', '=', cacheKey).execute();
            return insert(trx);
          })
        : insert(on),
    );
    if (inserted) return row;
    const winner = await findCachedRender(db, cacheKey);
    if (winner) {
      await storage.delete(imageKey(row));
      return winner;
    }
    // The other row went between our insert and this read (a retention sweep): try again.
    if (attempt >= 2) throw new Error(`could not store a render for cache key ${cacheKey}`);
  }
}

/**
 * Stores a new render of the request a `lost` row (one whose bytes are gone) was made for,
 * under that row's id: its URL, which may have been handed out, serves an image again. The
 * row takes the new bytes' ETag and size; it stays `generate` if it was. When the row itself
 * went in the meantime (a retention sweep deletes the row, then the file), the render is
 * stored as a new one instead and the object written under the old id is removed.
 */
export async function restoreRender(
  db: Kysely<Database>,
  storage: BlobStore,
  lost: StoredRender,
  fields: NewRender,
  data: Uint8Array,
  etag = strongEtag(data),
): Promise<StoredRender> {
  const now = new Date().toISOString();
  await storage.put(imageKey(lost), data, fields.mime);
  // The sweep deletes only rows unused since its cutoff: setting last_used_at keeps it off
  // this one from here on (its delete re-checks the cutoff in the same statement).
  const restored = await db
    .updateTable('renders')
    .set({
      etag,
      bytes: data.byteLength,
      width: fields.width,
      height: fields.height,
      generation_ms: fields.generation_ms,
      diagnostics: fields.diagnostics,
      cache_key: fields.cache_key,
      // Never back from `generate` to `render`: a URL once handed out stays permanent.
      ...(fields.origin === 'generate' ? { origin: 'generate' as const } : {}),
      last_used_at: now,
    })
    .where('id', '=', lost.id)
    .returningAll()
    .executeTakeFirst();
  if (restored) return restored;
  await storage.delete(imageKey(lost));
  return storeRender(db, storage, fields, data, { etag });
}
