// The font registry on Node: the shipped font files, registered with Skia under the
// catalog's family names, weights and styles, plus their metrics and glyph coverage.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';
import * as fontkit from 'fontkit';
import {
  DEFAULT_FAMILY,
  FONT_FAMILIES,
  type FontCategory,
  type FontFamilyInfo,
  type FontStyleName,
  findFamily,
  registeredName,
} from '../fonts-catalog';
import { type CoverageRanges, rangesOf } from '../coverage';
import type { FontMetrics } from '../types';
import { fontWithWeight } from './font-weight-patch';
import { readSfntSubset } from './sfnt';

export interface FontFile {
  weight: number;
  style: FontStyleName;
  /** Absolute path of the shipped file (what a server serves to the browser). */
  path: string;
  format: 'truetype';
}

export interface FontFamilyListing {
  family: string;
  category: FontCategory;
  weights: number[];
  styles: FontStyleName[];
  files: FontFile[];
  /** Fractions of the em: the normal line box browsers use. */
  metrics: FontMetrics;
}

/** Where each family's files live: `<package>/<weight><Name>[_Italic]/<Prefix>_<weight><Name>[_Italic].ttf`. */
const PACKAGES: Record<string, { pkg: string; prefix: string }> = {
  Inter: { pkg: '@expo-google-fonts/inter', prefix: 'Inter' },
  'Noto Sans': { pkg: '@expo-google-fonts/noto-sans', prefix: 'NotoSans' },
  'Noto Serif': { pkg: '@expo-google-fonts/noto-serif', prefix: 'NotoSerif' },
  'JetBrains Mono': { pkg: '@expo-google-fonts/jetbrains-mono', prefix: 'JetBrainsMono' },
  'Noto Sans KR': { pkg: '@expo-google-fonts/noto-sans-kr', prefix: 'NotoSansKR' },
  'Noto Sans JP': { pkg: '@expo-google-fonts/noto-sans-jp', prefix: 'NotoSansJP' },
  'Noto Sans SC': { pkg: '@expo-google-fonts/noto-sans-sc', prefix: 'NotoSansSC' },
  'Noto Color Emoji': { pkg: '@expo-google-fonts/noto-color-emoji', prefix: 'NotoColorEmoji' },
  'Noto Sans Arabic': { pkg: '@expo-google-fonts/noto-sans-arabic', prefix: 'NotoSansArabic' },
  'Noto Sans Hebrew': { pkg: '@expo-google-fonts/noto-sans-hebrew', prefix: 'NotoSansHebrew' },
  'Noto Sans Thai': { pkg: '@expo-google-fonts/noto-sans-thai', prefix: 'NotoSansThai' },
  'Noto Sans Devanagari': { pkg: '@expo-google-fonts/noto-sans-devanagari', prefix: 'NotoSansDevanagari' },
  'Noto Sans Bengali': { pkg: '@expo-google-fonts/noto-sans-bengali', prefix: 'NotoSansBengali' },
  'Noto Sans Tamil': { pkg: '@expo-google-fonts/noto-sans-tamil', prefix: 'NotoSansTamil' },
  'Noto Sans Georgian': { pkg: '@expo-google-fonts/noto-sans-georgian', prefix: 'NotoSansGeorgian' },
  'Noto Sans Armenian': { pkg: '@expo-google-fonts/noto-sans-armenian', prefix: 'NotoSansArmenian' },
  'Noto Sans Ethiopic': { pkg: '@expo-google-fonts/noto-sans-ethiopic', prefix: 'NotoSansEthiopic' },
  'Noto Sans Khmer': { pkg: '@expo-google-fonts/noto-sans-khmer', prefix: 'NotoSansKhmer' },
};

const WEIGHT_NAMES: Record<number, string> = {
  100: 'Thin',
  200: 'ExtraLight',
  300: 'Light',
  400: 'Regular',
  500: 'Medium',
  600: 'SemiBold',
  700: 'Bold',
  800: 'ExtraBold',
  900: 'Black',
};

const require = createRequire(import.meta.url);

function filePath(family: string, weight: number, style: FontStyleName): string {
  const where = PACKAGES[family];
  const name = WEIGHT_NAMES[weight];
  if (!where || !name) throw new Error(`no font file for ${family} ${weight}`);
  const dir = `${weight}${name}${style === 'italic' ? '_Italic' : ''}`;
  return join(packageDir(where.pkg), dir, `${where.prefix}_${dir}.ttf`);
}

const packageDirs = new Map<string, string>();

/**
 * A font package's directory, resolved once (its index module pulls in React Native code,
 * so the package.json is what is resolved): resolving each of the 188 files on its own
 * took a tenth of a render child's start.
 */
function packageDir(pkg: string): string {
  let dir = packageDirs.get(pkg);
  if (!dir) {
    dir = dirname(require.resolve(`${pkg}/package.json`));
    packageDirs.set(pkg, dir);
  }
  return dir;
}

function familyFiles(info: FontFamilyInfo): FontFile[] {
  return info.styles.flatMap((style) =>
    info.weights.map((weight) => ({
      weight,
      style,
      path: filePath(info.family, weight, style),
      format: 'truetype' as const,
    })),
  );
}

let registered = false;

/**
 * Registers every shipped file with Skia, once per process. Each file is registered
 * under its family's private name (`registeredName`); the weight Skia matches on is the file's own, corrected
 * where the file misstates it (see font-weight-patch.ts), with corrected copies cached in
 * `cacheDir` (default: a private directory in the temp dir). The first call decides.
 */
export function registerFonts(options: { cacheDir?: string } = {}): void {
  if (registered) return;
  for (const info of FONT_FAMILIES) {
    for (const file of familyFiles(info)) {
      const font = fontWithWeight(file.path, file.weight, options.cacheDir);
      const name = registeredName(info.family);
      const key =
        'path' in font ? GlobalFonts.registerFromPath(font.path, name) : GlobalFonts.register(font.bytes, name);
      if (!key) throw new Error(`could not register the font ${info.family} ${file.weight} ${file.style}`);
    }
  }
  registered = true;
}

// fontkit on a subset of the regular face: enough for names, metrics and the cmap.
const coverageFonts = new Map<string, fontkit.Font>();

function coverageFont(family: string): fontkit.Font {
  let font = coverageFonts.get(family);
  if (!font) {
    const bytes = readSfntSubset(filePath(family, 400, 'normal'), ['cmap', 'head', 'hhea', 'OS/2', 'maxp', 'name']);
    font = fontkit.create(bytes) as fontkit.Font;
    coverageFonts.set(family, font);
  }
  return font;
}

const metricsCache = new Map<string, FontMetrics>();

/**
 * Ascent and descent as browsers compute the normal line box: the OS/2 typo values when
 * the font sets USE_TYPO_METRICS, the hhea values otherwise (Skia and Chrome both do so).
 */
function familyMetrics(family: string): FontMetrics {
  let metrics = metricsCache.get(family);
  if (!metrics) {
    const font = coverageFont(family);
    const os2 = font['OS/2'];
    const useTypo = os2?.fsSelection.useTypoMetrics === true;
    const ascent = useTypo ? os2.typoAscender : font.hhea.ascent;
    const descent = useTypo ? os2.typoDescender : font.hhea.descent;
    metrics = { ascent: ascent / font.unitsPerEm, descent: Math.abs(descent) / font.unitsPerEm };
    metricsCache.set(family, metrics);
  }
  return metrics;
}

/** Metrics of a family; unknown families get the default's. */
export function fontMetrics(family: string): FontMetrics {
  return familyMetrics(findFamily(family)?.family ?? DEFAULT_FAMILY);
}

// 0 = not looked up yet, 1 = no registered font has it, 2 = some font has it.
const glyphCache = new Uint8Array(0x110000);

/** Whether any registered font's cmap maps the code point. */
export function hasGlyph(codePoint: number): boolean {
  if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint >= glyphCache.length) return false;
  const known = glyphCache[codePoint];
  if (known) return known === 2;
  const found = FONT_FAMILIES.some((f) => coverageFont(f.family).hasGlyphForCodePoint(codePoint));
  glyphCache[codePoint] = found ? 2 : 1;
  return found;
}

const familyCoverages = new Map<string, CoverageRanges>();

/** The code points one shipped family maps, as ranges (the editor loads a fallback only for the rest). */
export function familyCoverage(family: string): CoverageRanges {
  let ranges = familyCoverages.get(family);
  if (!ranges) {
    const font = coverageFont(family);
    ranges = rangesOf([...font.characterSet].filter((cp) => font.hasGlyphForCodePoint(cp)).sort((a, b) => a - b));
    familyCoverages.set(family, ranges);
  }
  return ranges;
}

let coverage: CoverageRanges | undefined;

/**
 * The code points some shipped font maps, as ranges (under a thousand for all families
 * together): `hasGlyph` as data, for the font API to send to the editor.
 */
export function glyphCoverage(): CoverageRanges {
  if (!coverage) {
    const all = new Set<number>();
    for (const f of FONT_FAMILIES) {
      const font = coverageFont(f.family);
      // The character set can list code points whose cmap entry is glyph 0 (U+FFFF).
      for (const cp of font.characterSet) if (font.hasGlyphForCodePoint(cp)) all.add(cp);
    }
    coverage = rangesOf([...all].sort((a, b) => a - b));
  }
  return coverage;
}

/** Every shipped family with its files and metrics, for the font API and the editor. */
export function listFonts(): FontFamilyListing[] {
  return FONT_FAMILIES.map((info) => ({
    family: info.family,
    category: info.category,
    weights: [...info.weights],
    styles: [...info.styles],
    files: familyFiles(info),
    metrics: familyMetrics(info.family),
  }));
}

export { DEFAULT_FAMILY, FALLBACK_FAMILIES, fontStack, hasFamily, registeredName } from '../fonts-catalog';
