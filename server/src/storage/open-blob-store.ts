// The blob store a server runs with, chosen by its configuration, and checked before the
// server takes requests: a missing bucket or wrong credentials stop the start with one line
// naming LAYERCAST_STORAGE. The embedded default is the data directory itself, so the
// layout of earlier versions (images/, assets/) is kept.
import { assertNever } from '@layercast/shared';
import type { Config } from '../config';
import type { BlobStore } from './blob-store';
import { FileBlobStore } from './file-blob-store';

export async function openBlobStore(config: Pick<Config, 'dataDir' | 'storage'>): Promise<BlobStore> {
  const storage = config.storage;
  switch (storage.kind) {
    case 'files':
      return new FileBlobStore(config.dataDir);
    case 's3': {
      // Loaded only for S3: the AWS SDK is a large part of the server's start-up.
      const { S3BlobStore } = await import('./s3-blob-store');
      const store = new S3BlobStore(storage);
      try {
        await store.check();
      } catch (error) {
        await store.close();
        const where = storage.endpoint ? ` at ${storage.endpoint}` : '';
        throw new Error(`LAYERCAST_STORAGE: cannot use bucket "${storage.bucket}"${where}: ${describeS3Error(error)}`);
      }
      return store;
    }
    default:
      return assertNever(storage, 'storage kind');
  }
}

function describeS3Error(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  // HeadBucket has no body: the SDK's message is then just the status's name ("NotFound").
  if (status === 404) return 'no such bucket';
  if (status === 403) return 'access denied (check AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)';
  if (status === 301) return 'the bucket is in another region (set AWS_REGION)';
  return error.message || error.name;
}
