import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodedCache } from '../../src/node/decoded-cache';
import { MAX_GIF_FRAMES, gifFrameCount } from '../../src/node/image-shape';
import { ImageLoadError } from '../../src/node/image-budget';
import { createImageLoader } from '../../src/node/images';

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: '#3b82f6' } });
/** A GIF89a of `frames` 1×1 frames, each with a graphic control extension (as animations have). */
function gifOf(frames: number): Buffer {
  const head = Buffer.from([...Buffer.from('GIF89a'), 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
  const frame = Buffer.from([0x21, 0xf9, 4, 0, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0]);
  return Buffer.concat([head, ...Array<Buffer>(frames).fill(frame), Buffer.from([0x3b])]);
}

const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;

/** A PNG that claims `width`×`height` in its header and has no pixel data at all. */
function pngHeaderOnly(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    out.write(type, 4, 'latin1');
    data.copy(out, 8);
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IEND', Buffer.alloc(0))]);
}

async function reason(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ImageLoadError);
    return (error as Error).message;
  }
  throw new Error('expected the image to be refused');
}

describe('image loader', () => {
  const load = createImageLoader();

  it('decodes PNG, JPEG, WebP and GIF data: URLs at their own size', async () => {
    const cases: [string, Buffer][] = [
      ['image/png', await solid(37, 23).png().toBuffer()],
      ['image/jpeg', await solid(41, 19).jpeg().toBuffer()],
      ['image/webp', await solid(17, 29).webp().toBuffer()],
      ['image/gif', await solid(13, 11).gif().toBuffer()],
    ];
    for (const [mime, bytes] of cases) {
      const meta = await sharp(bytes).metadata();
      const loaded = await load(dataUrl(mime, bytes));
      expect([loaded.width, loaded.height], mime).toEqual([meta.width, meta.height]);
      expect(loaded.image.width).toBe(meta.width);
    }
  });

  it('decodes a percent-encoded data: URL and trusts the bytes, not the declared type', async () => {
    const png = await solid(9, 7).png().toBuffer();
    const encoded = [...png].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    expect((await load(`data:image/png,${encoded}`)).width).toBe(9);
    // Declared as JPEG, sniffed as PNG: decoded all the same.
    expect((await load(dataUrl('image/jpeg', png))).height).toBe(7);
  });

  it('applies the JPEG orientation, as browsers do', async () => {
    const rotated = await solid(40, 20).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const loaded = await load(dataUrl('image/jpeg', rotated));
    expect([loaded.width, loaded.height]).toEqual([20, 40]);
  });

  it('decides by the bytes: an SVG labelled PNG is an SVG, a text file is refused', async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"><rect width="10" height="10"/></svg>',
    );
    const loaded = await load(dataUrl('image/png', svg));
    expect([loaded.width, loaded.height]).toEqual([10, 20]);
    expect((loaded.image as { kind?: string }).kind).toBe('vector');
    expect(await reason(load(dataUrl('image/png', Buffer.from('hello, I am a text file\n'))))).toBe(
      'not a PNG, JPEG, WebP, GIF or SVG image',
    );
    const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    expect(await reason(load(dataUrl('image/png', pdf)))).toBe(
      'unsupported image type PDF; expected PNG, JPEG, WebP, GIF or SVG',
    );
    expect(await reason(load('data:image/png;base64,'))).toBe('the image is empty');
    expect(await reason(load('data:image/png;base64,@@@'))).toMatch(/^invalid data URL/);
  });

  it('refuses a 30000×30000 PNG from its header, before decoding', async () => {
    const message = await reason(load(dataUrl('image/png', pngHeaderOnly(30000, 30000))));
    expect(message).toBe('the image is too large: 30000×30000 pixels; at most 25 megapixels');
    // The same header at a sane size reaches the decoder, which finds no pixels.
    expect(await reason(load(dataUrl('image/png', pngHeaderOnly(100, 100))))).toBe('could not decode the PNG image');
  });

  it('refuses extreme sides and aspect ratios from the header, before decoding', async () => {
    // 1 × 100,000 passes the pixel budget (0.1 MP).
    expect(await reason(load(dataUrl('image/png', pngHeaderOnly(1, 100_000))))).toBe(
      'the image is 1×100000 pixels; each side may be at most 16384',
    );
    expect(await reason(load(dataUrl('image/png', pngHeaderOnly(5000, 2))))).toBe(
      'the image is 5000×2 pixels; its sides may differ at most 1000:1',
    );
    // A 1 px rule 1,000 px long is a real image: it reaches the decoder.
    expect(await reason(load(dataUrl('image/png', pngHeaderOnly(1000, 1))))).toBe('could not decode the PNG image');
  });

  it('refuses a GIF with more frames than the budget, counting blocks without decoding', async () => {
    expect(gifFrameCount(gifOf(1))).toBe(1);
    expect(gifFrameCount(gifOf(37))).toBe(37);
    expect(gifFrameCount(gifOf(5000), 1001)).toBe(1001);
    expect(await reason(load(dataUrl('image/gif', gifOf(MAX_GIF_FRAMES + 1))))).toBe(
      `the GIF has more than ${MAX_GIF_FRAMES} frames; only the first is drawn`,
    );
    const ok = await load(dataUrl('image/gif', gifOf(MAX_GIF_FRAMES)));
    expect([ok.width, ok.height]).toEqual([1, 1]);
  });

  it('refuses remote images without a fetcher, and other schemes', async () => {
    expect(await reason(load('https://example.com/logo.png'))).toBe('remote images are not allowed here');
    expect(await reason(load('ftp://example.com/logo.png'))).toMatch(/^unsupported image source "ftp:"/);
    expect(await reason(load('   '))).toBe('no image source');
  });

  describe('over HTTP with an injected fetcher', () => {
    let server: Server;
    let base = '';
    beforeAll(async () => {
      const png = await solid(21, 12).png().toBuffer();
      server = createServer((req, res) => {
        if (req.url === '/logo.png') res.writeHead(200, { 'content-type': 'image/png' }).end(png);
        else res.writeHead(404).end('not found');
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    const fetchBytes = async (url: string) => {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`upstream ${res.status} at /internal/path`);
      return new Uint8Array(await res.arrayBuffer());
    };

    it('loads through the fetcher and hides its internal errors', async () => {
      const remote = createImageLoader({ fetchBytes });
      expect((await remote(`${base}/logo.png`)).width).toBe(21);
      expect(await reason(remote(`${base}/missing.png`))).toBe('could not fetch the image');
      const explaining = createImageLoader({
        fetchBytes: async () => {
          throw new ImageLoadError('the address is not allowed');
        },
      });
      expect(await reason(explaining(`${base}/logo.png`))).toBe('the address is not allowed');
    });
  });

  describe('local files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'layercast-images-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('are refused unless allowed, then read relative to the base directory', async () => {
      writeFileSync(join(dir, 'logo.png'), await solid(15, 10).png().toBuffer());
      writeFileSync(join(dir, 'notes.png'), 'just text');
      expect(await reason(load('logo.png'))).toMatch(/^local files are not allowed here/);
      expect(await reason(load(join(dir, 'logo.png')))).toMatch(/^local files are not allowed here/);
      expect(await reason(load(`file://${join(dir, 'logo.png')}`))).toMatch(/^local files are not allowed here/);

      const local = createImageLoader({ allowFiles: true, baseDir: dir });
      expect((await local('logo.png')).width).toBe(15);
      expect((await local(`file://${join(dir, 'logo.png')}`)).height).toBe(10);
      expect(await reason(local('notes.png'))).toBe('not a PNG, JPEG, WebP, GIF or SVG image');
      expect(await reason(local('missing.png'))).toBe('image file not found: missing.png');
    });
  });
});

describe('decoded image cache', () => {
  it('reuses a decoded data: URL image and never caches files', async () => {
    const bytes = await solid(12, 12).png().toBuffer();
    const load = createImageLoader();
    const url = dataUrl('image/png', bytes);
    expect((await load(url)).image).toBe((await load(url)).image);
    const uncached = createImageLoader({ dataUrlCache: false });
    expect((await uncached(url)).image).not.toBe((await uncached(url)).image);
  });

  it('evicts the least recently used images beyond its pixel budget', () => {
    const cache = new DecodedCache<{ width: number; height: number }>({ maxPixels: 300, maxKeyChars: 1000 });
    const img = () => ({ width: 10, height: 10 });
    cache.set('a', img());
    cache.set('b', img());
    cache.set('c', img());
    cache.get('a'); // a is now the most recent: b goes first
    cache.set('d', img());
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.get('d')].map(Boolean)).toEqual([
      true,
      false,
      true,
      true,
    ]);
    cache.set('huge', { width: 100, height: 100 }); // larger than the whole budget: not kept
    expect(cache.get('huge')).toBeUndefined();
    expect(cache.size).toBe(3);
  });
});
