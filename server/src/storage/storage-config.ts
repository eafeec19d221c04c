// LAYERCAST_STORAGE: where bytes live. Absent = files under the data directory; an
// s3://bucket/prefix URL = an S3-compatible bucket shared by every node. The endpoint and
// path style make the same code talk to AWS S3, Cloudflare R2 and MinIO; credentials come
// from the AWS SDK's standard chain (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, profiles,
// instance roles), so no secret passes through Layercast's own configuration.

export type StorageConfig =
  | { kind: 'files' }
  | {
      kind: 's3';
      bucket: string;
      /** Prepended to every key; '' or ending in '/'. */
      prefix: string;
      /** Null = AWS S3 itself. */
      endpoint: string | null;
      forcePathStyle: boolean;
      region: string;
    };

export class StorageConfigError extends Error {}

export interface StorageEnv {
  LAYERCAST_STORAGE?: string;
  LAYERCAST_S3_ENDPOINT?: string;
  LAYERCAST_S3_FORCE_PATH_STYLE?: string;
  AWS_REGION?: string;
}

// Bucket names as S3 allows them (3–63 lower-case letters, digits, dots, hyphens).
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const PREFIX_SEGMENT = /^[A-Za-z0-9_.-]+$/;

export function parseStorageConfig(env: StorageEnv): StorageConfig {
  const raw = env.LAYERCAST_STORAGE?.trim();
  if (!raw || raw === 'files') {
    for (const name of ['LAYERCAST_S3_ENDPOINT', 'LAYERCAST_S3_FORCE_PATH_STYLE'] as const) {
      if (env[name]?.trim()) throw new StorageConfigError(`${name} is set but LAYERCAST_STORAGE is not an s3:// URL`);
    }
    return { kind: 'files' };
  }
  const match = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(raw);
  if (!match?.[1] || !BUCKET.test(match[1])) {
    throw new StorageConfigError(`LAYERCAST_STORAGE must be s3://bucket or s3://bucket/prefix, got "${raw}"`);
  }
  const segments = (match[2] ?? '').split('/').filter(Boolean);
  if (segments.some((s) => !PREFIX_SEGMENT.test(s) || s === '.' || s === '..')) {
    throw new StorageConfigError(`LAYERCAST_STORAGE prefix may hold only A-Z a-z 0-9 _ . - and /, got "${raw}"`);
  }
  return {
    kind: 's3',
    bucket: match[1],
    prefix: segments.length ? `${segments.join('/')}/` : '',
    endpoint: endpoint(env.LAYERCAST_S3_ENDPOINT),
    forcePathStyle: pathStyle(env.LAYERCAST_S3_FORCE_PATH_STYLE),
    // The SDK insists on a region even where the service ignores it (R2 uses `auto`).
    region: env.AWS_REGION?.trim() || 'us-east-1',
  };
}

function endpoint(raw: string | undefined): string | null {
  const value = raw?.trim();
  if (!value) return null;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new StorageConfigError(`LAYERCAST_S3_ENDPOINT must be an http:// or https:// URL, got "${value}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StorageConfigError(`LAYERCAST_S3_ENDPOINT must be an http:// or https:// URL, got "${value}"`);
  }
  return value.replace(/\/+$/, '');
}

function pathStyle(raw: string | undefined): boolean {
  const value = raw?.trim().toLowerCase();
  if (!value || value === 'false' || value === '0') return false;
  if (value === 'true' || value === '1') return true;
  throw new StorageConfigError(`LAYERCAST_S3_FORCE_PATH_STYLE must be true or false, got "${raw}"`);
}
