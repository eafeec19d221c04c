// Accounts and sessions for the editor: sign-up, login (password hashing behind a gate,
// guessing slowed by a throttle), sessions and their CSRF tokens. Cookies are the routes'
// business; this takes and returns plain values and throws domain errors.
import type { AuthSession, Credentials, MeResponse } from '@layercast/shared';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { Auth } from '../deps';
import { DomainError, Overloaded } from '../errors';
import { rateBucketOf } from '../http/client-ip';
import { createAccount, findAccountByEmail, findAccountById, toAccount } from './accounts.repository';
import { ConcurrencyGate, GateFullError } from './hash-gate';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords';
import { createSession, csrfTokenFor, deleteSession } from './sessions.repository';
import { LoginThrottle } from './throttle';

/** Hashes running at once (libuv has four threads; two stay free for files and DNS), and waiting. */
const HASHES_AT_ONCE = 2;
const HASHES_QUEUED = 16;
const BUSY_RETRY_AFTER_SECONDS = 1;

interface AccountRow {
  id: string;
  email: string;
  created_at: string;
}

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService({ db, config }: { db: Kysely<Database>; config: Config }) {
  const throttle = new LoginThrottle(db);
  const hashGate = new ConcurrencyGate(HASHES_AT_ONCE, HASHES_QUEUED);

  /** Runs a password hash through the gate; a full queue is Overloaded (the client may retry). */
  const hashing = async <T>(task: () => Promise<T>): Promise<T> => {
    try {
      return await hashGate.run(task);
    } catch (error) {
      if (!(error instanceof GateFullError)) throw error;
      throw new Overloaded('the server is busy checking passwords; retry in a moment', BUSY_RETRY_AFTER_SECONDS);
    }
  };

  return {
    assertSignupOpen(): void {
      if (config.signup === 'closed') {
        throw new DomainError('signup_closed', 'sign-up is closed on this server; ask its operator for an account');
      }
    },

    async signup({ email, password }: Credentials): Promise<AccountRow> {
      const account = await createAccount(db, email, await hashing(() => hashPassword(password)));
      if (!account) throw new DomainError('email_taken', 'an account with this email already exists; log in instead');
      return account;
    },

    /** The account these credentials open; `ip` with the email keys the guessing throttle. */
    async login({ email, password }: Credentials, ip: string): Promise<AccountRow> {
      const throttleKey = `${rateBucketOf(ip)}|${email.toLowerCase()}`;
      const retryAfter = await throttle.blockedFor(throttleKey);
      if (retryAfter > 0) {
        throw new DomainError(
          'too_many_attempts',
          `too many failed logins; try again in ${retryAfter} s`,
          undefined,
          retryAfter,
        );
      }
      const account = await findAccountByEmail(db, email);
      const ok = await hashing(() => verifyPassword(password, account?.password_hash ?? DUMMY_HASH));
      if (!account?.password_hash || !ok) {
        await throttle.fail(throttleKey);
        throw new DomainError('invalid_credentials', 'wrong email or password');
      }
      await throttle.succeed(throttleKey);
      return account;
    },

    /** A new session for the account; the one the browser still held (if any) is ended. */
    async startSession(
      account: AccountRow,
      previousToken: string | undefined,
    ): Promise<{ token: string; expiresAt: Date; body: AuthSession }> {
      if (previousToken) await deleteSession(db, previousToken);
      const session = await createSession(db, account.id);
      return {
        token: session.token,
        expiresAt: session.expiresAt,
        body: {
          account: { id: account.id, email: account.email, createdAt: account.created_at },
          csrfToken: csrfTokenFor(config.masterSecret, session.token),
        },
      };
    },

    endSession: (token: string) => deleteSession(db, token),

    /** GET /api/auth/me: the token only for a session; an API key has none to give. */
    async me(auth: Auth): Promise<MeResponse> {
      const row = await findAccountById(db, auth.accountId);
      if (!row) throw new DomainError('unauthorized', 'the account no longer exists');
      const account = toAccount(row);
      return {
        account: { id: account.id, email: account.email, createdAt: account.createdAt },
        ...(auth.csrfToken ? { csrfToken: auth.csrfToken } : {}),
      };
    },
  };
}
