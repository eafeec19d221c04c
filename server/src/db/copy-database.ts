// Copies an install's rows and stored bytes into another database and store: what
// `layercast migrate-to-postgres` runs. Rows are inserted with ON CONFLICT DO NOTHING and
// objects skipped when the target has them, so running it again (after an interruption, or
// to pick up writes made meanwhile) copies only what is missing. Parents before children,
// so foreign keys hold at every step.
import type { Kysely } from 'kysely';
import type { BlobStore } from '../storage/blob-store';
import type { Database } from './schema';

/** Every table, in an order where each row's parents come first. */
export const COPY_ORDER = [
  'accounts',
  'sessions',
  'templates',
  'template_versions',
  'api_keys',
  'assets',
  'fonts',
  'brand_kits',
  'renders',
  'usage_months',
  'rate_windows',
  'login_failures',
  'shared_secrets',
  'jobs',
  'job_items',
  'webhook_attempts',
  'queue_tasks',
] as const satisfies readonly (keyof Database)[];

/** The prefixes under which rows point at objects (see storage/blob-store.ts). */
export const BLOB_PREFIXES = ['images/', 'assets/', 'fonts/'] as const;

const ROWS_PER_BATCH = 500;
const OBJECTS_AT_ONCE = 8;

const CONTENT_TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  avif: 'image/avif',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  pdf: 'application/pdf',
  ttf: 'font/ttf',
  otf: 'font/otf',
  woff: 'font/woff',
  woff2: 'font/woff2',
};

export interface TableCount {
  table: string;
  source: number;
  target: number;
}

export interface CopyReport {
  tables: TableCount[];
  objects: { source: number; copied: number; target: number };
}

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Fails when the source has a table this copy does not know: nothing is silently left behind. */
export async function assertKnownTables(source: Kysely<Database>): Promise<void> {
  const tables = await source.introspection.getTables();
  const unknown = tables.map((t) => t.name).filter((name) => !(COPY_ORDER as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`the source has tables this version cannot copy: ${unknown.join(', ')}`);
}

export async function copyRows(
  source: Kysely<Database>,
  target: Kysely<Database>,
  progress: (table: string, copied: number) => void = () => {},
): Promise<TableCount[]> {
  const counts: TableCount[] = [];
  for (const table of COPY_ORDER) {
    // Rows in the order SQLite keeps them (rowid): stable across batches of a static source.
    for (let offset = 0; ; offset += ROWS_PER_BATCH) {
      const rows = await source
        .selectFrom(table)
        .selectAll()
        .orderBy(sqlRowid())
        .limit(ROWS_PER_BATCH)
        .offset(offset)
        .execute();
      if (rows.length === 0) break;
      await target
        .insertInto(table)
        .values(rows as never)
        .onConflict((oc) => oc.doNothing())
        .execute();
      progress(table, offset + rows.length);
      if (rows.length < ROWS_PER_BATCH) break;
    }
    counts.push({ table, source: await count(source, table), target: await count(target, table) });
  }
  return counts;
}

// `rowid` exists on every table here (none is WITHOUT ROWID); typed as a raw column.
const sqlRowid = () => 'rowid' as never;

export async function copyObjects(
  source: BlobStore,
  target: BlobStore,
  progress: (copied: number) => void = () => {},
): Promise<CopyReport['objects']> {
  const keys: string[] = [];
  for (const prefix of BLOB_PREFIXES) for await (const key of source.list(prefix)) keys.push(key);
  let copied = 0;
  let present = 0;
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const key = keys[next++] as string;
      if (await target.has(key)) {
        present++;
        continue;
      }
      const bytes = await source.get(key);
      if (!bytes) continue; // deleted since the listing (a retention sweep of the source)
      const ext = key.slice(key.lastIndexOf('.') + 1).toLowerCase();
      await target.put(key, bytes, CONTENT_TYPES[ext] ?? 'application/octet-stream');
      copied++;
      present++;
      progress(copied);
    }
  };
  await Promise.all(Array.from({ length: OBJECTS_AT_ONCE }, worker));
  return { source: keys.length, copied, target: present };
}
