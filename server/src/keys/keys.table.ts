// Rows of API keys. The key itself is never stored, only its hash and a lookup prefix.

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
  /** Space-separated scopes (`render templates:read templates:write assets:write`). */
  scopes: string;
  /** JSON array of the template ids the key may use; null = every template of the account. */
  template_ids: string | null;
}

export interface KeysTables {
  api_keys: ApiKeysTable;
}
