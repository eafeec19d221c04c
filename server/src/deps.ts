// What the app is built from. The caller opens each of these and closes them after the
// server stops (`startServer` in main.ts; the test harness over a temp data directory):
// `createApp` builds the services on top and owns nothing that needs closing.
import type { KeyScope } from '@layercast/shared';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from './config';
import type { Database } from './db/schema';
import type { ImageFetcher } from './fetch/guarded-fetch';
import type { JobQueue } from './jobs/queue';
import type { RenderPool } from './render/pool';
import type { BlobStore } from './storage/blob-store';
import type { TemplateDocuments } from './templates/template-documents';

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
  /** Hands background jobs to one node at a time (jobs/open-queue.ts); the app starts working it. */
  jobQueue: JobQueue;
  /** Parsed template documents by (id, version); `createApp` makes its own when absent. */
  documents?: TemplateDocuments;
}

/** Who made the request, set by `authenticate`. */
export interface Auth {
  accountId: string;
  via: 'session' | 'key';
  keyId?: string;
  /** The key's name, for what saved a template version. */
  keyName?: string;
  /** The session token's CSRF token, for cookie-authenticated writes. */
  csrfToken?: string;
  /** A key's scopes; undefined for a session (it may do everything). */
  scopes?: readonly KeyScope[];
  /** The templates a key is limited to; undefined or null = every template of the account. */
  templateIds?: readonly string[] | null;
}

/** Whether `auth` may use the template `id` at all (a key limited to others sees it as missing). */
export function maySeeTemplate(auth: Auth | undefined, id: string): boolean {
  return !auth?.templateIds || auth.templateIds.includes(id);
}

declare module 'koa' {
  interface DefaultState {
    auth?: Auth;
    requestId: string;
    log: pino.Logger;
  }
}
