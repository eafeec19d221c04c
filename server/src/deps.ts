// What the app is built from. The caller opens each of these and closes them after the
// server stops (`startServer` in main.ts; the test harness over a temp data directory):
// `createApp` builds the services on top and owns nothing that needs closing.
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from './config';
import type { Database } from './db/schema';
import type { ImageFetcher } from './fetch/guarded-fetch';
import type { RenderPool } from './render/pool';
import type { BlobStore } from './storage/blob-store';

export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  logger: pino.Logger;
  /** Where rendered images and uploaded assets live (`images/…`, `assets/…`). */
  storage: BlobStore;
  /** The render child processes; children start on the first render (or `warm()`). */
  renderPool: RenderPool;
  /** The one way the server fetches a URL a user gave it. */
  imageFetcher: ImageFetcher;
}

/** Who made the request, set by `authenticate`. */
export interface Auth {
  accountId: string;
  via: 'session' | 'key';
  keyId?: string;
  /** The session token's CSRF token, for cookie-authenticated writes. */
  csrfToken?: string;
}

declare module 'koa' {
  interface DefaultState {
    auth?: Auth;
    requestId: string;
    log: pino.Logger;
  }
}
