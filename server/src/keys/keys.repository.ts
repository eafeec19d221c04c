// API keys: `lc_live_` + 32 random bytes (base62). Only a SHA-256 of the key is stored; the
// prefix (`lc_live_` + 8 characters) finds the row, a constant-time compare checks the rest.
// A fast hash is enough here: the key has 190 bits of entropy, so nothing is guessable.
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { type ApiKey, KEY_SCOPES, type KeyScope } from '@layercast/shared';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../db/schema';
import type { ApiKeysTable } from './keys.table';

export const KEY_PREFIX = 'lc_live_';
const SECRET_LENGTH = 32;
const PREFIX_LENGTH = KEY_PREFIX.length + 8;
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${SECRET_LENGTH}}$`);
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Uniform base62 by rejection sampling (248 = 4·62 keeps every character equally likely). */
function base62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A key's scopes, in KEY_SCOPES order. */
export function scopesOf(row: { scopes: string }): KeyScope[] {
  const listed = row.scopes.split(' ');
  return KEY_SCOPES.filter((scope) => listed.includes(scope));
}

export function templateIdsOf(row: { template_ids: string | null }): string[] | null {
  return row.template_ids === null ? null : (JSON.parse(row.template_ids) as string[]);
}

function toSummary(
  row: Pick<
    Selectable<ApiKeysTable>,
    'id' | 'name' | 'prefix' | 'created_at' | 'last_used_at' | 'scopes' | 'template_ids'
  >,
): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    scopes: scopesOf(row),
    templateIds: templateIdsOf(row),
  };
}

export interface KeyLimits {
  scopes?: readonly KeyScope[];
  templateIds?: readonly string[];
}

/** Creates a key; the returned `key` is the only time the secret exists outside the caller. */
export async function createApiKey(
  db: Kysely<Database>,
  accountId: string,
  name: string,
  limits: KeyLimits = {},
): Promise<ApiKey & { key: string }> {
  // A prefix collision (1 in 2^47 per pair) retries with a fresh key.
  for (let attempt = 0; ; attempt++) {
    const key = KEY_PREFIX + base62(SECRET_LENGTH);
    const row = {
      id: randomUUID(),
      account_id: accountId,
      name,
      prefix: key.slice(0, PREFIX_LENGTH),
      key_hash: sha256(key),
      created_at: new Date().toISOString(),
      last_used_at: null,
      revoked_at: null,
      scopes: (limits.scopes ?? KEY_SCOPES).join(' '),
      template_ids: limits.templateIds ? JSON.stringify([...new Set(limits.templateIds)]) : null,
    };
    const inserted = await db
      .insertInto('api_keys')
      .values(row)
      .onConflict((oc) => oc.column('prefix').doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 1) return { ...toSummary(row), key };
    if (attempt >= 3) throw new Error('could not allocate a unique API key prefix');
  }
}

/** The live key matching a presented secret, or undefined (malformed, unknown or revoked). */
export async function findKeyBySecret(db: Kysely<Database>, presented: string) {
  if (!KEY_PATTERN.test(presented)) return undefined;
  const row = await db
    .selectFrom('api_keys')
    .select(['id', 'account_id', 'name', 'key_hash', 'last_used_at', 'scopes', 'template_ids'])
    .where('prefix', '=', presented.slice(0, PREFIX_LENGTH))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  const expected = Buffer.from(row.key_hash, 'hex');
  const actual = Buffer.from(sha256(presented), 'hex');
  return timingSafeEqual(expected, actual) ? row : undefined;
}

/** A key that has not been revoked, by id: the signed-URL check's lookup of `kid`. */
export async function findActiveKeyById(db: Kysely<Database>, keyId: string) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'account_id', 'name', 'prefix', 'created_at', 'last_used_at', 'scopes', 'template_ids'])
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function listApiKeys(db: Kysely<Database>, accountId: string): Promise<ApiKey[]> {
  const rows = await db
    .selectFrom('api_keys')
    .select(['id', 'name', 'prefix', 'created_at', 'last_used_at', 'scopes', 'template_ids'])
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toSummary);
}

/** Revokes an account's key; false when it is not theirs, unknown or already revoked. */
export async function revokeApiKey(db: Kysely<Database>, accountId: string, keyId: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', keyId)
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records use. Writes at most once a minute per key: `last used` needs no finer grain. */
export async function touchKey(db: Kysely<Database>, keyId: string, lastUsedAt?: string | null): Promise<void> {
  const now = new Date();
  if (lastUsedAt && now.getTime() - Date.parse(lastUsedAt) < 60_000) return;
  await db.updateTable('api_keys').set({ last_used_at: now.toISOString() }).where('id', '=', keyId).execute();
}
