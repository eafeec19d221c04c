import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FALLBACK_FAMILIES, fontStack, hasFamily, resolveFamily } from '../../src/fonts-catalog';
import { fontWithWeight, readWeightClass } from '../../src/node/font-weight-patch';
import { fontMetrics, hasGlyph, listFonts } from '../../src/node/fonts';
import { nodeLayoutEnv } from '../../src/node/layout-env';

const ALL = [100, 200, 300, 400, 500, 600, 700, 800, 900];
const SCRIPT_FAMILIES = [
  'Noto Sans Arabic',
  'Noto Sans Hebrew',
  'Noto Sans Thai',
  'Noto Sans Devanagari',
  'Noto Sans Bengali',
  'Noto Sans Tamil',
  'Noto Sans Georgian',
  'Noto Sans Armenian',
  'Noto Sans Ethiopic',
  'Noto Sans Khmer',
];

describe('font registry', () => {
  it('lists every shipped family with its weights, styles and existing files', () => {
    const fonts = listFonts();
    const summary = Object.fromEntries(
      fonts.map((f) => [f.family, { category: f.category, weights: f.weights, styles: f.styles }]),
    );
    expect(summary).toEqual({
      Inter: { category: 'sans-serif', weights: ALL, styles: ['normal', 'italic'] },
      'Noto Sans': { category: 'sans-serif', weights: ALL, styles: ['normal', 'italic'] },
      'Noto Serif': { category: 'serif', weights: ALL, styles: ['normal', 'italic'] },
      'JetBrains Mono': { category: 'monospace', weights: ALL.slice(0, 8), styles: ['normal', 'italic'] },
      'Noto Sans KR': { category: 'sans-serif', weights: ALL, styles: ['normal'] },
      'Noto Sans JP': { category: 'sans-serif', weights: ALL, styles: ['normal'] },
      'Noto Sans SC': { category: 'sans-serif', weights: ALL, styles: ['normal'] },
      'Noto Color Emoji': { category: 'emoji', weights: [400], styles: ['normal'] },
      ...Object.fromEntries(
        SCRIPT_FAMILIES.map((f) => [f, { category: 'sans-serif', weights: ALL, styles: ['normal'] }]),
      ),
    });
    for (const family of fonts) {
      // One file per weight and style, each a real TrueType file on disk.
      expect(family.files).toHaveLength(family.weights.length * family.styles.length);
      for (const file of family.files) {
        expect(file.format).toBe('truetype');
        expect(file.path).toMatch(/\.ttf$/);
        expect(existsSync(file.path), file.path).toBe(true);
      }
    }
    const inter = fonts.find((f) => f.family === 'Inter');
    expect(inter?.files.find((f) => f.weight === 700 && f.style === 'italic')?.path).toMatch(
      /Inter_700Bold_Italic\.ttf$/,
    );
  });

  it('gives the line-box metrics browsers use: hhea unless the font asks for typo metrics', () => {
    // Inter sets USE_TYPO_METRICS (typo = hhea = 1984/-494 of 2048).
    expect(fontMetrics('Inter')).toEqual({ ascent: 1984 / 2048, descent: 494 / 2048 });
    // Noto Sans KR does not: hhea 1160/-288, not its typo 880/-120.
    expect(fontMetrics('Noto Sans KR')).toEqual({ ascent: 1.16, descent: 0.288 });
    // Unknown families are laid out with the default's metrics.
    expect(fontMetrics('Comic Sans MS')).toEqual(fontMetrics('Inter'));
  });

  it('builds the CSS family list: the family, then the fallbacks without repeats', () => {
    expect(FALLBACK_FAMILIES).toEqual([
      'Noto Sans',
      'Noto Sans KR',
      'Noto Sans JP',
      'Noto Sans SC',
      'Noto Color Emoji',
      'Inter',
      'JetBrains Mono',
      // After every family that was there before, so no character they draw changes face.
      ...SCRIPT_FAMILIES,
    ]);
    const names = (list: string[]) => list.map((f) => `"Layercast ${f}"`).join(', ');
    expect(fontStack('Inter')).toBe(
      names([
        'Inter',
        'Noto Sans',
        'Noto Sans KR',
        'Noto Sans JP',
        'Noto Sans SC',
        'Noto Color Emoji',
        'JetBrains Mono',
        ...SCRIPT_FAMILIES,
      ]),
    );
    expect(fontStack('Noto Sans KR')).toBe(
      names([
        'Noto Sans KR',
        'Noto Sans',
        'Noto Sans JP',
        'Noto Sans SC',
        'Noto Color Emoji',
        'Inter',
        'JetBrains Mono',
        ...SCRIPT_FAMILIES,
      ]),
    );
    expect(fontStack('Comic Sans MS')).toBe(fontStack('Inter'));
    expect(hasFamily('Comic Sans MS')).toBe(false);
    expect(hasFamily('jetbrains mono')).toBe(true);
    expect(resolveFamily('serif')).toBe('Noto Serif');
    expect(resolveFamily('monospace')).toBe('JetBrains Mono');
  });

  it('measures Korean, Japanese, Chinese, Cyrillic, Greek and emoji with the shipped fonts', () => {
    const { measure } = nodeLayoutEnv();
    const CJK = '"Layercast Noto Sans KR", "Layercast Noto Sans JP", "Layercast Noto Sans SC"';
    const samples: [string, string][] = [
      ['한국어텍스트', CJK],
      ['ひらがなとカタカナ', CJK],
      ['简体中文', CJK],
      ['Привет', '"Layercast Inter"'],
      ['Καλημέρα', '"Layercast Inter"'],
      ['🎉😀🚀', '"Layercast Noto Color Emoji"'],
      ['مرحبا', '"Layercast Noto Sans Arabic"'],
      ['שלום', '"Layercast Noto Sans Hebrew"'],
      ['สวัสดีครับ', '"Layercast Noto Sans Thai"'],
      ['বাংলা', '"Layercast Noto Sans Bengali"'],
      ['தமிழ்', '"Layercast Noto Sans Tamil"'],
      ['ქართული', '"Layercast Noto Sans Georgian"'],
      ['Հայերեն', '"Layercast Noto Sans Armenian"'],
      ['ሰላም', '"Layercast Noto Sans Ethiopic"'],
      ['ភាសាខ្មែរ', '"Layercast Noto Sans Khmer"'],
      // Noto Sans draws Devanagari itself, earlier in every stack.
      ['नमस्ते', '"Layercast Noto Sans"'],
    ];
    for (const [text, family] of samples) {
      measure.font = `400 40px ${fontStack('Inter')}`;
      const width = measure.measureText(text).width;
      expect(width, text).toBeGreaterThan(0);
      // Per-glyph fallback reaches our font, not an installed system font.
      measure.font = `400 40px ${family}`;
      expect(measure.measureText(text).width, text).toBeCloseTo(width, 3);
      for (const ch of text) expect(hasGlyph(ch.codePointAt(0) ?? 0), ch).toBe(true);
    }
  });

  it('reports code points no shipped font has', () => {
    expect(hasGlyph(0x10000)).toBe(false); // LINEAR B SYLLABLE B008 A
    expect(hasGlyph(0xf8ff)).toBe(false); // private use
    expect(hasGlyph(0x110000)).toBe(false); // not a code point
    expect(hasGlyph('A'.codePointAt(0) ?? 0)).toBe(true);
  });

  it('draws weight 100 and 200 with different faces, as a browser loading them by weight does', () => {
    // The Thin and ExtraLight files both declare weight 250; the registry corrects that.
    const { measure } = nodeLayoutEnv();
    const width = (font: string) => {
      measure.font = font;
      return measure.measureText('Hamburgefonstiv typography').width;
    };
    for (const family of ['Inter', 'Noto Sans', 'Noto Serif', 'Noto Sans KR']) {
      const widths = [100, 200, 300].map((w) => width(`${w} 40px "Layercast ${family}"`));
      expect(new Set(widths).size, family).toBe(3);
    }
    expect(width('italic 100 40px "Layercast Inter"')).not.toBe(width('italic 200 40px "Layercast Inter"'));
  });

  it('writes corrected copies only to a private cache directory', () => {
    const thin = listFonts()
      .find((f) => f.family === 'Inter')
      ?.files.find((f) => f.weight === 100 && f.style === 'normal')?.path as string;
    expect(readWeightClass(thin)).toBe(250);
    const root = mkdtempSync(join(tmpdir(), 'layercast-font-cache-'));
    try {
      const copy = fontWithWeight(thin, 100, join(root, 'private'));
      expect('path' in copy && copy.path.startsWith(join(root, 'private'))).toBe(true);
      if ('path' in copy) expect(readWeightClass(copy.path)).toBe(100);

      // A directory others can write to is not trusted: the corrected bytes stay in memory.
      const shared = join(root, 'shared');
      fontWithWeight(thin, 100, shared);
      chmodSync(shared, 0o777);
      const fallback = fontWithWeight(thin, 100, shared);
      expect('bytes' in fallback).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
