// The scale-out variables: DATABASE_URL and LAYERCAST_STORAGE parsed at start, bad values
// refused with the variable's name, and a bucket that cannot be used stopping the start.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { openBlobStore } from '../../src/storage/open-blob-store';
import { S3BlobStore } from '../../src/storage/s3-blob-store';
import { freePort } from '../support/postgres-cluster';
import { startS3Server, type TestS3Server } from '../support/s3-server';

const dir = mkdtempSync(join(tmpdir(), 'layercast-deploy-config-'));
let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server('layercast-config');
});
afterAll(async () => {
  await s3?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('scale-out configuration', () => {
  it('keeps the embedded default when nothing is set: SQLite, files and a secret file in the data directory', () => {
    const config = loadConfig({ LAYERCAST_DATA: dir });
    expect(config).toMatchObject({ databaseUrl: null, storage: { kind: 'files' }, masterSecretSource: 'file' });
    expect(config.masterSecret).toHaveLength(43);
  });

  it('reads DATABASE_URL and LAYERCAST_STORAGE with the S3 settings', () => {
    const data = join(dir, 'stateless');
    const config = loadConfig({
      LAYERCAST_DATA: data,
      DATABASE_URL: 'postgres://lc:pw@db.internal:5432/layercast',
      LAYERCAST_STORAGE: 's3://renders-prod/eu/layercast',
      LAYERCAST_S3_ENDPOINT: 'https://abc123.r2.cloudflarestorage.com/',
      LAYERCAST_S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: 'auto',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://lc:pw@db.internal:5432/layercast',
      storage: {
        kind: 's3',
        bucket: 'renders-prod',
        prefix: 'eu/layercast/',
        endpoint: 'https://abc123.r2.cloudflarestorage.com',
        forcePathStyle: true,
        region: 'auto',
      },
      // Shared through the database, filled in after connecting; no secret file is written.
      masterSecret: '',
      masterSecretSource: 'database',
    });
    // A node on Postgres and a bucket keeps nothing on its own disk.
    expect(() => readdirSync(data)).toThrow(/ENOENT/);
    expect(loadConfig({ LAYERCAST_DATA: dir, LAYERCAST_STORAGE: 's3://bucket-only' }).storage).toEqual({
      kind: 's3',
      bucket: 'bucket-only',
      prefix: '',
      endpoint: null,
      forcePathStyle: false,
      region: 'us-east-1',
    });
  });

  it('refuses bad values, naming the variable and never echoing a password', () => {
    const bad = (env: Record<string, string>) => () => loadConfig({ LAYERCAST_DATA: dir, ...env });
    expect(bad({ DATABASE_URL: 'mysql://x@h/db' })).toThrow(
      'DATABASE_URL must start with postgres:// or postgresql://',
    );
    expect(bad({ DATABASE_URL: 'not a url' })).toThrow('DATABASE_URL must be a URL like postgres://');
    expect(bad({ DATABASE_URL: 'postgres://u:secretpw@host:5432' })).toThrow(
      'DATABASE_URL names no database (postgres://…/<database>): postgres://u:***@host:5432',
    );
    expect(bad({ LAYERCAST_STORAGE: '/var/lib/bucket' })).toThrow(
      'LAYERCAST_STORAGE must be s3://bucket or s3://bucket/prefix',
    );
    expect(bad({ LAYERCAST_STORAGE: 's3://Bad_Bucket' })).toThrow('LAYERCAST_STORAGE must be s3://bucket');
    expect(bad({ LAYERCAST_STORAGE: 's3://ok-bucket/a/../b' })).toThrow('LAYERCAST_STORAGE prefix may hold only');
    expect(bad({ LAYERCAST_STORAGE: 's3://ok-bucket', LAYERCAST_S3_FORCE_PATH_STYLE: 'yes' })).toThrow(
      'LAYERCAST_S3_FORCE_PATH_STYLE must be true or false',
    );
    expect(bad({ LAYERCAST_STORAGE: 's3://ok-bucket', LAYERCAST_S3_ENDPOINT: 'minio:9000' })).toThrow(
      'LAYERCAST_S3_ENDPOINT must be an http:// or https:// URL',
    );
    expect(bad({ LAYERCAST_S3_ENDPOINT: 'http://minio:9000' })).toThrow(
      'LAYERCAST_S3_ENDPOINT is set but LAYERCAST_STORAGE is not an s3:// URL',
    );
  });

  it('opens a bucket that is there, and refuses one that is missing, unreachable or not ours with one line', async () => {
    const env = s3.env('node-check');
    const config = (overrides: Record<string, string> = {}) =>
      loadConfig({ LAYERCAST_DATA: dir, ...env, ...overrides });
    // Credentials come from the SDK's standard chain: the test sets them as a deployment would.
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = env.AWS_ACCESS_KEY_ID;
    process.env.AWS_SECRET_ACCESS_KEY = env.AWS_SECRET_ACCESS_KEY;
    try {
      const store = await openBlobStore(config());
      expect(store).toBeInstanceOf(S3BlobStore);
      await store.put('images/check.png', Buffer.from('ok'), 'image/png');
      await store.close();

      await expect(openBlobStore(config({ LAYERCAST_STORAGE: 's3://no-such-bucket' }))).rejects.toThrow(
        `LAYERCAST_STORAGE: cannot use bucket "no-such-bucket" at ${s3.endpoint}: no such bucket`,
      );
      const port = await freePort();
      await expect(openBlobStore(config({ LAYERCAST_S3_ENDPOINT: `http://127.0.0.1:${port}` }))).rejects.toThrow(
        `LAYERCAST_STORAGE: cannot use bucket "layercast-config" at http://127.0.0.1:${port}: `,
      );
      process.env.AWS_ACCESS_KEY_ID = 'SOMEONE-ELSE';
      await expect(openBlobStore(config())).rejects.toThrow(
        'access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)',
      );
    } finally {
      for (const [name, value] of [
        ['AWS_ACCESS_KEY_ID', saved.id],
        ['AWS_SECRET_ACCESS_KEY', saved.secret],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});
