// Fonts an account uploaded, one row per face. The bytes are in the blob store under
// `fonts/<id>.<ext>`; the row is written after them.

export interface FontsTable {
  id: string;
  account_id: string;
  /** As the uploader named it; templates use it as `fontFamily`. */
  family: string;
  /** `family` lower-cased: one face per (account, family_key, weight, style). */
  family_key: string;
  weight: number;
  style: 'normal' | 'italic';
  format: 'ttf' | 'otf' | 'woff' | 'woff2';
  bytes: number;
  sha256: string;
  /** JSON `{ ascent, descent }`. */
  metrics: string;
  /** JSON `[[first, last], …]`. */
  coverage: string;
  created_at: string;
}

export interface FontsTables {
  fonts: FontsTable;
}
