// The embedded default: objects as files under one directory (the data directory), each
// written to a temp file, synced, then renamed into place, so a reader never sees half a
// file and an acknowledged object survives a crash of the machine.
import { randomBytes } from 'node:crypto';
import { closeSync, fsync, mkdirSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { assertBlobKey, type BlobStore } from './blob-store';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/**
 * Objects up to this size are written on the event loop and only their fsync waits on the
 * thread pool: one round trip through libuv's pool instead of five (open, write, fsync,
 * close, rename), each of which cost the server ~80 µs of CPU on the render path. Writing
 * 1 MB into the page cache blocks the loop well under a millisecond; larger objects take
 * the asynchronous path throughout.
 */
const SMALL_OBJECT_BYTES = 1 << 20;

/** Temp file written and synced, then renamed into place; only the fsync leaves the loop. */
async function putSmall(temp: string, final: string, data: Uint8Array): Promise<void> {
  let fd: number;
  try {
    fd = openSync(temp, 'w');
  } catch (error) {
    if (!isMissing(error)) throw error;
    mkdirSync(dirname(final), { recursive: true });
    fd = openSync(temp, 'w');
  }
  try {
    for (let written = 0; written < data.byteLength; ) {
      written += writeSync(fd, data, written, data.byteLength - written);
    }
    await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
  } finally {
    closeSync(fd);
  }
  renameSync(temp, final);
}

async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}

export class FileBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertBlobKey(key);
    return join(this.root, ...key.split('/'));
  }

  // The type matters to a bucket serving objects directly; files need none.
  async put(key: string, data: Uint8Array, _contentType?: string): Promise<void> {
    const final = this.pathOf(key);
    // Random, not only the pid: two writers of one key must not share a temp file.
    const temp = `${final}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      if (data.byteLength <= SMALL_OBJECT_BYTES) return await putSmall(temp, final, data);
      // The directory is made when the first write into it finds none: a mkdir per put cost
      // more than the write on the render path.
      await writeDurably(temp, data).catch(async (error: unknown) => {
        if (!isMissing(error)) throw error;
        await mkdir(dirname(final), { recursive: true });
        await writeDurably(temp, data);
      });
      await rename(temp, final);
    } catch (error) {
      try {
        unlinkSync(temp);
      } catch {
        // Never made, or already renamed.
      }
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    return readFile(this.pathOf(key)).catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
  }

  async has(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(
      (info) => info.isFile(),
      (error: unknown) => {
        if (isMissing(error)) return false;
        throw error;
      },
    );
  }

  async delete(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch((error: unknown) => {
      if (!isMissing(error)) throw error;
    });
  }

  async *list(prefix: string): AsyncIterable<string> {
    const start = join(this.root, ...prefix.split('/').filter(Boolean));
    const entries = await readdir(start, { recursive: true, withFileTypes: true }).catch((error: unknown) => {
      if (isMissing(error)) return [];
      throw error;
    });
    for (const entry of entries) {
      if (!entry.isFile() || entry.name.endsWith('.tmp')) continue;
      const key = relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/');
      if (key.startsWith(prefix)) yield key;
    }
  }

  async close(): Promise<void> {}
}
