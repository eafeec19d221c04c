// `layercast migrate-to-postgres` on a real embedded install: every row and stored object of
// the SQLite data directory ends up in Postgres and the bucket, a second run copies nothing
// new, and a node started on the copy accepts the old password, API key and image URLs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/database';
import type { Database } from '../../src/db/schema';
import { S3BlobStore } from '../../src/storage/s3-blob-store';
import { runCli } from '../support/cli';
import { call, titleTemplate } from '../support/client';
import { startTestServer, type TestServer } from '../support/server';
import { pngBytes } from '../support/fixtures';
import { startS3Server, type TestS3Server } from '../support/s3-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let embedded: TestServer;
let target: TestDatabase;
let s3: TestS3Server;
let pg: Kysely<Database>;

beforeAll(async () => {
  embedded = await startTestServer({ databaseUrl: null });
  target = await createTestDatabase();
  s3 = await startS3Server('layercast-migrated');
});
afterAll(async () => {
  await pg?.destroy();
  await embedded?.close();
  await s3?.stop();
  await target?.drop();
});

describe('layercast migrate-to-postgres', () => {
  it('copies every table and object, verified by counts, and is idempotent', { timeout: 120_000 }, async () => {
    const session = await embedded.signup('moving@example.com');
    const { key } = await embedded.createKey(session);
    const created = await call(embedded.url, 'POST', '/api/templates', {
      as: { key },
      body: { name: 'moving', jsonData: titleTemplate('moving house') },
    });
    expect(created.status).toBe(201);
    const generated = await call(embedded.url, 'POST', '/api/generate', {
      as: { key },
      body: { templateId: created.body.id },
    });
    expect(generated.status).toBe(200);
    const asset = await fetch(`${embedded.url}/api/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'image/png' },
      body: pngBytes(6, 4, [200, 10, 10, 255]),
    });
    expect(asset.status).toBe(201);
    const assetPath = ((await asset.json()) as { asset: { url: string } }).asset.url;

    const env = { LAYERCAST_DATA: embedded.dataDir, DATABASE_URL: target.url, ...s3.env('moved') };
    const first = await runCli(['migrate-to-postgres'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('objects: 2 in source, 2 copied, 2 of them in target');
    expect(first.stdout).toContain('accounts: 1 in source, 1 in target');
    expect(first.stdout).toContain('templates: 1 in source, 1 in target');
    expect(first.stdout).toContain('template_versions: 1 in source, 1 in target');
    expect(first.stdout).toContain('api_keys: 1 in source, 1 in target');
    expect(first.stdout).toContain('renders: 1 in source, 1 in target');
    expect(first.stdout).toContain('assets: 1 in source, 1 in target');
    expect(first.stdout).toContain('migrate-to-postgres: done');

    const again = await runCli(['migrate-to-postgres'], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('objects: 2 in source, 0 copied, 2 of them in target');
    expect(again.stdout).toContain('accounts: 1 in source, 1 in target');

    pg = await connectDatabase({ dataDir: embedded.dataDir, databaseUrl: target.url });
    const secret = await pg.selectFrom('shared_secrets').select('value').executeTakeFirstOrThrow();
    expect(secret.value).toBe(readFileSync(join(embedded.dataDir, 'secret'), 'utf8').trim());
    const bucket = new S3BlobStore(s3.storeOptions('moved/'));
    try {
      const image = await bucket.get(`images/${generated.body.id}.png`);
      const file = readFileSync(join(embedded.dataDir, 'images', `${generated.body.id}.png`));
      expect(image?.equals(file)).toBe(true);
      expect(await bucket.has(assetPath.replace('/api/', ''))).toBe(true);
    } finally {
      await bucket.close();
    }

    // Nothing to copy into a database that already has another install's secret.
    const other = await createTestDatabase();
    try {
      const otherDb = await connectDatabase({ dataDir: embedded.dataDir, databaseUrl: other.url });
      await otherDb
        .insertInto('shared_secrets')
        .values({ name: 'master', value: 'x'.repeat(43), created_at: new Date().toISOString() })
        .execute();
      await otherDb.destroy();
      const refused = await runCli(['migrate-to-postgres'], { ...env, DATABASE_URL: other.url });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('already has a different master secret');
    } finally {
      await other.drop();
    }
  });
});
