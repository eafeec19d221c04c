// Uploaded images (for the editor's image layers). The bytes are in the blob store under
// `assets/<id>.<ext>`; the row is written after them.

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

export interface AssetsTables {
  assets: AssetsTable;
}
