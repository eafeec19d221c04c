// Encoder measurements behind the choices in src/node/encode.ts and docs/engine-node.md:
// each candidate path for PNG, JPEG, WebP and AVIF on the painted benchmark card. The
// candidates run round-robin, so load from other processes spreads over all of them
// alike, and each is timed in wall time and in CPU time of the whole process (all
// threads): on a shared machine the CPU time is the steadier number. Run
// `node --expose-gc --import tsx/esm bench/encoders.ts` (RUNS=30 by default): with
// --expose-gc a collection runs before each candidate, so no candidate pays for the
// garbage of the one before. Not a test.
import { type Canvas, createCanvas } from '@napi-rs/canvas';
import { CompressionType, FilterType, Transformer } from '@napi-rs/image';
import { parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { layoutTemplate, paintScene } from '../src/index';
import { createImageLoader } from '../src/node/images';
import { nodeLayoutEnv } from '../src/node/layout-env';
import { isOpaque } from '../src/node/encode';
import { encodePng } from './band-png';
import { cardTemplate, makeLogoDataUrl } from './card';

const RUNS = Number(process.env['RUNS'] ?? 30);
const W = 1200;
const H = 630;

async function drawCard(): Promise<Canvas> {
  const parsed = parseTemplate(cardTemplate(makeLogoDataUrl()));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const doc = parsed.value;
  const logo = doc.layers.find((l) => l.type === 'image');
  const src = logo?.type === 'image' ? logo.src : '';
  const loaded = await createImageLoader()(src);
  const scene = layoutTemplate(doc, {}, { ...nodeLayoutEnv(), images: new Map([[src, loaded]]) });
  const canvas = createCanvas(W, H);
  paintScene(canvas.getContext('2d') as unknown as CanvasRenderingContext2D, scene, new Map([[src, loaded.image]]), {
    layerSurfaces: (w, h) => createCanvas(w, h),
  });
  return canvas;
}

const canvas = await drawCard();
const ctx = canvas.getContext('2d');
// Read back once so every candidate below times only its own work (Skia rasterizes lazily).
ctx.getImageData(0, 0, 1, 1);
const straight = () => {
  const d = ctx.getImageData(0, 0, W, H).data;
  return Buffer.from(d.buffer, d.byteOffset, d.byteLength);
};
// Skia's own buffer: premultiplied, which equals straight when every pixel is opaque.
const premultiplied = () => canvas.data();
const raw = { raw: { width: W, height: H, channels: 4 as const } };
const sharpRgb = () => {
  const px = straight();
  const image = sharp(px, raw);
  return isOpaque(px) ? image.removeAlpha() : image;
};

const candidates: Record<string, () => Promise<Buffer> | Buffer> = {
  'read pixels (getImageData)': () => straight(),
  'png  canvas.encode (Skia)': () => canvas.encode('png'),
  'read pixels (canvas.data)': () => premultiplied(),
  'png  sharp RGBA level 1': () =>
    sharp(straight(), raw).png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer(),
  'png  sharp RGBA level 3': () =>
    sharp(straight(), raw).png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer(),
  'png  sharp RGBA level 3 adaptive': () =>
    sharp(straight(), raw).png({ compressionLevel: 3, adaptiveFiltering: true }).toBuffer(),
  'png  sharp RGB level 1': () => sharpRgb().png({ compressionLevel: 1, adaptiveFiltering: false }).toBuffer(),
  'png  sharp RGB level 2': () => sharpRgb().png({ compressionLevel: 2, adaptiveFiltering: false }).toBuffer(),
  'png  sharp RGB level 3': () => sharpRgb().png({ compressionLevel: 3, adaptiveFiltering: false }).toBuffer(),
  'png  sharp RGB level 4 (chosen)': () => sharpRgb().png({ compressionLevel: 4, adaptiveFiltering: false }).toBuffer(),
  'png  sharp RGB level 6': () => sharpRgb().png({ compressionLevel: 6, adaptiveFiltering: false }).toBuffer(),
  'png  napi-rs/image default': () => Transformer.fromRgbaPixels(straight(), W, H).png(),
  'png  napi-rs/image fast': () =>
    Transformer.fromRgbaPixels(straight(), W, H).png({ compressionType: CompressionType.Fast }),
  'png  napi-rs/image fast sub': () =>
    Transformer.fromRgbaPixels(straight(), W, H).png({
      compressionType: CompressionType.Fast,
      filterType: FilterType.Sub,
    }),
  'png  napi-rs/image default adaptive': () =>
    Transformer.fromRgbaPixels(straight(), W, H).png({ filterType: FilterType.Adaptive }),
  'png  bands RGB level 1 ×2': () => encodePng(straight(), W, H, { level: 1, bands: 2 }),
  'png  bands RGB level 3 ×2': () => encodePng(straight(), W, H, { level: 3, bands: 2 }),
  'png  bands RGB level 4 ×1': () => encodePng(straight(), W, H, { level: 4, bands: 1 }),
  'png  bands RGB level 4 ×2': () => encodePng(straight(), W, H, { level: 4, bands: 2 }),
  'png  bands RGB level 4 ×3': () => encodePng(straight(), W, H, { level: 4, bands: 3 }),
  'png  bands RGB level 4 ×4': () => encodePng(straight(), W, H, { level: 4, bands: 4 }),
  'png  bands RGB level 5 ×2': () => encodePng(straight(), W, H, { level: 5, bands: 2 }),
  'png  bands RGB level 6 ×2': () => encodePng(straight(), W, H, { level: 6, bands: 2 }),
  'jpeg canvas.encode q90': () => canvas.encode('jpeg', 90),
  'jpeg sharp q90': () => sharpRgb().jpeg({ quality: 90 }).toBuffer(),
  'jpeg sharp q90 no Huffman optimisation (chosen)': () =>
    sharpRgb().jpeg({ quality: 90, optimiseCoding: false }).toBuffer(),
  'jpeg sharp q90 mozjpeg': () => sharpRgb().jpeg({ quality: 90, mozjpeg: true }).toBuffer(),
  'webp canvas.encode q90': () => canvas.encode('webp', 90),
  'webp sharp q90 effort 0': () => sharpRgb().webp({ quality: 90, effort: 0 }).toBuffer(),
  'webp sharp q90 effort 2 (chosen)': () => sharpRgb().webp({ quality: 90, effort: 2 }).toBuffer(),
  'webp sharp q90 effort 4': () => sharpRgb().webp({ quality: 90, effort: 4 }).toBuffer(),
  'avif canvas.encode q70 speed 10 (chosen)': () => canvas.encode('avif', { quality: 70, speed: 10 }),
  'avif sharp q70 effort 0': () => sharpRgb().avif({ quality: 70, effort: 0 }).toBuffer(),
};

const gc = (globalThis as { gc?: () => void }).gc;
const wall: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
const sizes: Record<string, number> = {};
for (let round = 0; round < RUNS + 3; round++) {
  for (const [name, run] of Object.entries(candidates)) {
    gc?.();
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const out = await run();
    const used = process.cpuUsage(startCpu);
    const elapsed = performance.now() - start;
    sizes[name] = out.length;
    // The first three rounds warm caches and JIT.
    if (round >= 3) {
      wall[name] = [...(wall[name] ?? []), elapsed];
      cpu[name] = [...(cpu[name] ?? []), (used.user + used.system) / 1000];
    }
  }
}

const median = (list: number[] = []) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
console.log(
  `1200×630 card, medians of ${RUNS} round-robin runs${gc ? '' : ' (run with --expose-gc for steadier numbers)'}`,
);
console.log(
  `${'path (pixel read-back included where needed)'.padEnd(44)} ${'wall'.padStart(8)} ${'cpu'.padStart(8)} ${'size'.padStart(8)}`,
);
for (const name of Object.keys(wall)) {
  const kb = `${((sizes[name] ?? 0) / 1024).toFixed(0)} KB`;
  console.log(
    `${name.padEnd(44)} ${`${median(wall[name]).toFixed(1)} ms`.padStart(8)} ${`${median(cpu[name]).toFixed(1)} ms`.padStart(8)} ${kb.padStart(8)}`,
  );
}
