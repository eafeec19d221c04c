// Image filters on decoded pixels: the colour matrix gives the CSS filters' numbers, and a
// render to SVG or PDF (which have no filters of their own) embeds the filtered bitmap.
import { loadTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { paintFilters } from '../../src/layout/image';
import { renderTemplate } from '../../src/node/index';
import { applyColorMatrix, colorMatrixOf } from '../../src/paint/image-filters';

/** One pixel through the filters' colour matrix. */
function filtered(rgb: [number, number, number], filters: Parameters<typeof paintFilters>[0]): number[] {
  const data = new Uint8ClampedArray([...rgb, 255]);
  const resolved = paintFilters(filters);
  if (resolved) applyColorMatrix(data, colorMatrixOf(resolved));
  return [...data.slice(0, 3)];
}

describe('image filter colour matrix', () => {
  it('grayscale is the Rec. 709 luma, partly mixed for values below 1', () => {
    expect(filtered([255, 0, 0], { grayscale: 1 })).toEqual([54, 54, 54]);
    expect(filtered([0, 0, 255], { grayscale: 0.5 })).toEqual([9, 9, 137]);
  });

  it('brightness and contrast are CSS brightness(1 + b) and contrast(1 + c)', () => {
    expect(filtered([100, 50, 200], { brightness: 0.5 })).toEqual([150, 75, 255]);
    expect(filtered([100, 50, 200], { brightness: -1 })).toEqual([0, 0, 0]);
    // (100 - 127.5) × 2 + 127.5 = 72.5, rounded half to even by Uint8ClampedArray.
    expect(filtered([100, 200, 128], { contrast: 1 })).toEqual([72, 255, 128]);
    expect(filtered([0, 255, 40], { contrast: -1 })).toEqual([128, 128, 128]);
  });

  it('tint turns white into the tint colour and keeps black black', () => {
    const tint = { color: '#c026d3', amount: 1 };
    expect(filtered([255, 255, 255], { tint })).toEqual([192, 38, 211]);
    expect(filtered([0, 0, 0], { tint })).toEqual([0, 0, 0]);
  });

  it('leaves out filters that change nothing', () => {
    expect(paintFilters({ grayscale: 0, blur: 0, tint: { color: '#000', amount: 0 } })).toBeNull();
    expect(paintFilters(undefined)).toBeNull();
  });
});

describe('filters in vector output', () => {
  it('embeds the filtered bitmap in SVG: a red image with grayscale 1 is grey', async () => {
    const red = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#ff0000' } })
      .png()
      .toBuffer();
    const doc = loadTemplate({
      version: 4,
      canvas: { width: 64, height: 64 },
      layers: [
        {
          type: 'image',
          name: 'p',
          width: 64,
          height: 64,
          src: `data:image/png;base64,${red.toString('base64')}`,
          filters: { grayscale: 1 },
        },
      ],
    });
    const svg = (await renderTemplate(doc, {}, { format: 'svg' })).data.toString('utf8');
    const embedded = /xlink:href="data:image\/png;base64,([^"]+)"/.exec(svg)?.[1];
    expect(embedded).toBeDefined();
    const { data } = await sharp(Buffer.from(embedded ?? '', 'base64'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([54, 54, 54]);
  });
});
