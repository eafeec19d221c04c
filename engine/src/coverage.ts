// Glyph coverage as code point ranges: what the shipped fonts can draw between them. The
// node backend reads it from the fonts' cmaps; the server sends it with the font list, so
// the editor's layout replaces exactly the characters the server's does.

/** Inclusive `[first, last]` code point ranges, sorted and not overlapping. */
export type CoverageRanges = ReadonlyArray<readonly [number, number]>;

/** Sorted code points to the fewest ranges. */
export function rangesOf(sortedCodePoints: Iterable<number>): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const cp of sortedCodePoints) {
    const last = ranges[ranges.length - 1];
    if (last && cp <= last[1] + 1) last[1] = Math.max(last[1], cp);
    else ranges.push([cp, cp]);
  }
  return ranges;
}

/** A lookup over ranges (binary search); what `LayoutEnv.hasGlyph` wants. */
export function coverageLookup(ranges: CoverageRanges): (codePoint: number) => boolean {
  return (cp) => {
    let lo = 0;
    let hi = ranges.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const range = ranges[mid] as readonly [number, number];
      if (cp < range[0]) hi = mid - 1;
      else if (cp > range[1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
}

/** Drawn in place of a character no shipped font has (Noto Sans, in every stack, has it). */
export const REPLACEMENT_CHARACTER = '\ufffd';

/** Code points that draw nothing and so need no glyph: controls, spaces, joiners, selectors, tags. */
export function needsNoGlyph(cp: number): boolean {
  return (
    cp < 0x21 ||
    (cp >= 0x7f && cp < 0xa1) ||
    cp === 0xad ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2028 && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    cp === 0xfeff ||
    (cp >= 0xe0000 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef)
  );
}

/**
 * The text with every character no shipped font has replaced by U+FFFD, so no platform
 * falls back to a font of its own (a host's Thai font on one server, none on another, a
 * different one in the browser): both draw the same replacement, and the diagnostics
 * name what was replaced.
 */
export function replaceMissingGlyphs(text: string, hasGlyph: ((codePoint: number) => boolean) | undefined): string {
  if (!hasGlyph) return text;
  let out = '';
  let changed = false;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (needsNoGlyph(cp) || hasGlyph(cp)) out += ch;
    else {
      out += REPLACEMENT_CHARACTER;
      changed = true;
    }
  }
  return changed ? out : text;
}
