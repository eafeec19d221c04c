// `layercast migrate-to-postgres`: moves an embedded install (SQLite and files in
// LAYERCAST_DATA) to DATABASE_URL and, when LAYERCAST_STORAGE is set, to that bucket.
// Idempotent; verified by counts; the source is only read.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { copyObjects, copyRows, assertKnownTables } from '../db/copy-database';
import { connectDatabase, DATABASE_FILE } from '../db/database';
import { sharedMasterSecret } from '../db/shared-secret';
import { FileBlobStore } from '../storage/file-blob-store';
import { openBlobStore } from '../storage/open-blob-store';
import { UsageError, err, out, parse, withUsage } from './args';

const USAGE = `usage: layercast migrate-to-postgres [--from <data directory>]
  Copies every table of the SQLite database in --from (default LAYERCAST_DATA) into
  DATABASE_URL, and every stored image, asset and font into LAYERCAST_STORAGE when it is
  an s3:// bucket. Rows and objects already there are kept, so it can run again; it ends
  with the row and object counts of both sides and fails if the target lacks any.
  The master secret moves too (unless LAYERCAST_SECRET is set), so sessions, signing
  secrets and signed URLs stay valid. Stop the server first: writes made meanwhile
  are copied only by another run.`;

export async function runMigrateToPostgresCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values } = parse(() => parseArgs({ args, options: { from: { type: 'string' } } }));
    const config = loadConfig();
    if (!config.databaseUrl) throw new UsageError('DATABASE_URL must name the Postgres database to copy into');
    const from = values.from ?? config.dataDir;
    if (!existsSync(join(from, DATABASE_FILE))) throw new UsageError(`no ${DATABASE_FILE} in ${from}`);

    const source = await connectDatabase(from);
    const target = await connectDatabase(config);
    const sourceFiles = new FileBlobStore(from);
    const targetStore = config.storage.kind === 's3' ? await openBlobStore(config) : undefined;
    try {
      await assertKnownTables(source);
      await moveSecret(target, from, config.masterSecretSource);
      // Bytes before the rows that point at them, as everywhere else.
      if (targetStore) {
        const objects = await copyObjects(sourceFiles, targetStore);
        out(`objects: ${objects.source} in source, ${objects.copied} copied, ${objects.target} of them in target`);
        if (objects.target < objects.source) throw new Error('some objects are missing from the target');
      } else {
        err('LAYERCAST_STORAGE is not a bucket: stored files stay in the data directory (copy them yourself)');
      }
      const counts = await copyRows(source, target);
      let short = false;
      for (const { table, source: inSource, target: inTarget } of counts) {
        out(`${table}: ${inSource} in source, ${inTarget} in target`);
        if (inTarget < inSource) short = true;
      }
      if (short) throw new Error('the target has fewer rows than the source in some table');
      out('migrate-to-postgres: done');
      return 0;
    } finally {
      await targetStore?.close();
      await Promise.all([source.destroy(), target.destroy()]);
    }
  });
}

/** The install's secret file becomes the shared secret, unless the target already has another. */
async function moveSecret(
  target: Awaited<ReturnType<typeof connectDatabase>>,
  from: string,
  source: 'env' | 'file' | 'database',
): Promise<void> {
  if (source === 'env') return; // LAYERCAST_SECRET: the same on the old install and the new nodes
  const file = join(from, 'secret');
  if (!existsSync(file)) return;
  const secret = readFileSync(file, 'utf8').trim();
  await target
    .insertInto('shared_secrets')
    .values({ name: 'master', value: secret, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  if ((await sharedMasterSecret(target)) !== secret) {
    throw new Error(
      `the target database already has a different master secret than ${file}; ` +
        'sessions and signed URLs would break. Copy into an empty database, or set LAYERCAST_SECRET.',
    );
  }
}
