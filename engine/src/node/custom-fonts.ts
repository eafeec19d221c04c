// Custom fonts on Node: reading a font file someone sent (with a real parser, before it is
// stored or drawn), patching the weight it declares when the uploader names another, and
// registering faces with Skia under their family's private name, once per process.
import { GlobalFonts } from '@napi-rs/canvas';
import * as fontkit from 'fontkit';
import { rangesOf } from '../coverage';
import type { CustomFontFace } from '../custom-fonts';
import type { FontStyleName } from '../fonts-catalog';
import type { FontMetrics } from '../types';
import { type FontFormat, MAX_FONT_BYTES } from './limits';
import { tableChecksum } from './sfnt';

/** A font file that cannot be used; the message is safe to show to whoever sent it. */
export class FontFileError extends Error {
  override name = 'FontFileError';
}

export interface FontDescription {
  /** The typographic family name (name ID 16, else 1). */
  family: string;
  /** OS/2 usWeightClass. */
  weight: number;
  style: FontStyleName;
  format: FontFormat;
  metrics: FontMetrics;
  coverage: Array<[number, number]>;
  /** Glyphs in the font. */
  glyphs: number;
}

/** The container format from the first four bytes; undefined for anything else. */
export function fontFormatOf(bytes: Uint8Array): FontFormat | 'collection' | undefined {
  if (bytes.length < 12) return undefined;
  const tag = String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0, bytes[2] ?? 0, bytes[3] ?? 0);
  if (tag === 'wOFF') return 'woff';
  if (tag === 'wOF2') return 'woff2';
  if (tag === 'OTTO') return 'otf';
  if (tag === 'true' || (bytes[0] === 0 && bytes[1] === 1 && bytes[2] === 0 && bytes[3] === 0)) return 'ttf';
  if (tag === 'ttcf') return 'collection';
  return undefined;
}

/**
 * Reads a font file the way a render will use it: the container, the names, the metrics,
 * the character map and the outlines of a few glyphs. Anything missing or damaged is a
 * FontFileError naming what.
 */
export function describeFont(bytes: Uint8Array): FontDescription {
  if (bytes.length > MAX_FONT_BYTES)
    throw new FontFileError(`the font file is larger than ${MAX_FONT_BYTES / 2 ** 20} MB`);
  const format = fontFormatOf(bytes);
  if (format === 'collection')
    throw new FontFileError('font collections (.ttc) are not accepted; send one face per file');
  if (!format) throw new FontFileError('not a font file: expected TrueType, OpenType, WOFF or WOFF2');
  let font: fontkit.Font;
  try {
    font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as fontkit.Font;
  } catch {
    throw new FontFileError(`the ${format.toUpperCase()} file could not be read`);
  }
  const table = (what: string, read: () => unknown) => {
    try {
      const value = read();
      if (value === undefined || value === null) throw new Error('missing');
      return value;
    } catch {
      throw new FontFileError(`the font's ${what} table is missing or damaged`);
    }
  };
  // fontkit parses tables on first access; its typings leave out `head`.
  const head = table('head', () => (font as unknown as { head: unknown }).head) as {
    macStyle?: { italic?: boolean };
  };
  const hhea = table('hhea', () => font.hhea) as fontkit.Font['hhea'];
  const unitsPerEm = font.unitsPerEm;
  if (!Number.isFinite(unitsPerEm) || unitsPerEm < 16 || unitsPerEm > 16384) {
    throw new FontFileError("the font's head table is damaged (units per em)");
  }
  const family = (table('name', () => font.familyName) as string).trim();
  if (!family) throw new FontFileError('the font has no family name');
  const characterSet = table('cmap', () => font.characterSet) as number[];
  const os2 = font['OS/2'] as fontkit.Font['OS/2'] | undefined;
  const weightClass = os2?.usWeightClass;
  const weight = typeof weightClass === 'number' && weightClass >= 1 && weightClass <= 1000 ? weightClass : 400;
  const italic = os2?.fsSelection?.italic === true || head.macStyle?.italic === true;
  const useTypo = os2?.fsSelection?.useTypoMetrics === true;
  const ascent = useTypo ? os2.typoAscender : hhea.ascent;
  const descent = useTypo ? os2.typoDescender : hhea.descent;
  if (!Number.isFinite(ascent) || !Number.isFinite(descent))
    throw new FontFileError("the font's hhea table is damaged");

  const covered: number[] = [];
  try {
    for (const cp of characterSet) if (font.hasGlyphForCodePoint(cp)) covered.push(cp);
  } catch {
    throw new FontFileError("the font's cmap table is damaged");
  }
  if (covered.length === 0) throw new FontFileError('the font maps no characters');
  covered.sort((a, b) => a - b);
  // Outlines and advances of a few glyphs: a damaged glyf/CFF/hmtx fails here, not in a render.
  try {
    const sample = [...'AaHn0 ', String.fromCodePoint(covered[0] as number)];
    for (const ch of sample) {
      const cp = ch.codePointAt(0) as number;
      if (!font.hasGlyphForCodePoint(cp)) continue;
      const glyph = font.glyphForCodePoint(cp);
      if (!Number.isFinite(glyph.advanceWidth)) throw new Error('advance');
      void glyph.path.commands.length;
    }
  } catch {
    throw new FontFileError("the font's glyph outlines are damaged");
  }
  return {
    family,
    weight,
    style: italic ? 'italic' : 'normal',
    format,
    metrics: { ascent: ascent / unitsPerEm, descent: Math.abs(descent) / unitsPerEm },
    coverage: rangesOf(covered),
    glyphs: font.numGlyphs,
  };
}

interface TableRecord {
  recordOffset: number;
  offset: number;
  length: number;
}

function tableRecord(bytes: Buffer, tag: string): TableRecord | undefined {
  const count = bytes.readUInt16BE(4);
  for (let i = 0; i < count; i++) {
    const recordOffset = 12 + i * 16;
    if (recordOffset + 16 > bytes.length) return undefined;
    if (bytes.toString('latin1', recordOffset, recordOffset + 4) === tag) {
      const offset = bytes.readUInt32BE(recordOffset + 8);
      const length = bytes.readUInt32BE(recordOffset + 12);
      if (offset + length > bytes.length) return undefined;
      return { recordOffset, offset, length };
    }
  }
  return undefined;
}

/**
 * A TrueType/OpenType file declaring `weight` in its OS/2 table (what Skia matches faces by,
 * and what the browser is told with FontFace), the table checksum kept right. WOFF and WOFF2
 * are compressed: their weight can only be the one they declare.
 */
export function withDeclaredWeight(bytes: Uint8Array, weight: number): Buffer {
  const copy = Buffer.from(bytes);
  const format = fontFormatOf(copy);
  if (format !== 'ttf' && format !== 'otf')
    throw new FontFileError('only a TTF or OTF file can be given another weight');
  const os2 = tableRecord(copy, 'OS/2');
  if (!os2 || os2.length < 6) throw new FontFileError('the font has no OS/2 table to record its weight in');
  copy.writeUInt16BE(weight, os2.offset + 4);
  copy.writeUInt32BE(tableChecksum(copy.subarray(os2.offset, os2.offset + os2.length)), os2.recordOffset + 4);
  return copy;
}

/** A custom face with where Skia reads it from. */
export type NodeCustomFontFace = CustomFontFace & {
  /** Content hash of the file: the same bytes are registered once per process. */
  key: string;
} & ({ path: string } | { bytes: Uint8Array });

/** Registrations kept before the oldest that the current render does not use are dropped. */
const MAX_REGISTERED = 500;
const registered = new Map<string, ReturnType<typeof GlobalFonts.register>>();

/**
 * Registers the faces with Skia under their families' private names, each file once per
 * process. A file Skia cannot read is a FontFileError (its family then falls back).
 */
export function registerCustomFonts(faces: readonly NodeCustomFontFace[]): void {
  const wanted = new Set<string>();
  for (const face of faces) {
    const id = `${face.registeredAs}\0${face.key}`;
    wanted.add(id);
    const known = registered.get(id);
    if (known !== undefined) {
      // Most recently used last, so the oldest are dropped first.
      registered.delete(id);
      registered.set(id, known);
      continue;
    }
    const fontKey =
      'path' in face
        ? GlobalFonts.registerFromPath(face.path, face.registeredAs)
        : GlobalFonts.register(Buffer.from(face.bytes), face.registeredAs);
    if (!fontKey) throw new FontFileError(`the font of family "${face.family}" could not be loaded`);
    registered.set(id, fontKey);
  }
  if (registered.size > MAX_REGISTERED) {
    const drop: NonNullable<ReturnType<typeof GlobalFonts.register>>[] = [];
    for (const [id, fontKey] of registered) {
      if (registered.size <= MAX_REGISTERED) break;
      if (wanted.has(id) || !fontKey) continue;
      drop.push(fontKey);
      registered.delete(id);
    }
    if (drop.length) GlobalFonts.removeBatch(drop);
  }
}
