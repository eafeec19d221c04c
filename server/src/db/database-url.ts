// DATABASE_URL: which database a node uses. Absent = the embedded SQLite file in the data
// directory; a postgres:// URL = a shared Postgres, which is what lets several nodes run as
// one service. Parsed at start so a typo stops the server instead of surfacing on the first
// request.

export class DatabaseUrlError extends Error {}

/** The URL with its password replaced, for messages and logs. */
export function redactDatabaseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable)';
  }
}

/** The validated connection string, or null for SQLite. */
export function parseDatabaseUrl(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new DatabaseUrlError('DATABASE_URL must be a URL like postgres://user:password@host:5432/database');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new DatabaseUrlError(
      `DATABASE_URL must start with postgres:// or postgresql://, got ${JSON.stringify(`${url.protocol}//`)}`,
    );
  }
  // A socket directory (`?host=/run/postgresql`) stands in for the host name.
  if (!url.hostname && !url.searchParams.get('host')) {
    throw new DatabaseUrlError(`DATABASE_URL names no host: ${redactDatabaseUrl(value)}`);
  }
  if (url.pathname.replace(/^\//, '') === '') {
    throw new DatabaseUrlError(`DATABASE_URL names no database (postgres://…/<database>): ${redactDatabaseUrl(value)}`);
  }
  return value;
}

/** Where the data is, for CLI messages: the data directory, or the redacted DATABASE_URL. */
export function databaseLabel(config: { dataDir: string; databaseUrl: string | null }): string {
  return config.databaseUrl ? redactDatabaseUrl(config.databaseUrl) : config.dataDir;
}
