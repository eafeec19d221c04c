// Encoder measurements behind the choices in docs/engine-node.md: each candidate path
// for PNG, JPEG and WebP on the benchmark card, median of N runs. Run with
// `node --import tsx/esm bench/encoders.ts`. It reports; it is not a test.
import { constants } from 'node:zlib';
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { layoutTemplate, paintScene } from '../src/index';
import { createImageLoader } from '../src/node/images';
import { nodeLayoutEnv } from '../src/node/layout-env';
import { encodePng } from './zlib-png';
import { cardTemplate, makeLogoDataUrl } from './card';

const RUNS = Number(process.env['RUNS'] ?? 30);

async function drawCard(): Promise<Canvas> {
  const parsed = parseTemplate(cardTemplate(makeLogoDataUrl()));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const doc = parsed.value;
  const logo = doc.layers.find((l) => l.type === 'image');
  const src = logo?.type === 'image' ? logo.src : '';
  const loaded = await createImageLoader()(src);
  const scene = layoutTemplate(doc, {}, { ...nodeLayoutEnv(), images: new Map([[src, loaded]]) });
  const canvas = createCanvas(1200, 630);
  paintScene(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, scene, new Map([[src, loaded.image]]));
  return canvas;
}

async function measure(name: string, run: () => Promise<Buffer> | Buffer): Promise<void> {
  for (let i = 0; i < 3; i++) await run();
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    bytes = (await run()).length;
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)] ?? 0;
  console.log(`${name.padEnd(44)} ${median.toFixed(1).padStart(7)} ms ${(bytes / 1024).toFixed(0).padStart(6)} KB`);
}

const canvas = await drawCard();
const ctx = canvas.getContext('2d');
const W = 1200;
const H = 630;
const straight = () => Buffer.from(ctx.getImageData(0, 0, W, H).data.buffer);
const raw = { raw: { width: W, height: H, channels: 4 as const } };
sharp.concurrency(1);

console.log(`1200×630 card, median of ${RUNS} (pixel read-back included where a path needs it)`);
await measure('pixels: ctx.getImageData', () => straight());
await measure('pixels: canvas.data() (premultiplied)', () => canvas.data());
await measure('png: canvas.encode', () => canvas.encode('png'));
await measure('png: sharp raw, level 1, no adaptive filter', () => sharp(straight(), raw).png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer());
await measure('png: sharp raw, level 3, no adaptive filter', () => sharp(straight(), raw).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer());
await measure('png: sharp raw, level 1, adaptive filter', () => sharp(straight(), raw).png({ compressionLevel: 1, adaptiveFiltering: true }).toBuffer());
for (const filter of [0, 1, 2] as const) {
  for (const level of [1, 2, 3]) {
    await measure(`png: zlib level ${level}, filter ${['none', 'sub', 'up'][filter]}`, () => encodePng(straight(), W, H, { level, filter }));
  }
  await measure(`png: zlib RLE, filter ${['none', 'sub', 'up'][filter]}`, () => encodePng(straight(), W, H, { filter, strategy: constants.Z_RLE }));
}
await measure('png: zlib level 1, up, RGB when opaque', () => encodePng(straight(), W, H, { level: 1, filter: 2, dropOpaqueAlpha: true }));
await measure('png: zlib RLE, up, RGB when opaque', () => encodePng(straight(), W, H, { filter: 2, strategy: constants.Z_RLE, dropOpaqueAlpha: true }));
await measure('jpeg q90: canvas.encode', () => canvas.encode('jpeg', 90));
await measure('jpeg q90: sharp raw', () => sharp(straight(), raw).jpeg({ quality: 90 }).toBuffer());
await measure('jpeg q90: sharp raw, mozjpeg', () => sharp(straight(), raw).jpeg({ quality: 90, mozjpeg: true }).toBuffer());
await measure('webp q90: canvas.encode', () => canvas.encode('webp', 90));
for (const effort of [0, 1, 2, 4]) {
  await measure(`webp q90: sharp raw, effort ${effort}`, () => sharp(straight(), raw).webp({ quality: 90, effort }).toBuffer());
}
await measure('avif q60: canvas.encode speed 10', () => canvas.encode('avif', { quality: 60, speed: 10 }));
await measure('avif q60: sharp raw, effort 0', () => sharp(straight(), raw).avif({ quality: 60, effort: 0 }).toBuffer());
