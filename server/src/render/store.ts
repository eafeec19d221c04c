// The image store: render outputs as files in `<dataDir>/images`, indexed by the `renders`
// table, which is also the render cache (a row with a cache key can be served again).
// The file is written (temp + rename) before the row is committed, so every row that was
// acknowledged to a client has its bytes.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rename } from 'node:fs/promises';
import { writeDurably } from './durable-write';
import { join } from 'node:path';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { RendersTable } from './tables';

export type StoredRender = Selectable<RendersTable>;

export const IMAGE_FILE = /^([A-Za-z0-9_-]{22})\.(png|jpg|webp|avif|svg|pdf)$/;

export function imagesDir(dataDir: string): string {
  return join(dataDir, 'images');
}

export function imagePath(dataDir: string, render: Pick<StoredRender, 'id' | 'ext'>): string {
  return join(imagesDir(dataDir), `${render.id}.${render.ext}`);
}

/** 128 random bits, URL-safe: unguessable, so an image URL is a capability. */
export function newPublicId(): string {
  return randomBytes(16).toString('base64url');
}

export function strongEtag(bytes: Uint8Array): string {
  return `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
}

/** The newest reusable render for a cache key. */
export async function findCachedRender(db: Kysely<Database>, cacheKey: string): Promise<StoredRender | undefined> {
  return db
    .selectFrom('renders')
    .selectAll()
    .where('cache_key', '=', cacheKey)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findRender(db: Kysely<Database>, id: string): Promise<StoredRender | undefined> {
  return db.selectFrom('renders').selectAll().where('id', '=', id).executeTakeFirst();
}

export type NewRender = Omit<StoredRender, 'id' | 'etag' | 'bytes' | 'created_at' | 'last_used_at'>;

export async function storeRender(
  db: Kysely<Database>,
  dataDir: string,
  fields: NewRender,
  data: Uint8Array,
): Promise<StoredRender> {
  const now = new Date().toISOString();
  const row: StoredRender = {
    ...fields,
    id: newPublicId(),
    etag: strongEtag(data),
    bytes: data.byteLength,
    created_at: now,
    last_used_at: now,
  };
  const dir = imagesDir(dataDir);
  await mkdir(dir, { recursive: true });
  const final = imagePath(dataDir, row);
  const temp = `${final}.${process.pid}.tmp`;
  await writeDurably(temp, data);
  await rename(temp, final);
  await db.insertInto('renders').values(row).execute();
  return row;
}
