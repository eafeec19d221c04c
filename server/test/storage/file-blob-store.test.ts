// The file store against the BlobStore contract, and what is particular to it: objects are
// plain files under the data directory, laid out as the server always kept them.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileBlobStore } from '../../src/storage/file-blob-store';
import { describeBlobStoreContract } from './blob-store-contract';

describeBlobStoreContract('FileBlobStore', async () => {
  const root = mkdtempSync(join(tmpdir(), 'layercast-blobs-'));
  const stores = [new FileBlobStore(root)];
  return {
    store: stores[0]!,
    async reopen() {
      const store = new FileBlobStore(root);
      stores.push(store);
      return store;
    },
    async dispose() {
      await Promise.all(stores.map((s) => s.close()));
      rmSync(root, { recursive: true, force: true });
    },
  };
});

describe('FileBlobStore on a data directory', () => {
  it('keeps images/<id>.<ext> and assets/<file> where earlier versions wrote them, and leaves no temp files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'layercast-blobs-'));
    try {
      // A data directory from before the blob store: its files are the store's objects.
      mkdirSync(join(root, 'images'));
      writeFileSync(join(root, 'images', 'OldRenderIdOldRenderId.png'), 'old bytes');
      const store = new FileBlobStore(root);
      expect((await store.get('images/OldRenderIdOldRenderId.png'))?.toString()).toBe('old bytes');

      await store.put('assets/NewAssetIdNewAssetId00.webp', Buffer.from('new'), 'image/webp');
      expect(readFileSync(join(root, 'assets', 'NewAssetIdNewAssetId00.webp'), 'utf8')).toBe('new');
      expect(readdirSync(join(root, 'assets'))).toEqual(['NewAssetIdNewAssetId00.webp']);

      // The database file beside them is not an object under any prefix.
      writeFileSync(join(root, 'layercast.db'), '');
      const keys: string[] = [];
      for await (const key of store.list('images/')) keys.push(key);
      expect(keys).toEqual(['images/OldRenderIdOldRenderId.png']);
      await store.delete('images/OldRenderIdOldRenderId.png');
      expect(existsSync(join(root, 'images', 'OldRenderIdOldRenderId.png'))).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
