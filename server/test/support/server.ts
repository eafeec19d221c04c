// Starts the real app over real HTTP on a random port against a SQLite file in a temp dir,
// or, in the postgres test project, in the scale-out shape: a database of its own in the
// run's Postgres cluster and a bucket on a local S3-protocol server (s3rver).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { createApp } from '../../src/app';
import { call, send } from './client';
import { type Config, loadConfig } from '../../src/config';
import { connectDatabase } from '../../src/db/database';
import type { Database } from '../../src/db/schema';
import { withSharedSecret } from '../../src/db/shared-secret';
import type { AppDeps } from '../../src/deps';
import { createImageFetcher } from '../../src/fetch/guarded-fetch';
import { openJobQueue } from '../../src/jobs/open-queue';
import { close, listen } from '../../src/http/listen';
import { createLogger } from '../../src/logger';
import { createRenderPool } from '../../src/render/pool';
import type { BlobStore } from '../../src/storage/blob-store';
import { FileBlobStore } from '../../src/storage/file-blob-store';
import { S3BlobStore } from '../../src/storage/s3-blob-store';
import { startS3Server } from './s3-server';
import { createTestDatabase, testDialect } from './test-database';

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

/** Where a render's bytes are in a data directory (the layout every version keeps). */
export function imageFile(dataDir: string, render: { id: string; ext: string }): string {
  return join(dataDir, 'images', `${render.id}.${render.ext}`);
}
let counter = 0;

export async function startTestServer(
  overrides: Partial<Config> & {
    deps?: Partial<Pick<AppDeps, 'renderPool' | 'imageFetcher' | 'logger' | 'documents'>>;
    /** Opens the app's blob store over the temp data directory (default: the file store). */
    openStorage?: (dataDir: string) => BlobStore;
  } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'layercast-test-'));
  const { deps: depOverrides, openStorage, ...configOverrides } = overrides;
  // Postgres and a bucket in the postgres project, unless the test names its own database.
  const scaleOut = testDialect() === 'postgres' && configOverrides.databaseUrl === undefined;
  const pgDatabase = scaleOut ? await createTestDatabase() : undefined;
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
  const s3 = scaleOut && !openStorage ? await startS3Server() : undefined;
  const storage = openStorage
    ? openStorage(dataDir)
    : s3
      ? new S3BlobStore(s3.storeOptions())
      : new FileBlobStore(dataDir);
  // What the harness opens it closes; what a test passes in, the test closes.
  const owned = {
    storage,
    renderPool: depOverrides?.renderPool ? undefined : createRenderPool(config.render),
    imageFetcher: depOverrides?.imageFetcher ? undefined : createImageFetcher(),
  };
  const logger = depOverrides?.logger ?? createLogger(config.logLevel);
  const jobQueue = await openJobQueue(config, db, logger);
  const deps: AppDeps = {
    db,
    config,
    logger,
    jobQueue,
    storage: owned.storage,
    renderPool: (depOverrides?.renderPool ?? owned.renderPool)!,
    imageFetcher: (depOverrides?.imageFetcher ?? owned.imageFetcher)!,
    ...(depOverrides?.documents ? { documents: depOverrides.documents } : {}),
  };
  const { server, port } = await listen(createApp(deps), 0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;

  const signup = async (email = `user${++counter}-${Date.now()}@example.com`): Promise<Session> => {
    const res = await send(url, 'POST', '/api/auth/signup', { body: { email, password: TEST_PASSWORD } });
    if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { account: { id: string }; csrfToken: string };
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    return { cookie, csrf: body.csrfToken, accountId: body.account.id, email };
  };

  const createKey: TestServer['createKey'] = async (session, name = 'test') => {
    let as: Session;
    if (typeof session === 'string') {
      const me = await call(url, 'GET', '/api/auth/me', { headers: { cookie: session } });
      as = { cookie: session, csrf: me.body.csrfToken, accountId: '', email: '' };
    } else as = session;
    const res = await send(url, 'POST', '/api/keys', { as, body: { name } });
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
        await jobQueue.close();
        owned.imageFetcher?.close();
        await owned.renderPool?.close();
        await owned.storage.close();
        await s3?.stop();
        await db.destroy();
        await pgDatabase?.drop();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

export interface SecondNode {
  url: string;
  close(): Promise<void>;
}

/**
 * Another node beside a test server: its own connection (pool) to the same database, its own
 * app (and so its own in-memory caches) and port, sharing the first node's store and children.
 */
export async function startSecondNode(first: TestServer): Promise<SecondNode> {
  const db = await connectDatabase({ dataDir: first.dataDir, databaseUrl: first.deps.config.databaseUrl });
  const jobQueue = await openJobQueue(first.deps.config, db, first.deps.logger);
  const { server, port } = await listen(createApp({ ...first.deps, db, jobQueue }), 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await close(server);
      await jobQueue.close();
      await db.destroy();
    },
  };
}
