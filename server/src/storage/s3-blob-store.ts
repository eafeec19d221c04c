// Objects in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO), under an optional key
// prefix, so every node reads what any node wrote. S3 is strongly consistent for reads after
// a successful write, list and delete: a `put` that resolved is visible to every node, which
// is what lets a row be committed right after its bytes.
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertBlobKey, type BlobStore } from './blob-store';
import { StorageUnavailableError } from './unavailable';

export interface S3BlobStoreOptions {
  bucket: string;
  /** '' or ending in '/'. */
  prefix: string;
  endpoint: string | null;
  forcePathStyle: boolean;
  region: string;
  /** Explicit credentials (tests); otherwise the SDK's default chain (AWS_* variables, roles). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Keys per list request; S3's maximum (and default) is 1000. */
  listPageSize?: number;
}

const notFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);

/** Network failures and 5xx / throttling answers (after the SDK's own retries) become StorageUnavailableError. */
function unavailableOr(error: unknown): unknown {
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = (error as { code?: unknown }).code;
  if (
    (status !== undefined && (status >= 500 || status === 429)) ||
    (typeof code === 'string' && NETWORK_CODES.has(code))
  ) {
    return new StorageUnavailableError(error);
  }
  return error;
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly listPageSize: number;

  constructor(options: S3BlobStoreOptions) {
    this.bucket = options.bucket;
    this.prefix = options.prefix;
    this.listPageSize = options.listPageSize ?? 1000;
    // The SDK warns on every start that its releases after January 2027 will need Node 22.
    // This version is pinned and supports Node 20 (which Layercast supports); nine lines
    // of that warning would bury the one line a failed start prints.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      forcePathStyle: options.forcePathStyle,
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Checksums only where the API requires them: the flexible-checksum headers the SDK
      // adds by default are not understood by every S3-compatible service. Bytes are still
      // checked end to end: each render's ETag is the SHA-256 of its bytes.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  private keyOf(key: string): string {
    assertBlobKey(key);
    return this.prefix + key;
  }

  /** Fails when the bucket is missing or the credentials cannot reach it. */
  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  private async send<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw unavailableOr(error);
    }
  }

  async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    await this.send(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.keyOf(key),
          Body: data,
          ContentType: contentType,
          ContentLength: data.byteLength,
        }),
      ),
    );
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
      if (!out.Body) return Buffer.alloc(0);
      return Buffer.from(await out.Body.transformToByteArray());
    } catch (error) {
      if (notFound(error)) return undefined;
      throw unavailableOr(error);
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(key) }));
      return true;
    } catch (error) {
      if (notFound(error)) return false;
      throw unavailableOr(error);
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers 204 for a key that is not there: two nodes deleting at once both succeed.
    const Key = this.keyOf(key);
    await this.send(() => this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key })));
  }

  async *list(prefix: string): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.send(() =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: this.bucket,
            Prefix: this.prefix + prefix,
            ContinuationToken: token,
            MaxKeys: this.listPageSize,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key?.startsWith(this.prefix)) yield object.Key.slice(this.prefix.length);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
