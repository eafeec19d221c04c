// Pixel comparison of two PNGs for `layercast diff`: pixelmatch counts the differing pixels
// and draws them red over a faded copy of the expected image.
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export interface ImageDiff {
  /** The compared area: the larger of the two sizes each way. */
  width: number;
  height: number;
  /** Set when the images are not the same size; the smaller is padded with transparency. */
  sizeChange?: { expected: [number, number]; actual: [number, number] };
  differingPixels: number;
  /** differingPixels / (width × height). */
  fraction: number;
  /** Mean absolute difference per RGBA channel, 0–255. */
  meanChannelDiff: number;
  /** PNG: differing pixels red over the faded expected image. */
  diffPng: Buffer;
}

function padTo(image: PNG, width: number, height: number): Uint8Array {
  if (image.width === width && image.height === height) return image.data;
  const padded = new Uint8Array(width * height * 4);
  for (let y = 0; y < image.height; y++) {
    padded.set(image.data.subarray(y * image.width * 4, (y + 1) * image.width * 4), y * width * 4);
  }
  return padded;
}

/**
 * Compares `actual` with `expected`. Both sides come from the same engine on the same
 * machine, so there is no noise to forgive: a pixel differs when any channel differs
 * (threshold 0, anti-aliased pixels counted too).
 */
export function compareImages(expectedPng: Buffer, actualPng: Buffer): ImageDiff {
  const expected = PNG.sync.read(expectedPng);
  const actual = PNG.sync.read(actualPng);
  const width = Math.max(expected.width, actual.width);
  const height = Math.max(expected.height, actual.height);
  const a = padTo(expected, width, height);
  const b = padTo(actual, width, height);
  const diff = new PNG({ width, height });
  const differingPixels = pixelmatch(a, b, diff.data, width, height, {
    threshold: 0,
    includeAA: true,
    alpha: 0.25,
    diffColor: [255, 0, 0],
  });
  let total = 0;
  for (let i = 0; i < a.length; i++) total += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  const sameSize = expected.width === actual.width && expected.height === actual.height;
  return {
    width,
    height,
    ...(sameSize
      ? {}
      : {
          sizeChange: {
            expected: [expected.width, expected.height] as [number, number],
            actual: [actual.width, actual.height] as [number, number],
          },
        }),
    differingPixels,
    fraction: differingPixels / (width * height),
    meanChannelDiff: total / a.length,
    diffPng: PNG.sync.write(diff),
  };
}
