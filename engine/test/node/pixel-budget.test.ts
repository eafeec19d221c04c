// The decoded-pixel budget of one render. Each image may have up to 25 MP, but a 15 KB
// template can hold many of them (a 4900×4900 lossless WebP is about 1 KB): ten of those
// took a render from 150 MB to 1.16 GB. The budget is checked from the image headers before
// anything is decoded; images past it are left out like any image that failed to load.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type TemplateDocument, parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ImageLoader, type LoadedImage, createImageLoader } from '../../src/node/images';
import { renderTemplate } from '../../src/node/render';

const BUDGET_MESSAGE = 'the images of this template exceed 50 megapixels in total';

let bigWebp: Buffer;
let smallPng: Buffer;
let dir: string;

beforeAll(async () => {
  bigWebp = await sharp({ create: { width: 4900, height: 4900, channels: 3, background: '#10b981' } })
    .webp({ lossless: true })
    .toBuffer();
  smallPng = await sharp({ create: { width: 20, height: 20, channels: 4, background: '#ff0000' } })
    .png()
    .toBuffer();
  dir = mkdtempSync(join(tmpdir(), 'layercast-budget-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Distinct source strings for the same bytes: a data: URL may carry parameters. */
const bigDataUrl = (i: number) => `data:image/webp;name=big${i};base64,${bigWebp.toString('base64')}`;

function template(srcs: string[]): TemplateDocument {
  const parsed = parseTemplate({
    version: 2,
    canvas: { width: 400, height: 210, background: '#ffffff' },
    layers: srcs.map((src, i) => ({ name: `img${i}`, type: 'image', x: i * 35, y: 0, width: 30, height: 30, src })),
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

type ImageDiag = { loaded: boolean; error?: string };
const diag = (layers: Record<string, unknown>, name: string) => layers[name] as ImageDiag;

describe('decoded pixels per render', () => {
  it('draws images in drawing order while they fit in 50 MP, leaves the rest out and says why', async () => {
    const small = `data:image/png;base64,${smallPng.toString('base64')}`;
    const doc = template([...Array.from({ length: 10 }, (_, i) => bigDataUrl(i)), small]);
    const before = process.memoryUsage().rss;
    const result = await renderTemplate(
      doc,
      {},
      { format: 'png', loadImage: createImageLoader({ dataUrlCache: false }) },
    );
    const layers = result.diagnostics.layers;
    // 4900² = 24.01 MP: two fit in 50 MP, a third would not.
    expect(diag(layers, 'img0')).toEqual({ type: 'image', loaded: true });
    expect(diag(layers, 'img1')).toEqual({ type: 'image', loaded: true });
    for (let i = 2; i < 10; i++)
      expect(diag(layers, `img${i}`), `img${i}`).toEqual({ type: 'image', loaded: false, error: BUDGET_MESSAGE });
    // A small image after the big ones still fits and is drawn.
    expect(diag(layers, 'img10')).toEqual({ type: 'image', loaded: true });
    const { data, info } = await sharp(result.data).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    expect(at(15, 15)).toEqual([0x10, 0xb9, 0x81]);
    expect(at(85, 15)).toEqual([255, 255, 255]);
    expect(at(365, 15)).toEqual([255, 0, 0]);
    // 10 decoded would be ~960 MB more; two are ~190 MB.
    expect(process.memoryUsage().rss - before).toBeLessThan(600 * 1024 * 1024);
  });

  it('decides from the headers: images past the budget are never decoded', async () => {
    const decoded: string[] = [];
    const inner = createImageLoader();
    const loader: ImageLoader = Object.assign((src: string) => inner(src), {
      probe: async (src: string) => {
        const probed = await inner.probe(src);
        return {
          ...probed,
          decode: (): Promise<LoadedImage> => {
            decoded.push(src);
            return probed.decode();
          },
        };
      },
    });
    const srcs = Array.from({ length: 4 }, (_, i) => bigDataUrl(i));
    const result = await renderTemplate(template(srcs), {}, { format: 'png', loadImage: loader });
    expect(decoded).toEqual(srcs.slice(0, 2));
    expect(diag(result.diagnostics.layers, 'img3').error).toBe(BUDGET_MESSAGE);
  });

  it('applies to local files (the CLI) and takes a budget of the caller\u2019s choosing', async () => {
    const files = Array.from({ length: 3 }, (_, i) => {
      const path = join(dir, `big${i}.webp`);
      writeFileSync(path, bigWebp);
      return path;
    });
    const loadImage = createImageLoader({ allowFiles: true });
    const cli = await renderTemplate(template(files), {}, { format: 'png', loadImage });
    expect(Object.values(cli.diagnostics.layers).map((d) => (d as ImageDiag).loaded)).toEqual([true, true, false]);
    const tight = await renderTemplate(
      template(files),
      {},
      { format: 'png', loadImage, maxTotalImagePixels: 30_000_000 },
    );
    expect(diag(tight.diagnostics.layers, 'img1').error).toBe(
      'the images of this template exceed 30 megapixels in total',
    );
    expect(diag(tight.diagnostics.layers, 'img0').loaded).toBe(true);
  });
});
