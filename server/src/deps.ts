// What the app is built from; tests build it from a temp data directory.
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from './config';
import type { Database } from './db/schema';

export interface AppDeps {
  db: Kysely<Database>;
  config: Config;
  logger: pino.Logger;
  dataDir: string;
  /** The built editor to serve at /; defaults to editor/dist (or LAYERCAST_EDITOR_DIST). */
  editorDist?: string;
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
