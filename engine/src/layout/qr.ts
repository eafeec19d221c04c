// A QR layer's symbol: the module matrix from the `qrcode` encoder (segmenting, Reed–Solomon
// and masking are its job), placed square and centred in the layer's box.
import type { QrErrorCorrection } from '@layercast/shared';
import { create } from 'qrcode';
import type { QrRun, QrSymbol } from '../types';

export type QrEncoding = { ok: true; symbol: QrSymbol } | { ok: false; error: string };

/** Dark modules as horizontal runs: fewer rectangles to draw, and no seams inside a run. */
function darkRuns(size: number, dark: (row: number, col: number) => boolean): QrRun[] {
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++) {
    let col = 0;
    while (col < size) {
      if (!dark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark(row, col)) col++;
      runs.push({ row, col: start, length: col - start });
    }
  }
  return runs;
}

interface Encoded {
  size: number;
  version: number;
  /** Dark runs without the quiet zone. */
  runs: QrRun[];
}

/**
 * Encoding a long text takes milliseconds and the editor lays the scene out on every drag
 * frame, so the last few encodings are kept (the result depends on data and level only).
 */
const CACHE_SIZE = 32;
const cache = new Map<string, Encoded | string>();

function encode(data: string, level: QrErrorCorrection): Encoded | string {
  const key = `${level}:${data}`;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let result: Encoded | string;
  try {
    const qr = create(data, { errorCorrectionLevel: level });
    const { size } = qr.modules;
    result = { size, version: qr.version, runs: darkRuns(size, (r, c) => Boolean(qr.modules.get(r, c))) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    result = `the data (${data.length} characters) cannot be encoded at error correction ${level}: ${reason}`;
  }
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return result;
}

export function layoutQr(
  data: string,
  errorCorrection: QrErrorCorrection,
  quietZone: number,
  width: number,
  height: number,
): QrEncoding {
  if (data.length === 0) return { ok: false, error: 'no data to encode' };
  const encoded = encode(data, errorCorrection);
  if (typeof encoded === 'string') return { ok: false, error: encoded };
  const count = encoded.size + 2 * quietZone;
  const side = Math.min(width, height);
  return {
    ok: true,
    symbol: {
      x: (width - side) / 2,
      y: (height - side) / 2,
      moduleSize: side / count,
      count,
      runs: quietZone
        ? encoded.runs.map((r) => ({ row: r.row + quietZone, col: r.col + quietZone, length: r.length }))
        : encoded.runs,
      version: encoded.version,
    },
  };
}
