// Starts the real app over real HTTP on a random port against a SQLite file in a temp dir,
// or (in the postgres test project, or given a `databaseUrl`) against a real Postgres.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createApp } from '../src/app';
import { type Config, loadConfig } from '../src/config';
import { connectDatabase } from '../src/db/database';
import type { Database } from '../src/db/schema';
import type { AppDeps } from '../src/deps';
import { close, listen } from '../src/http/listen';
import { withSharedSecret } from '../src/db/shared-secret';
import { createLogger } from '../src/logger';
import { closeRenderServices } from '../src/render/services';
import { createTestDatabase, testDialect } from './support/test-database';

export interface Session {
  cookie: string;
  csrf: string;
  accountId: string;
  email: string;
}

export interface TestServer {
  url: string;
  dataDir: string;
  db: Kysely<Database>;
  deps: AppDeps;
  close(): Promise<void>;
  /** Signs up (password `correct horse battery`) and returns the session cookie and CSRF token. */
  signup(email?: string): Promise<Session>;
  /** Creates an API key for a session (or a bare cookie: the CSRF token is fetched). */
  createKey(
    session: Session | string,
    name?: string,
  ): Promise<{ key: string; signingSecret: string; id: string; prefix: string }>;
}

export const TEST_PASSWORD = 'correct horse battery';
let counter = 0;

export async function startTestServer(
  overrides: Partial<Config> & { deps?: Partial<AppDeps> } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'layercast-test-'));
  const { deps: depOverrides, ...configOverrides } = overrides;
  // A database of its own per server: test files and servers never see each other's rows.
  const pgDatabase =
    configOverrides.databaseUrl === undefined && testDialect() === 'postgres' ? await createTestDatabase() : undefined;
  const databaseUrl = configOverrides.databaseUrl ?? pgDatabase?.url ?? null;
  const loaded: Config = {
    ...loadConfig({
      LAYERCAST_DATA: dataDir,
      LAYERCAST_LOG_LEVEL: process.env.LAYERCAST_LOG_LEVEL ?? 'silent',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
    host: '127.0.0.1',
    port: 0,
    ...configOverrides,
  };
  const db = await connectDatabase(loaded);
  const config = await withSharedSecret(loaded, db);
  const deps: AppDeps = { db, config, logger: createLogger(config.logLevel), dataDir, ...depOverrides };
  const { server, port } = await listen(createApp(deps), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;

  const signup = async (email = `user${++counter}-${Date.now()}@example.com`): Promise<Session> => {
    const res = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { account: { id: string }; csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, csrf: body.csrfToken, accountId: body.account.id, email };
  };

  const createKey: TestServer['createKey'] = async (session, name = 'test') => {
    let cookie: string;
    let csrf: string;
    if (typeof session === 'string') {
      cookie = session;
      const me = await fetch(`${url}/api/auth/me`, { headers: { cookie } });
      csrf = ((await me.json()) as { csrfToken: string }).csrfToken;
    } else ({ cookie, csrf } = session);
    const res = await fetch(`${url}/api/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrf },
      body: JSON.stringify({ name }),
    });
    if (res.status !== 201) throw new Error(`key creation failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as { key: string; signingSecret: string; id: string; prefix: string };
  };

  return {
    url,
    dataDir,
    db,
    deps,
    signup,
    createKey,
    async close() {
      try {
        await close(server);
        await closeRenderServices(deps);
        await db.destroy();
        await pgDatabase?.drop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}
