// The S3 store against the BlobStore contract: the real @aws-sdk/client-s3 talking to a local
// S3-protocol server (s3rver), path style, each test under a key prefix of its own in one
// bucket, as nodes of different deployments could share a bucket.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { S3BlobStore } from '../../src/storage/s3-blob-store';
import { startS3Server, type TestS3Server } from '../support/s3-server';
import { describeBlobStoreContract } from './blob-store-contract';

let s3: TestS3Server;
beforeAll(async () => {
  s3 = await startS3Server('layercast-contract');
});
afterAll(async () => {
  await s3?.stop();
});

describeBlobStoreContract('S3BlobStore (s3rver, path style, key prefix)', async () => {
  const prefix = `t-${randomBytes(6).toString('hex')}/`;
  // Small list pages, so listing follows continuation tokens.
  const stores = [new S3BlobStore({ ...s3.storeOptions(prefix), listPageSize: 50 })];
  return {
    store: stores[0]!,
    async reopen() {
      const store = new S3BlobStore(s3.storeOptions(prefix));
      stores.push(store);
      return store;
    },
    async dispose() {
      const cleaner = stores[0]!;
      for await (const key of cleaner.list('')) await cleaner.delete(key);
      await Promise.all(stores.map((s) => s.close()));
    },
  };
});
