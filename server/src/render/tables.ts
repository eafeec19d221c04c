// Tables of the render side (issue 3, session B): stored renders (the image store's index
// and the render cache), monthly usage, rate windows and uploaded assets. Timestamps are
// ISO strings and counters plain integers so the same queries run on SQLite and Postgres.

export interface RendersTable {
  /** Public id; the file is `<id>.<ext>` in `<dataDir>/images`. */
  id: string;
  account_id: string;
  template_id: string;
  template_version: number;
  /** sha256 of the normalized request; null when the render must not be reused (an image failed). */
  cache_key: string | null;
  format: string;
  mime: string;
  ext: string;
  bytes: number;
  width: number;
  height: number;
  /** Strong ETag of the bytes, quoted. */
  etag: string;
  generation_ms: number;
  /** The engine's diagnostics, JSON. */
  diagnostics: string;
  created_at: string;
  /**
   * `generate`: its URL was handed out (POST /api/generate, batch) and is permanent.
   * `render`: made for GET /api/render, a cache entry deleted when unused (retention.ts).
   */
  origin: RenderOrigin;
  /** Last time a GET /api/render was answered with it (at most once a day recorded). */
  last_used_at: string | null;
}

export type RenderOrigin = 'generate' | 'render';

export interface UsageMonthsTable {
  account_id: string;
  /** `YYYY-MM`, UTC. */
  month: string;
  renders: number;
}

export interface RateWindowsTable {
  /** `account:<id>`, `ip:<address or IPv6 /64>` or `auth-ip:<same>`. */
  bucket: string;
  /** Unix seconds at the start of the current fixed window. */
  window_start: number;
  count: number;
}

export interface AssetsTable {
  id: string;
  account_id: string;
  mime: string;
  ext: string;
  bytes: number;
  width: number;
  height: number;
  sha256: string;
  created_at: string;
}

export interface RenderTables {
  renders: RendersTable;
  usage_months: UsageMonthsTable;
  rate_windows: RateWindowsTable;
  assets: AssetsTable;
}
