// What a node needs before it can serve: the database (migrated), the master secret (from
// the database when nodes share it) and the blob store, each checked so a wrong
// DATABASE_URL or LAYERCAST_STORAGE stops the start with one line naming the variable.
import type { Kysely } from 'kysely';
import type { Config } from './config';
import { connectDatabase } from './db/database';
import type { Database } from './db/schema';
import { withSharedSecret } from './db/shared-secret';
import type { BlobStore } from './storage/blob-store';
import { openBlobStore } from './storage/open-blob-store';

export interface Backends {
  db: Kysely<Database>;
  storage: BlobStore;
  /** `config` with its master secret filled in. */
  config: Config;
  close(): Promise<void>;
}

export async function openBackends(config: Config): Promise<Backends> {
  const db = await connectDatabase(config);
  try {
    const resolved = await withSharedSecret(config, db);
    const storage = await openBlobStore(config);
    return {
      db,
      storage,
      config: resolved,
      async close() {
        await storage.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
