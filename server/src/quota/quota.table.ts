// The counters behind quotas and rates: renders per account and month, and fixed
// one-minute windows per bucket. Plain integers so the same queries run on SQLite and
// Postgres.

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

export interface QuotaTables {
  usage_months: UsageMonthsTable;
  rate_windows: RateWindowsTable;
}
