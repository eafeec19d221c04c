// A PNG writer that deflates horizontal bands of the image at the same time on libuv's
// thread pool, as pigz does for gzip: each band is raw deflate that ends on a byte
// boundary (a sync flush), primed with the last 32 KB of the band above as its
// dictionary so matches across the seam are still found, and the last band finishes the
// stream. Concatenated behind a zlib header and followed by the Adler-32 of all the
// filtered bytes they make one ordinary zlib stream in one IDAT chunk, which every PNG
// decoder reads. Measured in bench/encoders.ts against sharp; not used by the engine
// (docs/engine-node.md, "Encoders": node's zlib plus the row copy in JavaScript cost more
// CPU than sharp's zlib-ng for 20 % more bytes, and the bands only help on idle cores).
import { promisify } from 'node:util';
import { constants, crc32, deflateRaw } from 'node:zlib';
import { isOpaque } from '../src/node/encode';

const deflateRawAsync = promisify(deflateRaw);

export interface PngOptions {
  /** zlib level 1–9. */
  level?: number;
  /** How many bands to deflate at once (at most one per 64 rows). */
  bands?: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The window deflate looks back over: the dictionary each band starts with. */
const WINDOW = 32 * 1024;
const MIN_BAND_ROWS = 64;

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const ADLER_MOD = 65521;

/**
 * Writes rows `from`–`to` as scanlines with filter type 0 (None) in front of each row,
 * RGB when `channels` is 3 (the alpha byte of each pixel left out), and carries the
 * Adler-32 sums over what it wrote. Row filters do not pay on painted cards: Skia dithers
 * gradients, and the noise defeats Sub, Up and Paeth.
 */
function writeScanlines(
  rgba: Uint8Array,
  width: number,
  from: number,
  to: number,
  channels: 3 | 4,
  out: Buffer,
  sums: { a: number; b: number },
): void {
  const stride = width * channels + 1;
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.byteLength >>> 2);
  let { a, b } = sums;
  for (let y = from; y < to; y++) {
    let o = y * stride;
    out[o++] = 0;
    b += a;
    const end = (y + 1) * width;
    // Reduced every 256 pixels, well before the sums could outgrow a 32-bit integer.
    for (let i = y * width; i < end; i++) {
      const v = words[i] as number;
      const r = v & 0xff;
      const g = (v >>> 8) & 0xff;
      const bl = (v >>> 16) & 0xff;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = bl;
      a += r;
      b += a;
      a += g;
      b += a;
      a += bl;
      b += a;
      if (channels === 4) {
        const al = v >>> 24;
        out[o + 3] = al;
        a += al;
        b += a;
      }
      o += channels;
      if ((i & 0xff) === 0xff) {
        a %= ADLER_MOD;
        b %= ADLER_MOD;
      }
    }
    a %= ADLER_MOD;
    b %= ADLER_MOD;
  }
  sums.a = a;
  sums.b = b;
}

/**
 * The scanline buffer of the last encode, kept for the next: a fresh multi-megabyte
 * buffer costs more in page faults and collection than filling it does.
 */
let spare: Buffer | undefined;
const MAX_SPARE_BYTES = 16 * 1024 * 1024;

/**
 * Encodes 8-bit RGBA pixels as a PNG: RGB when every pixel is opaque. `rgba` is straight
 * (not premultiplied) unless opaque, where the two are the same.
 */
export async function encodePng(
  rgba: Uint8Array,
  width: number,
  height: number,
  options: PngOptions = {},
): Promise<Buffer> {
  if (!(width > 0 && height > 0) || rgba.length !== width * height * 4)
    throw new RangeError('pixels: expected width × height × 4 bytes');
  if (rgba.byteOffset % 4 !== 0) rgba = new Uint8Array(rgba);
  const level = options.level ?? 4;
  const channels = isOpaque(rgba) ? 3 : 4;
  const stride = width * channels + 1;
  const size = stride * height;
  const buffer = spare && spare.length >= size ? spare : Buffer.allocUnsafe(size);
  spare = undefined;
  const data = buffer.subarray(0, size);

  const bands = Math.max(1, Math.min(options.bands ?? 2, Math.floor(height / MIN_BAND_ROWS)));
  const rowsPerBand = Math.ceil(height / bands);
  const sums = { a: 1, b: 0 };
  const parts: Promise<Buffer>[] = [];
  // Each band starts deflating as soon as its rows are written, while the next is filled.
  for (let from = 0; from < height; from += rowsPerBand) {
    const to = Math.min(height, from + rowsPerBand);
    writeScanlines(rgba, width, from, to, channels, data, sums);
    const start = from * stride;
    parts.push(
      deflateRawAsync(data.subarray(start, to * stride), {
        level,
        memLevel: 9,
        finishFlush: to === height ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
        ...(start > 0 ? { dictionary: data.subarray(Math.max(0, start - WINDOW), start) } : {}),
      }),
    );
  }
  let deflated: Buffer[];
  try {
    deflated = await Promise.all(parts);
  } finally {
    // Only once every band is done reading it.
    await Promise.allSettled(parts);
    if (buffer.length <= MAX_SPARE_BYTES) spare = buffer;
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = channels === 3 ? 2 : 6; // colour type: RGB or RGBA; compression, filter and interlace are 0
  // zlib header: deflate with a 32 KB window, no preset dictionary, check bits for 0x78.
  const zlibHeader = Buffer.from([0x78, level >= 6 ? 0x9c : level >= 2 ? 0x5e : 0x01]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(((sums.b << 16) | sums.a) >>> 0, 0);
  const idat = Buffer.concat([zlibHeader, ...deflated, trailer]);
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
