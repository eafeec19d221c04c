// A QR layer's symbol: the module matrix from the `qrcode` encoder (segmenting, Reed–Solomon
// and masking are its job), placed square and centred in the layer's box.
import type { QrErrorCorrection } from '@layercast/shared';
import { create } from 'qrcode';
import type { QrRun, QrSymbol } from '../types';

export type QrEncoding = { ok: true; symbol: QrSymbol } | { ok: false; error: string };

/** Dark modules as horizontal runs: fewer rectangles to draw, and no seams inside a run. */
function darkRuns(size: number, dark: (row: number, col: number) => boolean, quietZone: number): QrRun[] {
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
      runs.push({ row: row + quietZone, col: start + quietZone, length: col - start });
    }
  }
  return runs;
}

export function layoutQr(
  data: string,
  errorCorrection: QrErrorCorrection,
  quietZone: number,
  width: number,
  height: number,
): QrEncoding {
  if (data.length === 0) return { ok: false, error: 'no data to encode' };
  let qr: ReturnType<typeof create>;
  try {
    qr = create(data, { errorCorrectionLevel: errorCorrection });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      error: `the data (${data.length} characters) cannot be encoded at error correction ${errorCorrection}: ${reason}`,
    };
  }
  const { size } = qr.modules;
  const count = size + 2 * quietZone;
  const side = Math.min(width, height);
  return {
    ok: true,
    symbol: {
      x: (width - side) / 2,
      y: (height - side) / 2,
      moduleSize: side / count,
      count,
      runs: darkRuns(size, (r, c) => Boolean(qr.modules.get(r, c)), quietZone),
      version: qr.version,
    },
  };
}
