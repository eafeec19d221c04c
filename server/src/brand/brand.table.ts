// One brand kit per account: colours and logos as JSON, written whole.

export interface BrandKitsTable {
  account_id: string;
  /** JSON `[{ name?, value }]`. */
  colors: string;
  /** JSON `[{ assetId, name? }]`. */
  logos: string;
  updated_at: string;
}

export interface BrandTables {
  brand_kits: BrandKitsTable;
}
