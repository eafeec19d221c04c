// Browser sessions: a random token in an httpOnly cookie; only its SHA-256 is stored.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

export const SESSION_COOKIE = 'lc_session';
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export async function createSession(
  db: Kysely<Database>,
  accountId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  // Expired sessions are swept here rather than by a timer: a login is rare and cheap enough.
  await db
    .deleteFrom('sessions')
    .where('account_id', '=', accountId)
    .where('expires_at', '<=', now.toISOString())
    .execute();
  await db
    .insertInto('sessions')
    .values({
      id: sha256(token),
      account_id: accountId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

/** The account of a live session token, or undefined. */
export async function findSessionAccount(db: Kysely<Database>, token: string): Promise<string | undefined> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
  const row = await db
    .selectFrom('sessions')
    .select(['account_id', 'expires_at'])
    .where('id', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.expires_at <= new Date().toISOString()) return undefined;
  return row.account_id;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sha256(token)).execute();
}

/**
 * The CSRF token of a session, derived rather than stored: HMAC(master, "csrf:" + token).
 * A cross-site page can make the browser send the cookie but cannot read this value.
 */
export function csrfTokenFor(masterSecret: string, sessionToken: string): string {
  return createHmac('sha256', masterSecret).update(`csrf:${sessionToken}`).digest('base64url');
}

export function csrfTokenMatches(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
