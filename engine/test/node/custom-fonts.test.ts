// Custom fonts: a file is read with a real parser before anything uses it, a layer naming
// its family draws with it, and a render given another owner's faces (or none) does not.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type TemplateDocument, parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { type CustomFontFace, withCustomFonts } from '../../src/custom-fonts';
import { FontFileError, type NodeCustomFontFace, describeFont, withDeclaredWeight } from '../../src/node/custom-fonts';
import { nodeLayoutEnv } from '../../src/node/layout-env';
import { renderTemplate } from '../../src/node/render';

const require = createRequire(import.meta.url);
const pacificoTtf = readFileSync(require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'));
const fontsource = (ext: string) =>
  readFileSync(require.resolve(`@fontsource/pacifico/files/pacifico-latin-400-normal.${ext}`));
const interBold = readFileSync(require.resolve('@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf'));

function face(bytes: Buffer, registeredAs: string, family = 'Brand', key = registeredAs): NodeCustomFontFace {
  const d = describeFont(bytes);
  return {
    family,
    registeredAs,
    weight: d.weight,
    style: d.style,
    metrics: d.metrics,
    coverage: d.coverage,
    key,
    bytes,
  };
}

function card(fontFamily: string, text = 'Hello Brand'): TemplateDocument {
  const parsed = parseTemplate({
    version: 3,
    canvas: { width: 400, height: 120, background: '#ffffff' },
    layers: [{ name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 100, text, fontFamily, fontSize: 48 }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

async function pixels(png: Buffer): Promise<Buffer> {
  return sharp(png).raw().toBuffer();
}

/** Share of pixels that differ by more than 8/255 in any channel. */
function differingShare(a: Buffer, b: Buffer): number {
  let differing = 0;
  for (let i = 0; i < a.length; i += 3) {
    if (Math.max(Math.abs(a[i]! - b[i]!), Math.abs(a[i + 1]! - b[i + 1]!), Math.abs(a[i + 2]! - b[i + 2]!)) > 8)
      differing++;
  }
  return differing / (a.length / 3);
}

describe('reading a font file', () => {
  it('describes TTF, WOFF and WOFF2 files from their own tables', () => {
    for (const [bytes, format] of [
      [pacificoTtf, 'ttf'],
      [fontsource('woff'), 'woff'],
      [fontsource('woff2'), 'woff2'],
    ] as const) {
      const d = describeFont(bytes);
      expect(d).toMatchObject({ family: 'Pacifico', weight: 400, style: 'normal', format });
      expect(d.metrics.ascent).toBeCloseTo(1.303, 3);
      expect(d.coverage.some(([a, b]) => a <= 0x41 && 0x41 <= b)).toBe(true);
    }
    expect(describeFont(interBold)).toMatchObject({ family: 'Inter', weight: 700, style: 'normal' });
  });

  it('refuses what is not a usable font, saying why', () => {
    const reason = (bytes: Uint8Array) => {
      try {
        describeFont(bytes);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(FontFileError);
        return (error as Error).message;
      }
    };
    expect(reason(Buffer.from('<html><body>not a font</body></html>'))).toMatch(/^not a font file/);
    expect(reason(Buffer.concat([Buffer.from('ttcf'), Buffer.alloc(64)]))).toMatch(/collections/);
    // A real header whose tables are cut off.
    expect(reason(pacificoTtf.subarray(0, 400))).toMatch(/could not be read|missing or damaged|damaged/);
    // Table directory intact, the glyph data zeroed.
    const broken = Buffer.from(pacificoTtf);
    broken.fill(0xff, Math.floor(broken.length / 2));
    expect(reason(broken)).not.toBe('accepted');
    expect(reason(Buffer.alloc(10 * 1024 * 1024 + 1))).toMatch(/larger than 10 MB/);
  });

  it('records another weight in a TTF, and only in an uncompressed file', () => {
    expect(describeFont(withDeclaredWeight(pacificoTtf, 700)).weight).toBe(700);
    expect(() => withDeclaredWeight(fontsource('woff2'), 700)).toThrow(FontFileError);
  });
});

describe('rendering with custom fonts', () => {
  it('draws a layer naming the family with that font, and reports no fallback', async () => {
    const brand = face(pacificoTtf, 'Layercast custom test-a');
    const withFont = await renderTemplate(card('Brand'), {}, { fonts: [brand] });
    const without = await renderTemplate(card('Brand'), {});
    const inter = await renderTemplate(card('Inter'), {});
    expect(withFont.diagnostics.layers.title).not.toHaveProperty('fontFallback');
    expect(without.diagnostics.layers.title).toMatchObject({
      fontFallback: expect.stringMatching(/"Brand" is not available/),
    });
    // Without the font the layer is Inter; with it, a script face that differs from Inter.
    expect(differingShare(await pixels(without.data), await pixels(inter.data))).toBe(0);
    expect(differingShare(await pixels(withFont.data), await pixels(inter.data))).toBeGreaterThan(0.02);
  });

  it('keeps two owners of the same family name apart in one process', async () => {
    const a = face(pacificoTtf, 'Layercast custom owner-a');
    const b = face(interBold, 'Layercast custom owner-b');
    const renderedA = await pixels((await renderTemplate(card('Brand'), {}, { fonts: [a] })).data);
    const renderedB = await pixels((await renderTemplate(card('Brand'), {}, { fonts: [b] })).data);
    const boldInter = parseTemplate({
      version: 3,
      canvas: { width: 400, height: 120, background: '#ffffff' },
      layers: [
        {
          name: 'title',
          type: 'text',
          x: 10,
          y: 10,
          width: 380,
          height: 100,
          text: 'Hello Brand',
          fontFamily: 'Inter',
          fontWeight: 'bold',
          fontSize: 48,
        },
      ],
    });
    if (!boldInter.ok) throw new Error('template');
    const reference = await pixels((await renderTemplate(boldInter.value, {})).data);
    expect(differingShare(renderedB, reference)).toBe(0);
    expect(differingShare(renderedA, renderedB)).toBeGreaterThan(0.02);
    // A's font is still registered, but B's render named only B's faces: A's render again is A.
    expect(
      differingShare(await pixels((await renderTemplate(card('Brand'), {}, { fonts: [a] })).data), renderedA),
    ).toBe(0);
  });

  it('draws the same from the TTF and from the WOFF2 of the same face', async () => {
    const ttf = await renderTemplate(
      card('Brand', 'Hello'),
      {},
      { fonts: [face(pacificoTtf, 'Layercast custom ttf')] },
    );
    const woff2 = await renderTemplate(
      card('Brand', 'Hello'),
      {},
      {
        fonts: [face(fontsource('woff2'), 'Layercast custom woff2')],
      },
    );
    expect(differingShare(await pixels(ttf.data), await pixels(woff2.data))).toBeLessThan(0.005);
  });
});

describe('the layout environment with custom families', () => {
  const base = nodeLayoutEnv();
  const brand: CustomFontFace = {
    family: 'Brand',
    registeredAs: 'Layercast custom x',
    weight: 400,
    style: 'normal',
    metrics: { ascent: 1.1, descent: 0.3 },
    coverage: [[0x0d80, 0x0dff]], // Sinhala, which no shipped family has
  };
  const env = withCustomFonts(base, [brand]);

  it('puts custom families after the layer family and before the shipped chain', () => {
    expect(env.fontStack('brand').startsWith('"Layercast custom x", "Layercast Inter", "Layercast Noto Sans"')).toBe(
      true,
    );
    expect(env.fontStack('Inter').startsWith('"Layercast Inter", "Layercast custom x", "Layercast Noto Sans"')).toBe(
      true,
    );
    expect(env.hasFamily('BRAND')).toBe(true);
    expect(env.metrics('Brand')).toEqual({ ascent: 1.1, descent: 0.3 });
    expect(env.metrics('Inter')).toEqual(base.metrics('Inter'));
  });

  it('counts what a custom family covers as drawable', () => {
    expect(base.hasGlyph?.(0x0d85)).toBe(false);
    expect(env.hasGlyph?.(0x0d85)).toBe(true);
    expect(env.hasGlyph?.(0x41)).toBe(true);
    expect(env.hasGlyph?.(0x10000)).toBe(false);
  });
});
