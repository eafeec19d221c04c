// Files the database points at are on disk before the row that points at them commits:
// written, synced, then renamed into place (a reader never sees half a file). The
// database commits with synchronous=FULL, so an acknowledged render survives a crash of
// the machine, not only of the process.
import { open } from 'node:fs/promises';

export async function writeDurably(path: string, data: Uint8Array): Promise<void> {
  const file = await open(path, 'w');
  try {
    await file.writeFile(data);
    await file.sync();
  } finally {
    await file.close();
  }
}
