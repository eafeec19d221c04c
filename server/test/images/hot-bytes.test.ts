// Bytes of recently served renders come from memory: a cache hit reads neither the disk nor the
// bucket. Bounded by size, keyed by ETag.
import { describe, expect, it } from 'vitest';
import { HotBytes } from '../../src/images/hot-bytes';
import { FileBlobStore } from '../../src/storage/file-blob-store';
import { cardTemplate, startRenderServer } from '../support/render-server';

describe('hot bytes', () => {
  it('keys bytes by ETag and stays within its budget', () => {
    const hot = new HotBytes(1000);
    hot.set('images/a.png', '"1"', Buffer.alloc(200, 1));
    expect(hot.get('images/a.png', '"1"')?.byteLength).toBe(200);
    expect(hot.get('images/a.png', '"2"')).toBeUndefined();
    // More than a quarter of the budget is never kept.
    hot.set('images/big.png', '"1"', Buffer.alloc(300));
    expect(hot.get('images/big.png', '"1"')).toBeUndefined();
    for (let i = 0; i < 10; i++) hot.set(`images/${i}.png`, '"1"', Buffer.alloc(200));
    expect(hot.bytes).toBeLessThanOrEqual(1000);
    expect(hot.get('images/a.png', '"1"')).toBeUndefined();
    expect(new HotBytes(0).get('images/a.png', '"1"')).toBeUndefined();
  });

  it('answers repeated cache hits without reading the store', async () => {
    let reads = 0;
    class CountingStore extends FileBlobStore {
      override async get(key: string) {
        reads++;
        return super.get(key);
      }
      override async has(key: string) {
        reads++;
        return super.has(key);
      }
    }
    const app = await startRenderServer({}, { openStorage: (dir) => new CountingStore(dir) });
    try {
      const id = await app.createTemplate(cardTemplate(), { isPublic: true });
      const url = `${app.url}/api/render?templateId=${id}&title=Hot`;
      const first = Buffer.from(await (await fetch(url)).arrayBuffer());
      const second = await fetch(url);
      expect(second.headers.get('x-cache')).toBe('HIT');
      const readsAfterSecond = reads;
      for (let i = 0; i < 5; i++) {
        const again = await fetch(url);
        expect(Buffer.from(await again.arrayBuffer()).equals(first)).toBe(true);
      }
      expect(reads).toBe(readsAfterSecond);
    } finally {
      await app.close();
    }
  });
});
