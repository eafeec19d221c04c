// A local S3-protocol server (s3rver) on a loopback port, for the real @aws-sdk/client-s3 to
// talk to; its objects live in a temp directory deleted on stop.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import type { S3BlobStoreOptions } from '../../src/storage/s3-blob-store';

interface S3rverInstance {
  run(): Promise<AddressInfo>;
  close(): Promise<void>;
}

export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export interface TestS3Server {
  endpoint: string;
  /** Options for an S3BlobStore on `bucket` (created at start) under `prefix`. */
  storeOptions(prefix?: string): S3BlobStoreOptions;
  /** The variables a server process reads to use this bucket. */
  env(prefix?: string): Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3Server(bucket = 'layercast-test'): Promise<TestS3Server> {
  const directory = mkdtempSync(join(tmpdir(), 'layercast-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket }],
  }) as S3rverInstance;
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    storeOptions: (prefix = '') => ({
      bucket,
      prefix,
      endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: S3_CREDENTIALS,
    }),
    env: (prefix = '') => ({
      LAYERCAST_STORAGE: `s3://${bucket}/${prefix}`,
      LAYERCAST_S3_ENDPOINT: endpoint,
      LAYERCAST_S3_FORCE_PATH_STYLE: 'true',
      AWS_ACCESS_KEY_ID: S3_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
    }),
    async stop() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
