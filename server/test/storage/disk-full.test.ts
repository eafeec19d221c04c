// A full disk answers 507 in the JSON error shape, stores nothing partial, and the server
// recovers by itself once space is freed. The ENOSPC is the kernel's: the store's writes go to
// /dev/full while the disk is "full".
import { writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../src/storage/file-blob-store';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;
const disk = { full: false };

/** The file store, except that while `disk.full` every write fails as a full disk does. */
class FillableStore extends FileBlobStore {
  override async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    if (disk.full) await writeFile('/dev/full', data);
    return super.put(key, data, contentType);
  }
}

beforeAll(async () => {
  app = await startRenderServer({}, { openStorage: (dir) => new FillableStore(dir) });
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
});

describe('a full disk', () => {
  it('answers 507 storage_full with Retry-After, stores no row, and recovers without a restart', async () => {
    const rowsBefore = await app.db.selectFrom('renders').select('id').execute();
    disk.full = true;
    const res = await app.generate({ templateId, layers: { title: { text: 'no room' } } });
    expect(res.status).toBe(507);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('retry-after')).toBe('60');
    const body = (await res.json()) as { success: boolean; error: { code: string; message: string } };
    expect(body.success).toBe(false);
    expect(body.error.code).toBe('storage_full');
    expect(body.error.message).not.toMatch(/ENOSPC|\/dev\/full|\//);
    expect(await app.db.selectFrom('renders').select('id').execute()).toEqual(rowsBefore);

    disk.full = false;
    const again = await app.generate({ templateId, layers: { title: { text: 'no room' } } });
    expect(again.status).toBe(200);
  });
});
