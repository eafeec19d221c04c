// Row types of the database. Timestamps are ISO-8601 text and booleans 0/1 integers so
// the same migrations and queries run on SQLite and Postgres.
import type { RenderTables } from '../render/tables';
import type { SharedSecretsTable } from './shared-secret';

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
}

export interface SessionsTable {
  /** SHA-256 of the cookie token: a database leak does not hand out live sessions. */
  id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
}

export interface TemplatesTable {
  id: string;
  account_id: string;
  name: string;
  description: string;
  /** The validated, normalized template document as JSON text. */
  json_data: string;
  preview_url: string | null;
  is_public: number;
  /** Bumped by every save that changes something; part of the render cache key. */
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TemplateVersionsTable {
  template_id: string;
  version: number;
  name: string;
  description: string;
  json_data: string;
  preview_url: string | null;
  is_public: number;
  created_at: string;
}

export interface ApiKeysTable {
  id: string;
  account_id: string;
  name: string;
  /** `lc_live_` + the first characters of the secret: shown in lists, used for lookup. */
  prefix: string;
  /** SHA-256 hex of the whole key; the key itself is never stored. */
  key_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CoreTables {
  accounts: AccountsTable;
  sessions: SessionsTable;
  templates: TemplatesTable;
  template_versions: TemplateVersionsTable;
  api_keys: ApiKeysTable;
}

export interface Database extends CoreTables, RenderTables {
  shared_secrets: SharedSecretsTable;
}
