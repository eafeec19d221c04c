// Stored renders: the index of the rendered images in the blob store (`images/<id>.<ext>`)
// and the render cache. Timestamps are ISO strings so the same queries run on SQLite and
// Postgres.

export interface RendersTable {
  /** Public id; the object is `images/<id>.<ext>` in the blob store. */
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

export interface RenderTables {
  renders: RendersTable;
}
