// The contract every BlobStore keeps (server/src/storage/blob-store.ts), as a suite any
// implementation runs: `describeBlobStoreContract('s3', openFixture)`. Each test gets a
// fresh, empty store from the fixture; `reopen` gives a second store over the same objects
// (another server process, or the same one after a restart).
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/storage/blob-store';

export interface BlobStoreFixture {
  store: BlobStore;
  /** Another store over the same objects. */
  reopen(): Promise<BlobStore>;
  /** Closes the stores and removes everything the fixture made. */
  dispose(): Promise<void>;
}

async function keysUnder(store: BlobStore, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const key of store.list(prefix)) keys.push(key);
  return keys.sort();
}

export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    beforeEach(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterEach(async () => {
      await fixture.dispose();
    });

    it('gives back exactly the bytes it was given, to this and to another store', async () => {
      const data = randomBytes(3 * 1024 * 1024 + 17);
      await store.put('images/AbCdEfGhIjKlMnOpQrStUv.png', data, 'image/png');
      const read = await store.get('images/AbCdEfGhIjKlMnOpQrStUv.png');
      expect(Buffer.isBuffer(read)).toBe(true);
      expect(read?.equals(data)).toBe(true);
      expect(await store.has('images/AbCdEfGhIjKlMnOpQrStUv.png')).toBe(true);
      const other = await fixture.reopen();
      expect((await other.get('images/AbCdEfGhIjKlMnOpQrStUv.png'))?.equals(data)).toBe(true);
    });

    it('keeps an empty object apart from a missing one', async () => {
      await store.put('assets/empty.bin', new Uint8Array(0), 'application/octet-stream');
      expect(await store.has('assets/empty.bin')).toBe(true);
      expect((await store.get('assets/empty.bin'))?.byteLength).toBe(0);
    });

    it('answers a missing object with undefined and false, never an error', async () => {
      expect(await store.get('images/missing.png')).toBeUndefined();
      expect(await store.has('images/missing.png')).toBe(false);
      expect(await store.has('never-written/at/all.png')).toBe(false);
    });

    it('replaces an object whole on a second put', async () => {
      await store.put('images/x.webp', Buffer.from('first version, longer than the second'), 'image/webp');
      await store.put('images/x.webp', Buffer.from('second'), 'image/webp');
      expect((await store.get('images/x.webp'))?.toString()).toBe('second');
    });

    it('never shows a reader part of an object while puts of the same key race', async () => {
      const versions = [randomBytes(512 * 1024), randomBytes(512 * 1024), randomBytes(512 * 1024)];
      await store.put('images/race.png', versions[0]!, 'image/png');
      const reads: (Buffer | undefined)[] = [];
      await Promise.all([
        ...versions.map((v) => store.put('images/race.png', v, 'image/png')),
        ...Array.from({ length: 6 }, async () => reads.push(await store.get('images/race.png'))),
      ]);
      for (const read of [...reads, await store.get('images/race.png')]) {
        expect(versions.some((v) => read?.equals(v))).toBe(true);
      }
    });

    it('deletes, and deleting what is not there (twice, or by two stores) succeeds', async () => {
      await store.put('images/gone.png', Buffer.from('x'), 'image/png');
      const other = await fixture.reopen();
      await Promise.all([store.delete('images/gone.png'), other.delete('images/gone.png')]);
      await store.delete('images/gone.png');
      await store.delete('images/never-there.png');
      expect(await store.get('images/gone.png')).toBeUndefined();
      expect(await store.has('images/gone.png')).toBe(false);
    });

    it('lists every key under a prefix and nothing else', async () => {
      await store.put('images/a.png', Buffer.from('a'), 'image/png');
      await store.put('images/b.jpg', Buffer.from('b'), 'image/jpeg');
      await store.put('assets/c.gif', Buffer.from('c'), 'image/gif');
      await store.put('images-old/d.png', Buffer.from('d'), 'image/png');
      expect(await keysUnder(store, 'images/')).toEqual(['images/a.png', 'images/b.jpg']);
      expect(await keysUnder(store, 'assets/')).toEqual(['assets/c.gif']);
      expect(await keysUnder(store, 'fonts/')).toEqual([]);
      await store.delete('images/a.png');
      expect(await keysUnder(store, 'images/')).toEqual(['images/b.jpg']);
    });

    it('lists past one page of results', async () => {
      // Stores that page their listings (S3: 1000 keys a request; the S3 fixture pages at 50)
      // must follow continuation tokens to the end.
      const keys = Array.from({ length: 120 }, (_, i) => `images/many-${String(i).padStart(4, '0')}.png`);
      for (let i = 0; i < keys.length; i += 40) {
        await Promise.all(keys.slice(i, i + 40).map((key) => store.put(key, Buffer.from(key), 'image/png')));
      }
      expect(await keysUnder(store, 'images/')).toEqual(keys);
    });

    it('refuses keys outside the contract instead of storing them somewhere', async () => {
      for (const key of [
        '../escape.png',
        'images/../../escape',
        '/abs.png',
        'images//x.png',
        'images/x y.png',
        '',
        'a\\b',
      ]) {
        await expect(store.put(key, Buffer.from('x'), 'image/png'), key).rejects.toThrow(/invalid blob key/);
      }
      expect(await keysUnder(store, '')).toEqual([]);
    });
  });
}
