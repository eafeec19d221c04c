// Untrusted SVG: every hostile file fails only its own layer, with a reason, while the
// other layers draw; nothing outside the bytes is read; no file keeps a render busy.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type TemplateDocument, parseTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_SVG_WORK } from '../../src/svg';
import { createImageLoader } from '../../src/node/images';
import { renderTemplate } from '../../src/node/render';

const dir = mkdtempSync(join(tmpdir(), 'layercast-svg-hostile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"';
const svgUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
const LOGO = readFileSync(join(import.meta.dirname, '../fixtures/svg/logo.svg'), 'utf8');

// A red PNG and a stylesheet on the disk, which the hostile files below point at.
const redPng = join(dir, 'red.png');
writeFileSync(
  redPng,
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
    'base64',
  ),
);
const blueCss = join(dir, 'blue.css');
writeFileSync(blueCss, 'rect { fill: #0000ff !important; }');

const lol = (n: number) => `&lol${n - 1};`.repeat(10);
const billionLaughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${lol(i + 1)}">`,
).join('')}]><svg ${NS} width="10" height="10"><text>&lol9;</text></svg>`;
const useBomb = (levels: number) =>
  `<svg ${NS} width="10" height="10"><g id="a0"><rect width="10" height="10"/></g>${Array.from(
    { length: levels },
    (_, i) => `<g id="a${i + 1}">${`<use xlink:href="#a${i}"/>`.repeat(10)}</g>`,
  ).join('')}</svg>`;

/** Each hostile file and the reason its layer must report. */
const HOSTILE: Record<string, { svg: string; error: RegExp }> = {
  billionLaughs: { svg: billionLaughs, error: /declares XML entities/ },
  quadraticEntity: {
    svg: `<!DOCTYPE svg [<!ENTITY b "${'x'.repeat(50_000)}">]><svg ${NS} width="4" height="4"><desc>${'&b;'.repeat(15)}</desc></svg>`,
    error: /declares XML entities/,
  },
  externalEntity: {
    svg: `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${NS} width="4" height="4"><text>&x;</text></svg>`,
    error: /declares XML entities/,
  },
  deepNesting: {
    svg: `<svg ${NS} width="10" height="10">${'<g>'.repeat(300)}<rect width="10" height="10"/>${'</g>'.repeat(300)}</svg>`,
    error: /nests elements more than 256 deep/,
  },
  tooManyElements: {
    svg: `<svg ${NS} width="10" height="10">${'<rect width="1" height="1"/>'.repeat(20_001)}</svg>`,
    error: /more than 20000 elements/,
  },
  tooLarge: {
    svg: `<svg ${NS} width="10" height="10"><desc>${'x'.repeat(1_000_001)}</desc></svg>`,
    error: /larger than 1 MB/,
  },
  hugeViewBox: {
    svg: `<svg ${NS} viewBox="0 0 1000000000 1000000000"><rect width="1000000000" height="1000000000" fill="red"/></svg>`,
    error: /each side may be at most 16384/,
  },
  noSize: { svg: `<svg ${NS} width="0" height="0"/>`, error: /could not read the SVG|no size/ },
  httpImage: {
    svg: `<svg ${NS} width="10" height="10"><image href="http://169.254.169.254/latest/meta-data" width="10" height="10"/></svg>`,
    error: /refers to an external resource/,
  },
  absoluteFileImage: {
    svg: `<svg ${NS} width="10" height="10"><image href="${redPng}" width="10" height="10"/></svg>`,
    error: /refers to an external resource/,
  },
  fileUrlImage: {
    svg: `<svg ${NS} width="10" height="10"><image xlink:href='${pathToFileURL(redPng)}' width="10" height="10"/></svg>`,
    error: /refers to an external resource/,
  },
  externalUse: {
    svg: `<svg ${NS} width="10" height="10"><use href="https://example.com/sprite.svg#icon"/></svg>`,
    error: /refers to an external resource/,
  },
  nestedSvgImage: {
    svg: `<svg ${NS} width="10" height="10"><image href="${svgUrl(billionLaughs)}" width="10" height="10"/></svg>`,
    error: /embeds another SVG/,
  },
  filter: {
    svg: `<svg ${NS} width="100" height="100"><filter id="b" x="-5" y="-5" width="11" height="11"><feGaussianBlur stdDeviation="30"/></filter><rect width="100" height="100" filter="url(#b)"/></svg>`,
    error: /uses filters/,
  },
  cssFilterFunction: {
    svg: `<svg ${NS} width="100" height="100"><rect width="100" height="100" style="filter: blur(40px)"/></svg>`,
    error: /uses filters/,
  },
  useBomb: { svg: useBomb(6), error: /nodes limit|once its <use> references are expanded/ },
  brokenXml: { svg: `<svg ${NS} width="10" height="10"><g></svg>`, error: /^could not read the SVG/ },
  notSvgXml: { svg: '<?xml version="1.0"?><html><body/></html>', error: /unsupported image type XML/ },
};

function template(layers: unknown[]): TemplateDocument {
  const parsed = parseTemplate({ version: 3, canvas: { width: 400, height: 200, background: '#ffffff' }, layers });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.value;
}

async function pixelAt(png: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * 4;
  return [...data.subarray(i, i + 4)];
}

/** Serves the hostile files as remote images (a data: URL source is capped at 1 M characters). */
const remote = createImageLoader({
  fetchBytes: async (url) => Buffer.from(HOSTILE[url.slice('https://files.test/'.length)]?.svg ?? ''),
});

describe('hostile SVG images', () => {
  it('fail only their own layer, each with its reason, while the other layers draw', async () => {
    const doc = template([
      { type: 'rect', name: 'panel', x: 0, y: 0, width: 100, height: 100, fill: '#22c55e' },
      ...Object.keys(HOSTILE).map((name) => ({
        type: 'image',
        name,
        x: 0,
        y: 100,
        width: 400,
        height: 100,
        src: `https://files.test/${name}`,
      })),
      { type: 'image', name: 'logo', x: 200, y: 0, width: 120, height: 40, src: svgUrl(LOGO) },
    ]);
    const started = performance.now();
    const result = await renderTemplate(doc, {}, { loadImage: remote, scale: 2 });
    const ms = performance.now() - started;
    writeFileSync(join(dir, 'hostile.png'), result.data);
    for (const [name, { error }] of Object.entries(HOSTILE)) {
      const diagnostic = result.diagnostics.layers[name];
      expect({ name, loaded: diagnostic?.type === 'image' && diagnostic.loaded }).toEqual({ name, loaded: false });
      expect(diagnostic?.type === 'image' ? diagnostic.error : '', name).toMatch(error);
    }
    expect(result.diagnostics.layers.logo).toEqual({ type: 'image', loaded: true });
    expect(await pixelAt(result.data, 50, 50)).toEqual([34, 197, 94, 255]); // the rect
    expect(await pixelAt(result.data, 416, 40)).toEqual([220, 38, 38, 255]); // the logo's red square
    expect(await pixelAt(result.data, 400, 300)).toEqual([255, 255, 255, 255]); // the hostile layers: empty
    expect(ms).toBeLessThan(10_000);
  });

  it('never loads an @import, and draws text without any font (it is left out)', async () => {
    const css = `<svg ${NS} width="10" height="10"><style>@import url("${pathToFileURL(blueCss)}"); @import "${blueCss}";</style><rect width="10" height="10" fill="#ff0000"/><text x="0" y="9" font-size="40">WWW</text></svg>`;
    const doc = template([{ type: 'image', name: 'styled', x: 0, y: 0, width: 100, height: 100, src: svgUrl(css) }]);
    const result = await renderTemplate(doc, {}, { loadImage: createImageLoader() });
    expect(result.diagnostics.layers.styled).toEqual({ type: 'image', loaded: true });
    expect(await pixelAt(result.data, 50, 50)).toEqual([255, 0, 0, 255]);
  });

  it('keeps a costly SVG bounded: 5,000 full-size shapes drawn at a card × 4 take about a second at most', async () => {
    const heavy = `<svg ${NS} width="100" height="100">${'<rect width="100" height="100" fill="#3b82f6" fill-opacity="0.5"/>'.repeat(5_000)}</svg>`;
    const doc = template([{ type: 'image', name: 'heavy', x: 0, y: 0, width: 400, height: 200, src: svgUrl(heavy) }]);
    const started = performance.now();
    const result = await renderTemplate(doc, {}, { loadImage: createImageLoader(), scale: 4 });
    const ms = performance.now() - started;
    expect(result.diagnostics.layers.heavy).toEqual({ type: 'image', loaded: true });
    // Work capped at MAX_SVG_WORK element-pixels: 5,000 elements get a 100,000-pixel raster.
    expect(MAX_SVG_WORK / 5_000).toBe(100_000);
    expect(ms).toBeLessThan(5_000);
    const [r, g, b] = await pixelAt(result.data, 800, 400);
    // 5,000 layers of half-transparent blue: blue, within rounding.
    expect([r, g, b].every((v, i) => Math.abs((v ?? -9) - ([59, 130, 246][i] ?? 0)) <= 2)).toBe(true);
  });

  // Why the scan refuses what it refuses: resvg alone would accept these.
  describe('what resvg does without the scan', () => {
    const firstPixel = (svg: string) => [
      ...new Resvg(svg, { font: { loadSystemFonts: false } }).render().pixels.subarray(0, 4),
    ];

    it('expands internal DTD entities (only a loop of them is refused), so entities are refused up front', () => {
      const entity = `<!DOCTYPE svg [<!ENTITY r "<rect width='4' height='4' fill='#ff0000'/>">]><svg ${NS} width="4" height="4">&r;</svg>`;
      expect(firstPixel(entity)).toEqual([255, 0, 0, 255]);
      expect(() => firstPixel(billionLaughs)).toThrow(/entity reference loop/);
      const quadratic = HOSTILE.quadraticEntity?.svg ?? '';
      expect(() => firstPixel(quadratic)).not.toThrow();
    });

    it("reads an <image>'s absolute path from the disk, so every reference outside the file is refused", () => {
      expect(firstPixel(HOSTILE.absoluteFileImage?.svg ?? '')).toEqual([255, 0, 0, 255]);
    });
  });
});
