// Settings from the environment, read once at start and only here: every other module
// takes its settings as parameters. A bad value stops the server with a message naming
// the variable, rather than running with a surprise.
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseUrlError, parseDatabaseUrl } from './db/database-url';
import { parseStorageConfig, type StorageConfig, StorageConfigError } from './storage/storage-config';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Postgres connection string (DATABASE_URL); null = SQLite in `dataDir`. */
  databaseUrl: string | null;
  /** Where rendered images, assets and fonts are kept (LAYERCAST_STORAGE). */
  storage: StorageConfig;
  signup: 'open' | 'closed';
  /** Origin used in absolute URLs (`imageUrl`); null derives it from the request. */
  publicUrl: string | null;
  /** Defaults for accounts without their own setting; null = unlimited. */
  monthlyQuota: number | null;
  ratePerMinute: number | null;
  publicRatePerMinute: number;
  /** Sign-up and login attempts per client address (IPv6: per /64) per minute. */
  authRatePerMinute: number;
  /** Days a stored public GET /api/render image is kept unused; 0 keeps them forever. */
  renderRetentionDays: number;
  /**
   * Root of every derived secret (signing secrets, CSRF tokens). With `masterSecretSource`
   * `database` it is '' here and filled in after connecting (`withSharedSecret`), so every
   * node on one database signs alike.
   */
  masterSecret: string;
  masterSecretSource: 'env' | 'file' | 'database';
  /** Trust X-Forwarded-* (behind a reverse proxy); decides `ctx.secure` and the client IP. */
  trustProxy: boolean;
  /**
   * Proxies in front of the server that append to X-Forwarded-For. The client is that many
   * entries from the right; anything further left was written by the client and is ignored.
   */
  trustedProxies: number;
  logLevel: string;
  /** The render child processes (see render/pool.ts). */
  render: RenderSettings;
  /** Fetched image bytes all requests in flight may hold together. */
  fetchBytesInFlight: number;
  /**
   * `host:port` pairs the fetcher may reach although they are private (LAYERCAST_FETCH_ALLOW):
   * for tests and local development only; the server warns at start while it is set.
   */
  fetchAllow: string[];
  /** How long a write waits for a database lock before it answers 503 (LAYERCAST_DB_LOCK_WAIT_MS). */
  dbLockWaitMs: number;
  /** Parsed template documents kept in memory, by (id, version) (LAYERCAST_TEMPLATE_CACHE). */
  templateCacheEntries: number;
  /** Memory for the bytes of recently served renders, in MB; 0 turns it off (LAYERCAST_HOT_BYTES_MB). */
  hotBytesMb: number;
  /** Gallery thumbnails: renders per account per minute, and the time one may take before a placeholder stands in. */
  thumbnails: { ratePerMinute: number; budgetMs: number };
  /** The built editor served at `/` when its index.html exists. */
  editorDist: string;
  /** Serve the editor's source maps (LAYERCAST_SERVE_SOURCEMAPS=1); off in production by default. */
  serveSourceMaps: boolean;
  /** Where corrected copies of the shipped fonts are cached; null = the engine's default (a private temp dir). */
  fontCacheDir: string | null;
  /** Background jobs: async generates, bulk renders, webhooks (see jobs/). */
  jobs: JobSettings;
}

export interface JobSettings {
  /** Jobs (and webhook deliveries) one node works on at once (LAYERCAST_JOB_CONCURRENCY). */
  concurrency: number;
  /** Rows of one job rendered at once. */
  rowsInFlight: number;
  /** How long a node's claim on a job holds unless renewed (LAYERCAST_JOB_LEASE_MS). */
  leaseMs: number;
  /** How often an idle node looks for work (LAYERCAST_JOB_POLL_MS). */
  pollMs: number;
  /** First webhook retry delay; later ones grow from it, for 24 h of them at 30 s (LAYERCAST_WEBHOOK_BACKOFF_MS). */
  webhookBackoffMs: number;
}

export interface RenderSettings {
  /** Child processes. */
  size: number;
  /** Jobs waiting for a child beyond which new ones are refused. */
  queueLimit: number;
  /** Deadline of one job, from the moment a child takes it. */
  timeoutMs: number;
  /** V8 old-space ceiling of each child, in MB. */
  maxHeapMb: number;
}

type Env = Record<string, string | undefined>;

class ConfigError extends Error {}

function integer(env: Env, name: string, fallback: number | null, min = 0): number | null {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) {
    throw new ConfigError(`${name} must be a whole number ≥ ${min}, got "${raw}"`);
  }
  return Number(raw);
}

function bool(env: Env, name: string): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '' || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be true or false, got "${raw}"`);
}

function publicUrl(env: Env): string | null {
  const raw = env.LAYERCAST_PUBLIC_URL?.trim();
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`LAYERCAST_PUBLIC_URL must be an absolute URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('LAYERCAST_PUBLIC_URL must start with http:// or https://');
  }
  return url.toString().replace(/\/+$/, '');
}

const MIN_SECRET_LENGTH = 32;

/**
 * The master secret from LAYERCAST_SECRET, else from `<dataDir>/secret`, created once with
 * mode 0600. Every server sharing a data directory then signs and verifies alike. A file
 * secret is length-checked like the variable: an empty or cut-short file (a crash while it
 * was written, a careless edit) would otherwise make every signature forgeable.
 */
function masterSecret(
  env: Env,
  dataDir: string,
  databaseUrl: string | null,
): Pick<Config, 'masterSecret' | 'masterSecretSource'> {
  const fromEnv = env.LAYERCAST_SECRET?.trim();
  if (fromEnv) {
    if (fromEnv.length < MIN_SECRET_LENGTH)
      throw new ConfigError(`LAYERCAST_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
    return { masterSecret: fromEnv, masterSecretSource: 'env' };
  }
  // Nodes on one Postgres share its secret; a file would differ from node to node.
  if (databaseUrl) return { masterSecret: '', masterSecretSource: 'database' };
  return { masterSecret: fileSecret(dataDir), masterSecretSource: 'file' };
}

function fileSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  const existing = readSecretFile(file);
  if (existing !== undefined) return checkedFileSecret(existing, file);
  writeSecretFile(file, randomBytes(32).toString('base64url'));
  // Ours, or the one another process linked into place first.
  return checkedFileSecret(readSecretFile(file) ?? '', file);
}

function readSecretFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function checkedFileSecret(secret: string, file: string): string {
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new ConfigError(
      `${file} holds a secret of ${secret.length} characters; at least ${MIN_SECRET_LENGTH} are needed. ` +
        'Set LAYERCAST_SECRET, or delete the file to have a new one generated ' +
        '(sessions, CSRF tokens and signed URLs made with the old secret then stop working).',
    );
  }
  return secret;
}

/**
 * Writes the secret where a crash cannot leave a partial file behind: a temp file written
 * and fsynced, hard-linked to its name (atomic, and it fails if another process got there
 * first, so two servers starting at once agree on one secret), then the directory fsynced
 * so the new name survives a power cut too.
 */
function writeSecretFile(file: string, secret: string): void {
  const dir = dirname(file);
  const temp = join(dir, `.secret-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, `${secret}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    chmodSync(temp, 0o600);
    linkSync(temp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temp);
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/** editor/dist of this checkout. */
export const DEFAULT_EDITOR_DIST = resolve(dirname(fileURLToPath(import.meta.url)), '../../editor/dist');

/** Values the CLI commands fall back to when a flag is left out. */
export function cliDefaults(env: Env = process.env) {
  return {
    url: env.LAYERCAST_URL?.trim() || undefined,
    apiKey: env.LAYERCAST_API_KEY?.trim() || undefined,
    signingSecret: env.LAYERCAST_SIGNING_SECRET?.trim() || undefined,
    /** Where `layercast sign` points its URLs when no --url is given. */
    signBaseUrl:
      env.LAYERCAST_URL?.trim() || env.LAYERCAST_PUBLIC_URL?.trim() || `http://localhost:${env.PORT?.trim() || 3000}`,
    fontCacheDir: fontCacheDir(env),
  };
}

/** `LAYERCAST_FETCH_ALLOW=127.0.0.1:8080,localhost:3001`: each entry a host and a port. */
function fetchAllow(env: Env): string[] {
  const raw = env.LAYERCAST_FETCH_ALLOW?.trim();
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const item = entry.trim().toLowerCase();
    const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+):(\d{1,5})$/.exec(item);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new Error(`LAYERCAST_FETCH_ALLOW: expected host:port entries separated by commas, got "${entry.trim()}"`);
    }
    return item;
  });
}

function fontCacheDir(env: Env): string | null {
  const raw = env.LAYERCAST_FONT_CACHE?.trim();
  return raw ? resolve(raw) : null;
}

function jobSettings(env: Env): JobSettings {
  return {
    concurrency: integer(env, 'LAYERCAST_JOB_CONCURRENCY', 2, 1) ?? 2,
    rowsInFlight: 2,
    leaseMs: integer(env, 'LAYERCAST_JOB_LEASE_MS', 30_000, 1_000) ?? 30_000,
    pollMs: integer(env, 'LAYERCAST_JOB_POLL_MS', 1_000, 50) ?? 1_000,
    webhookBackoffMs: integer(env, 'LAYERCAST_WEBHOOK_BACKOFF_MS', 30_000, 1) ?? 30_000,
  };
}

function renderSettings(env: Env): RenderSettings {
  return {
    size: integer(env, 'LAYERCAST_RENDER_WORKERS', Math.max(2, Math.min(4, availableParallelism())), 1) ?? 2,
    queueLimit: integer(env, 'LAYERCAST_RENDER_QUEUE', 32, 0) ?? 32,
    timeoutMs: integer(env, 'LAYERCAST_RENDER_TIMEOUT_MS', 5_000, 100) ?? 5_000,
    maxHeapMb: integer(env, 'LAYERCAST_RENDER_HEAP_MB', 512, 64) ?? 512,
  };
}

export function loadConfig(env: Env = process.env): Config {
  const dataDir = resolve(env.LAYERCAST_DATA?.trim() || './data');
  const databaseUrl = wrapped(() => parseDatabaseUrl(env.DATABASE_URL));
  const storage = wrapped(() => parseStorageConfig(env));
  // A node on Postgres and a bucket keeps nothing on its own disk.
  if (!databaseUrl || storage.kind === 'files') mkdirSync(dataDir, { recursive: true });
  const signup = env.LAYERCAST_SIGNUP?.trim().toLowerCase() || 'open';
  if (signup !== 'open' && signup !== 'closed') {
    throw new ConfigError(`LAYERCAST_SIGNUP must be open or closed, got "${signup}"`);
  }
  return {
    port: integer(env, 'PORT', 3000) ?? 3000,
    host: env.HOST?.trim() || '0.0.0.0',
    dataDir,
    databaseUrl,
    storage,
    signup,
    publicUrl: publicUrl(env),
    monthlyQuota: integer(env, 'LAYERCAST_MONTHLY_QUOTA', null),
    ratePerMinute: integer(env, 'LAYERCAST_RATE_PER_MINUTE', null, 1),
    publicRatePerMinute: integer(env, 'LAYERCAST_PUBLIC_RATE_PER_MINUTE', 120, 1) ?? 120,
    authRatePerMinute: integer(env, 'LAYERCAST_AUTH_RATE_PER_MINUTE', 30, 1) ?? 30,
    renderRetentionDays: integer(env, 'LAYERCAST_RENDER_RETENTION_DAYS', 30, 0) ?? 30,
    ...masterSecret(env, dataDir, databaseUrl),
    trustProxy: bool(env, 'LAYERCAST_TRUST_PROXY'),
    trustedProxies: integer(env, 'LAYERCAST_TRUSTED_PROXIES', 1, 1) ?? 1,
    logLevel: env.LAYERCAST_LOG_LEVEL?.trim() || 'info',
    render: renderSettings(env),
    fetchBytesInFlight: (integer(env, 'LAYERCAST_FETCH_BYTES_IN_FLIGHT_MB', 128, 16) ?? 128) * 1024 * 1024,
    fetchAllow: fetchAllow(env),
    dbLockWaitMs: integer(env, 'LAYERCAST_DB_LOCK_WAIT_MS', 2_000, 0) ?? 2_000,
    templateCacheEntries: integer(env, 'LAYERCAST_TEMPLATE_CACHE', 1_000, 1) ?? 1_000,
    hotBytesMb: integer(env, 'LAYERCAST_HOT_BYTES_MB', 64, 0) ?? 64,
    thumbnails: {
      ratePerMinute: integer(env, 'LAYERCAST_THUMBNAIL_RATE_PER_MINUTE', 60, 1) ?? 60,
      budgetMs: integer(env, 'LAYERCAST_THUMBNAIL_BUDGET_MS', 2_000, 100) ?? 2_000,
    },
    editorDist: env.LAYERCAST_EDITOR_DIST?.trim() || DEFAULT_EDITOR_DIST,
    serveSourceMaps: env.LAYERCAST_SERVE_SOURCEMAPS?.trim() === '1',
    fontCacheDir: fontCacheDir(env),
    jobs: jobSettings(env),
  };
}

/** The parsers of other modules throw their own errors; here they become ConfigErrors. */
function wrapped<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DatabaseUrlError || error instanceof StorageConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

export { ConfigError };
