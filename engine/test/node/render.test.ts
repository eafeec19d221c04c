import { type TemplateDocument, type TemplateDocumentInput, parseTemplate } from '@layercast/shared';
import { type SKRSContext2D, createCanvas } from '@napi-rs/canvas';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { layoutTemplate, paintScene } from '../../src/index';
import { encodeCanvas, isOpaque } from '../../src/node/encode';
import { createImageLoader } from '../../src/node/images';
import { nodeLayoutEnv } from '../../src/node/layout-env';
import { RenderOptionsError, fillIsOpaque, renderTemplate } from '../../src/node/render';

function template(input: Omit<TemplateDocumentInput, 'version'>): TemplateDocument {
  const parsed = parseTemplate({ version: 2, ...input });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

const card = template({
  canvas: { width: 320, height: 180, background: 'linear-gradient(135deg, #667eea, #764ba2)' },
  layers: [
    {
      name: 'panel',
      type: 'rect',
      x: 16,
      y: 16,
      width: 288,
      height: 148,
      fill: 'rgba(255,255,255,0.2)',
      cornerRadius: 12,
    },
    {
      name: 'title',
      type: 'text',
      x: 32,
      y: 32,
      width: 256,
      height: 80,
      text: 'Hello from Layercast',
      fontSize: 28,
      fontWeight: 700,
      color: '#fff',
    },
  ],
});

async function straightPixels(png: Buffer): Promise<Buffer> {
  return sharp(png).ensureAlpha().raw().toBuffer();
}

describe('encoders', () => {
  it('writes each format with its magic bytes and the template size', async () => {
    const magic: Record<string, (b: Buffer) => boolean> = {
      png: (b) => b.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex')),
      jpeg: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
      webp: (b) => b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
      avif: (b) => b.toString('latin1', 4, 12) === 'ftypavif',
      svg: (b) => b.toString('utf8', 0, 200).includes('<svg'),
      pdf: (b) => b.toString('latin1', 0, 5) === '%PDF-',
    };
    for (const format of ['png', 'jpeg', 'webp', 'avif', 'svg'] as const) {
      const result = await renderTemplate(card, {}, { format });
      expect(magic[format]?.(result.data), format).toBe(true);
      const meta = await sharp(result.data).metadata();
      expect([meta.width, meta.height, result.width, result.height], format).toEqual([320, 180, 320, 180]);
    }
    const pdf = await renderTemplate(card, {}, { format: 'pdf' });
    expect(pdf.mime).toBe('application/pdf');
    expect(magic['pdf']?.(pdf.data)).toBe(true);
    const pdfText = pdf.data.toString('latin1');
    expect(pdfText).toMatch(/\/MediaBox \[0 0 320 180\]/);
    // Text stays text, in the shipped font, embedded so any viewer shows the same glyphs.
    expect(pdfText).toMatch(/\/FontName \/[A-Z]{6}\+Inter-Bold/);
    expect(pdfText).toContain('/FontFile2');
  });

  it('says beside an SVG what SVG output leaves out (colour emoji, shadow blur), and nothing for other formats', async () => {
    const doc = template({
      canvas: { width: 400, height: 200 },
      layers: [
        { name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 80, text: 'Ship it 🚀', fontSize: 40 },
        { name: 'plain', type: 'text', x: 10, y: 100, width: 380, height: 40, text: 'No emoji', fontSize: 20 },
        {
          name: 'card',
          type: 'rect',
          x: 40,
          y: 140,
          width: 120,
          height: 40,
          shadow: { color: '#000', blur: 12, offsetX: 0, offsetY: 4 },
        },
      ],
    });
    const svg = await renderTemplate(doc, {}, { format: 'svg' });
    expect(svg.diagnostics.warnings).toEqual([
      'svg: colour emoji are not drawn in SVG output (title); use png, webp or pdf',
      'svg: shadows are drawn without blur in SVG output (card); use png, webp or pdf',
    ]);
    const png = await renderTemplate(doc, {}, { format: 'png' });
    expect(png.diagnostics).not.toHaveProperty('warnings');
  });

  it('scale 2 doubles the output dimensions and draws the same picture', async () => {
    const one = await renderTemplate(card, {}, { format: 'png' });
    const two = await renderTemplate(card, {}, { format: 'png', scale: 2 });
    expect([two.width, two.height]).toEqual([640, 360]);
    const meta = await sharp(two.data).metadata();
    expect([meta.width, meta.height]).toEqual([640, 360]);
    // Downscaled back, the 2× render matches the 1× render closely (antialiasing aside).
    const a = await sharp(one.data).removeAlpha().raw().toBuffer();
    const b = await sharp(two.data).resize(320, 180, { kernel: 'linear' }).removeAlpha().raw().toBuffer();
    let diff = 0;
    for (let i = 0; i < a.length; i++) diff += Math.abs((a[i] as number) - (b[i] as number));
    expect(diff / a.length).toBeLessThan(3);
  });

  it('the fast PNG decodes to exactly the canvas pixels, opaque or translucent', async () => {
    const canvas = createCanvas(200, 120);
    const ctx = canvas.getContext('2d');
    // Translucent: straight alpha must survive Skia's premultiplied storage.
    ctx.fillStyle = 'rgba(200, 40, 90, 0.35)';
    ctx.fillRect(10, 10, 120, 60);
    ctx.fillStyle = 'rgba(20, 180, 90, 0.8)';
    ctx.beginPath();
    ctx.arc(120, 70, 40, 0, Math.PI * 2);
    ctx.fill();
    const translucent = Buffer.from(ctx.getImageData(0, 0, 200, 120).data);
    const png = await encodeCanvas(canvas, 'png');
    expect((await sharp(png).metadata()).channels).toBe(4);
    expect((await straightPixels(png)).equals(translucent)).toBe(true);

    // Opaque: written as RGB, decodes to the same RGBA.
    ctx.fillStyle = '#fafafa';
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillRect(0, 0, 200, 120);
    const opaque = Buffer.from(ctx.getImageData(0, 0, 200, 120).data);
    const rgb = await encodeCanvas(canvas, 'png');
    expect((await sharp(rgb).metadata()).channels).toBe(3);
    expect((await straightPixels(rgb)).equals(opaque)).toBe(true);
  });

  it('the fast PNG is exact at odd sizes, fully transparent or with a few translucent pixels', async () => {
    const cases: [number, number, (ctx: SKRSContext2D, w: number, h: number) => void][] = [
      // Nothing drawn: every pixel transparent black.
      [1, 1, () => {}],
      [37, 301, () => {}],
      // Opaque except one translucent pixel in the last row: must stay RGBA.
      [
        1201,
        3,
        (ctx, w, h) => {
          ctx.fillStyle = '#123456';
          ctx.fillRect(0, 0, w, h);
          ctx.clearRect(w - 1, h - 1, 1, 1);
          ctx.fillStyle = 'rgba(255, 128, 0, 0.5)';
          ctx.fillRect(w - 1, h - 1, 1, 1);
        },
      ],
      // An odd-width gradient with soft edges: every alpha value from 0 to 255.
      [
        333,
        77,
        (ctx, w, h) => {
          const gradient = ctx.createLinearGradient(0, 0, w, h);
          gradient.addColorStop(0, 'rgba(0, 0, 255, 0)');
          gradient.addColorStop(1, 'rgba(255, 0, 0, 1)');
          ctx.fillStyle = gradient;
          ctx.fillRect(0, 0, w, h);
        },
      ],
    ];
    for (const [width, height, draw] of cases) {
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      draw(ctx, width, height);
      const expected = Buffer.from(ctx.getImageData(0, 0, width, height).data);
      const png = await encodeCanvas(canvas, 'png');
      const meta = await sharp(png).metadata();
      expect([meta.width, meta.height, meta.channels], `${width}×${height}`).toEqual([width, height, 4]);
      expect((await straightPixels(png)).equals(expected), `${width}×${height}`).toBe(true);
      // A second, independent decoder (pngjs, on node's zlib) reads the same pixels.
      expect(Buffer.from(PNG.sync.read(png).data).equals(expected), `${width}×${height} (pngjs)`).toBe(true);
    }
  });

  it('a render on a kept canvas shows nothing of the render before it', async () => {
    // A size no other test renders, so the first render below gets a new canvas.
    const size = { width: 123, height: 77 };
    const loud = template({
      canvas: { ...size, background: '#ff0000' },
      layers: [
        {
          name: 'title',
          type: 'text',
          x: 4,
          y: 4,
          width: 115,
          height: 60,
          text: 'Loud',
          fontSize: 40,
          fontWeight: 700,
          color: '#00ff00',
          rotation: 12,
          // Translucent with a shadow: painted on a scratch surface, which is kept too.
          opacity: 0.5,
          shadow: { color: '#000', blur: 6, offsetX: 2, offsetY: 3 },
        },
      ],
    });
    const quiet = template({
      canvas: { ...size, background: 'transparent' },
      layers: [
        { name: 'dot', type: 'rect', x: 50, y: 30, width: 20, height: 12, fill: 'rgba(0, 0, 255, 0.4)' },
        {
          name: 'soft',
          type: 'rect',
          x: 90,
          y: 50,
          width: 20,
          height: 12,
          fill: '#ffffff',
          opacity: 0.6,
          shadow: { color: '#000', blur: 4, offsetX: 0, offsetY: 2 },
        },
      ],
    });
    const first = await straightPixels((await renderTemplate(quiet, {}, { format: 'png' })).data);
    await renderTemplate(loud, {}, { format: 'png' });
    await renderTemplate(loud, {}, { format: 'jpeg' });
    const after = await straightPixels((await renderTemplate(quiet, {}, { format: 'png' })).data);
    expect(after.equals(first)).toBe(true);
    // Still transparent where nothing is drawn, and the dot where it was.
    expect(after[3]).toBe(0);
    expect(after[(35 * 123 + 60) * 4 + 3]).toBe(102);
  });

  it('knows a card on an opaque background is opaque without scanning it, and the pixels agree', async () => {
    const logo = createCanvas(40, 40);
    const l = logo.getContext('2d');
    l.fillStyle = 'rgba(220, 38, 38, 0.5)';
    l.fillRect(0, 0, 40, 40);
    const src = `data:image/png;base64,${logo.toBuffer('image/png').toString('base64')}`;
    const layers: TemplateDocumentInput['layers'] = [
      ...card.layers,
      { name: 'logo', type: 'image', x: 250, y: 110, width: 50, height: 50, src, borderRadius: 25, opacity: 0.6 },
      {
        name: 'shadowed',
        type: 'text',
        x: 32,
        y: 120,
        width: 200,
        height: 40,
        text: 'Shadow',
        fontSize: 24,
        color: 'rgba(255,255,255,0.3)',
        shadow: { color: 'rgba(0,0,0,0.5)', blur: 6, offsetX: 2, offsetY: 2 },
      },
    ];
    const backgrounds = [
      { background: '#0f172a', opaque: true },
      { background: 'linear-gradient(135deg, #667eea, #764ba2)', opaque: true },
      { background: 'radial-gradient(circle, #fde68a, #f97316)', opaque: true },
      { background: 'linear-gradient(135deg, #667eea, rgba(118, 75, 162, 0.5))', opaque: false },
      { background: 'transparent', opaque: false },
    ];
    for (const { background, opaque } of backgrounds) {
      const doc = template({ canvas: { width: 320, height: 180, background }, layers });
      // Painted as renderTemplate paints it, at a scale that leaves no edge on a whole pixel.
      const scale = 0.37;
      const [width, height] = [Math.round(320 * scale), Math.round(180 * scale)];
      const images = createImageLoader();
      const loaded = await images(src);
      const scene = layoutTemplate(doc, {}, { ...nodeLayoutEnv(), images: new Map([[src, loaded]]) });
      expect(fillIsOpaque(scene.background), background).toBe(opaque);
      const canvas = createCanvas(width, height);
      const ctx = canvas.getContext('2d');
      ctx.scale(width / 320, height / 180);
      paintScene(ctx as unknown as CanvasRenderingContext2D, scene, new Map([[src, loaded.image]]), {
        layerSurfaces: (w, h) => createCanvas(w, h),
      });
      const pixels = new Uint8Array(ctx.getImageData(0, 0, width, height).data.buffer);
      if (opaque) expect(isOpaque(pixels), background).toBe(true);
      const png = await renderTemplate(doc, {}, { format: 'png', scale });
      expect((await sharp(png.data).metadata()).channels, background).toBe(opaque ? 3 : 4);
    }
  });

  it('is far smaller than raw pixels and keeps JPEG quality meaningful', async () => {
    const png = await renderTemplate(card, {}, { format: 'png' });
    expect(png.data.length).toBeLessThan((320 * 180 * 4) / 2);
    const low = await renderTemplate(card, {}, { format: 'jpeg', quality: 20 });
    const high = await renderTemplate(card, {}, { format: 'jpeg', quality: 95 });
    expect(low.data.length).toBeLessThan(high.data.length);
  });
});

describe('renderTemplate', () => {
  it('applies overrides and variables', async () => {
    const doc = template({
      canvas: { width: 200, height: 100, background: '#ffffff' },
      layers: [
        { name: 'box', type: 'rect', x: 0, y: 0, width: 100, height: 100, fill: '#ff0000' },
        { name: 'label', type: 'text', x: 0, y: 0, width: 200, height: 100, text: 'Hi {{who}}', fontSize: 20 },
      ],
      variables: [{ name: 'who', default: 'there' }],
    });
    const result = await renderTemplate(doc, {
      layers: { box: { fill: '#0000ff' } },
      variables: { who: 'a much longer name' },
    });
    const px = await sharp(result.data).raw().toBuffer();
    const at = (x: number, y: number) => [...px.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3)];
    expect(at(50, 90)).toEqual([0, 0, 255]);
    expect(at(150, 90)).toEqual([255, 255, 255]);
    const label = result.diagnostics.layers['label'];
    expect(label?.type === 'text' && label.lines).toBe(2);
  });

  it('draws Korean, Japanese, Chinese and colour emoji text', async () => {
    const doc = template({
      canvas: { width: 600, height: 120, background: '#ffffff' },
      layers: [
        {
          name: 't',
          type: 'text',
          x: 10,
          y: 10,
          width: 580,
          height: 100,
          text: '한국어 日本語 中文 😀',
          fontSize: 48,
          color: '#000000',
        },
      ],
    });
    const result = await renderTemplate(doc);
    expect(result.diagnostics.missingGlyphs).toEqual([]);
    const px = await sharp(result.data).raw().toBuffer();
    let ink = 0;
    let colour = 0;
    for (let i = 0; i < px.length; i += 3) {
      const [r, g, b] = [px[i] as number, px[i + 1] as number, px[i + 2] as number];
      if (r < 128 && g < 128 && b < 128) ink++;
      // The emoji's yellow face: the only saturated pixels on a black-on-white card.
      if (r > 200 && g > 150 && b < 100) colour++;
    }
    expect(ink).toBeGreaterThan(2000);
    expect(colour).toBeGreaterThan(300);
  });

  it('leaves a failed image empty, reports why, and still renders', async () => {
    const doc = template({
      canvas: { width: 100, height: 100, background: '#ffffff' },
      layers: [
        { name: 'logo', type: 'image', x: 0, y: 0, width: 100, height: 100, src: 'https://example.com/logo.png' },
      ],
    });
    const result = await renderTemplate(doc);
    expect(result.diagnostics.layers['logo']).toEqual({
      type: 'image',
      loaded: false,
      error: 'remote images are not allowed here',
    });
    const px = await sharp(result.data).raw().toBuffer();
    expect(px.every((v) => v === 255)).toBe(true);
  });

  it('shows transparency on white in JPEG', async () => {
    const doc = template({ canvas: { width: 64, height: 64, background: 'transparent' }, layers: [] });
    const png = await renderTemplate(doc, {}, { format: 'png' });
    expect((await sharp(png.data).raw().toBuffer())[3]).toBe(0);
    const jpeg = await renderTemplate(doc, {}, { format: 'jpeg' });
    const px = await sharp(jpeg.data).raw().toBuffer();
    expect(Math.min(...px)).toBeGreaterThan(250);
  });

  it('refuses options out of range, naming the option', async () => {
    await expect(renderTemplate(card, {}, { scale: 5 })).rejects.toThrow(
      new RenderOptionsError('scale: expected a number from 0.05 to 4'),
    );
    await expect(renderTemplate(card, {}, { scale: 0.01 })).rejects.toThrow(
      new RenderOptionsError('scale: expected a number from 0.05 to 4'),
    );
    const small = await renderTemplate(card, {}, { scale: 0.5 });
    expect([small.width, small.height]).toEqual([160, 90]);
    await expect(renderTemplate(card, {}, { quality: 0 })).rejects.toThrow(
      /^quality: expected a whole number from 1 to 100$/,
    );
    const big = template({ canvas: { width: 4096, height: 4096 }, layers: [] });
    await expect(renderTemplate(big, {}, { scale: 2 })).rejects.toThrow(/^scale: the output would be 8192×8192 pixels/);
  });
});
