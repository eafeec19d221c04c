// The hand-written PNG writer measured against sharp in bench/encoders.ts: filtered
// scanlines, node's zlib, CRC from zlib.crc32. Not used by the engine: sharp from raw
// pixels was as fast or faster, off the main thread, and smaller (docs/engine-node.md).
import { constants, crc32, deflateSync } from 'node:zlib';

export interface PngOptions {
  /** zlib level 1–9; 1–3 are the fast ones. */
  level?: number;
  /** PNG row filter: 0 none, 1 sub, 2 up. */
  filter?: 0 | 1 | 2;
  /** zlib strategy; Z_RLE suits filtered synthetic images. */
  strategy?: number;
  /** Drop the alpha channel when every pixel is opaque (a quarter fewer bytes to deflate). */
  dropOpaqueAlpha?: boolean;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** True when every alpha byte of an RGBA buffer is 255. */
export function isOpaque(rgba: Uint8Array): boolean {
  // Reading 32-bit words is ~4× faster than bytes; alpha is the high byte on little-endian hosts.
  const aligned = rgba.byteOffset % 4 === 0;
  if (aligned) {
    const words = new Uint32Array(rgba.buffer, rgba.byteOffset, rgba.byteLength >>> 2);
    for (let i = 0; i < words.length; i++) if ((words[i] as number) < 0xff000000) return false;
    return true;
  }
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

/** Filtered scanlines: each row prefixed by its filter byte. */
function filterRows(pixels: Uint8Array, width: number, height: number, channels: 3 | 4, filter: 0 | 1 | 2): Buffer {
  const stride = width * channels;
  const out = Buffer.allocUnsafe((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * stride;
    const at = y * (stride + 1);
    out[at] = filter;
    if (filter === 0 || (filter === 2 && y === 0)) {
      out.set(pixels.subarray(row, row + stride), at + 1);
    } else if (filter === 2) {
      const prev = row - stride;
      for (let i = 0; i < stride; i++)
        out[at + 1 + i] = ((pixels[row + i] as number) - (pixels[prev + i] as number)) & 0xff;
    } else {
      for (let i = 0; i < channels; i++) out[at + 1 + i] = pixels[row + i] as number;
      for (let i = channels; i < stride; i++)
        out[at + 1 + i] = ((pixels[row + i] as number) - (pixels[row + i - channels] as number)) & 0xff;
    }
  }
  return out;
}

function rgbaToRgb(rgba: Uint8Array): Uint8Array {
  const rgb = new Uint8Array((rgba.length / 4) * 3);
  for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
    rgb[j] = rgba[i] as number;
    rgb[j + 1] = rgba[i + 1] as number;
    rgb[j + 2] = rgba[i + 2] as number;
  }
  return rgb;
}

/** Encodes straight (not premultiplied) 8-bit RGBA pixels as a PNG. */
export function encodePng(rgba: Uint8Array, width: number, height: number, options: PngOptions = {}): Buffer {
  const { level = 1, filter = 2, strategy = constants.Z_DEFAULT_STRATEGY, dropOpaqueAlpha = false } = options;
  const rgb = dropOpaqueAlpha && isOpaque(rgba);
  const channels = rgb ? 3 : 4;
  const pixels = rgb ? rgbaToRgb(rgba) : rgba;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = rgb ? 2 : 6; // colour type: RGB or RGBA
  // compression, filter method and interlace are all 0
  const idat = deflateSync(filterRows(pixels, width, height, channels, filter), { level, strategy, memLevel: 9 });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}
