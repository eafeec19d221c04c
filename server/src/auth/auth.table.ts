// Rows of accounts and their browser sessions. Timestamps are ISO-8601 text so the same
// migrations and queries run on SQLite and Postgres.
import type { Generated } from 'kysely';

export interface AccountsTable {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  /** `scrypt$N$r$p$salt$hash`; null for accounts made by the CLI that cannot log in. */
  password_hash: string | null;
  /** Per-account overrides of the configured defaults; null = use the default. */
  monthly_quota: number | null;
  rate_per_minute: number | null;
  created_at: string;
  /** Counts changes to the account's fonts; part of every render's cache key. */
  fonts_revision: Generated<number>;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not hand out live sessions. */
  id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
}

/** Failed logins per (client address, email): see throttle.ts. */
export interface LoginFailuresTable {
  /** SHA-256 of `<address bucket>|<email>`. */
  key: string;
  count: number;
  /** Unix milliseconds of the first failure of the current window. */
  since_ms: number;
}

export interface AuthTables {
  accounts: AccountsTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
}
