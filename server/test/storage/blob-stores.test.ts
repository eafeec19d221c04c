// Both BlobStore implementations against the one contract: files in a temp directory, and a
// bucket on a local S3-protocol server reached through the real AWS SDK.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileBlobStore } from '../../src/storage/file-blob-store';
import { S3BlobStore } from '../../src/storage/s3-blob-store';
import { startS3Server } from '../support/s3-server';
import { describeBlobStoreContract } from './blob-store-contract';

describeBlobStoreContract('FileBlobStore', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'layercast-blobs-'));
  return {
    store: new FileBlobStore(dir),
    reopen: async () => new FileBlobStore(dir),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

describeBlobStoreContract('S3BlobStore (s3rver, path style, key prefix)', async () => {
  const s3 = await startS3Server();
  return {
    store: new S3BlobStore({ ...s3.storeOptions('tenant-a/'), listPageSize: 50 }),
    reopen: async () => new S3BlobStore(s3.storeOptions('tenant-a/')),
    cleanup: () => s3.stop(),
  };
});
