// The contract of server/src/storage/blob-store.ts, as tests any implementation must pass.
// `open` gives a store over a fresh, empty location; `reopen` a second store over the same
// location, as another node (or the same node after a restart) would have.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlobStore } from '../../src/storage/blob-store';

export interface BlobStoreFixture {
  store: BlobStore;
  reopen(): Promise<BlobStore>;
  cleanup(): Promise<void>;
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const key of keys) out.push(key);
  return out.sort();
}

export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreFixture>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let fixture: BlobStoreFixture;
    let store: BlobStore;
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    });
    afterAll(async () => {
      await fixture?.store.close();
      await fixture?.cleanup();
    });

    it('gives back exactly the bytes put, and says it has them', async () => {
      // Every byte value, zeros included, and more than one network packet.
      const data = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(300_000)]);
      await store.put('images/roundtrip.png', data, 'image/png');
      const back = await store.get('images/roundtrip.png');
      expect(back).toBeInstanceOf(Buffer);
      expect(back?.equals(data)).toBe(true);
      expect(await store.has('images/roundtrip.png')).toBe(true);
    });

    it('answers a missing key with undefined / false, and deletes a missing key without error', async () => {
      expect(await store.get('images/never-written.png')).toBeUndefined();
      expect(await store.has('images/never-written.png')).toBe(false);
      await expect(store.delete('images/never-written.png')).resolves.toBeUndefined();
    });

    it('replaces an object whole on a second put, also when the new one is shorter', async () => {
      await store.put('assets/replace.webp', Buffer.alloc(10_000, 7), 'image/webp');
      await store.put('assets/replace.webp', Buffer.from('short'), 'image/webp');
      expect((await store.get('assets/replace.webp'))?.toString()).toBe('short');
    });

    it('keeps a zero-byte object', async () => {
      await store.put('fonts/empty.ttf', new Uint8Array(0), 'font/ttf');
      expect(await store.has('fonts/empty.ttf')).toBe(true);
      expect((await store.get('fonts/empty.ttf'))?.byteLength).toBe(0);
    });

    it('deletes, after which the key reads as missing; a second delete is a no-op', async () => {
      await store.put('images/gone.jpg', Buffer.from('x'), 'image/jpeg');
      await store.delete('images/gone.jpg');
      expect(await store.get('images/gone.jpg')).toBeUndefined();
      expect(await store.has('images/gone.jpg')).toBe(false);
      await Promise.all([store.delete('images/gone.jpg'), store.delete('images/gone.jpg')]);
    });

    it('lists every key under a prefix and nothing outside it', async () => {
      await store.put('list/a/1.png', Buffer.from('1'), 'image/png');
      await store.put('list/a/2.png', Buffer.from('2'), 'image/png');
      await store.put('list/b/3.png', Buffer.from('3'), 'image/png');
      await store.put('listed/4.png', Buffer.from('4'), 'image/png');
      expect(await collect(store.list('list/a/'))).toEqual(['list/a/1.png', 'list/a/2.png']);
      expect(await collect(store.list('list/'))).toEqual(['list/a/1.png', 'list/a/2.png', 'list/b/3.png']);
      expect(await collect(store.list('nothing-here/'))).toEqual([]);
    });

    it('lists past one page of results', async () => {
      // The S3 fixture pages at 50 keys: 120 make the listing follow continuation tokens.
      const keys = Array.from({ length: 120 }, (_, i) => `many/${String(i).padStart(4, '0')}.png`);
      for (let i = 0; i < keys.length; i += 50) {
        await Promise.all(keys.slice(i, i + 50).map((key) => store.put(key, Buffer.from(key), 'image/png')));
      }
      expect(await collect(store.list('many/'))).toEqual(keys);
    });

    it('ends concurrent puts of one key with one of them whole, never a mix', async () => {
      const versions = [Buffer.alloc(200_000, 1), Buffer.alloc(150_000, 2), Buffer.alloc(100_000, 3)];
      await Promise.all(versions.map((v) => store.put('images/race.png', v, 'image/png')));
      const final = await store.get('images/race.png');
      expect(versions.some((v) => v.equals(final ?? Buffer.alloc(0)))).toBe(true);
    });

    it('refuses keys outside the contract before touching storage', async () => {
      for (const key of ['../escape.png', 'images/../../x', '/absolute.png', 'images//double.png', 'sp ace.png', '']) {
        await expect(store.put(key, Buffer.from('x'), 'image/png')).rejects.toThrow('invalid blob key');
        await expect(store.get(key)).rejects.toThrow('invalid blob key');
      }
    });

    it('shows what one store wrote to another store on the same location (another node)', async () => {
      const other = await fixture.reopen();
      try {
        await store.put('images/shared.png', Buffer.from('from node a'), 'image/png');
        expect((await other.get('images/shared.png'))?.toString()).toBe('from node a');
        await other.delete('images/shared.png');
        expect(await store.has('images/shared.png')).toBe(false);
      } finally {
        await other.close();
      }
    });
  });
}
