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

  it('stores a small object (written on the event loop) and a large one (through the thread pool) whole, in directories made on first write', async () => {
    const root = mkdtempSync(join(tmpdir(), 'layercast-blobs-'));
    try {
      const store = new FileBlobStore(root);
      const small = Buffer.alloc(200_000, 7);
      const large = Buffer.alloc(3 * 1024 * 1024 + 5, 9);
      await Promise.all([
        store.put('images/SmallObjectSmallObject0.png', small, 'image/png'),
        store.put('exports/LargeObjectLargeObject0.pdf', large, 'application/pdf'),
      ]);
      expect(readFileSync(join(root, 'images', 'SmallObjectSmallObject0.png')).equals(small)).toBe(true);
      expect(readFileSync(join(root, 'exports', 'LargeObjectLargeObject0.pdf')).equals(large)).toBe(true);
      expect(readdirSync(join(root, 'images'))).toEqual(['SmallObjectSmallObject0.png']);
      expect(readdirSync(join(root, 'exports'))).toEqual(['LargeObjectLargeObject0.pdf']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('leaves nothing behind when a write fails', async () => {
    const root = mkdtempSync(join(tmpdir(), 'layercast-blobs-'));
    try {
      // A file where the object's directory should be: the write cannot even open its temp file.
      writeFileSync(join(root, 'images'), 'not a directory');
      const store = new FileBlobStore(root);
      await expect(store.put('images/NoRoomNoRoomNoRoomNoRoo.png', Buffer.alloc(10), 'image/png')).rejects.toThrow();
      expect(readdirSync(root)).toEqual(['images']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
