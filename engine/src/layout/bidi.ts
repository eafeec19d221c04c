// Right-to-left text: the Unicode bidirectional algorithm (UAX #9, through bidi-js) turns
// each laid-out line into runs of one direction in visual order. Paint draws each run on
// its own with the canvas direction set to the run's, so the backend's shaper joins and
// mirrors it (Arabic forms, brackets) and never reorders anything itself: both platforms
// draw the order decided here.
import bidiFactory from 'bidi-js';
import { splitGraphemes } from './segment';

const bidi = bidiFactory();

export type Direction = 'ltr' | 'rtl';

/** A run of one direction; `text` is in logical order, `x` and `width` local to its line. */
export interface BidiRun {
  text: string;
  rtl: boolean;
  x: number;
  width: number;
}

/**
 * The direction of the first strong character (UAX #9 P2–P3), or undefined when there is
 * none. Characters inside isolates count too; cards do not use isolates.
 */
export function firstStrongDirection(text: string): Direction | undefined {
  for (const ch of text) {
    const type = bidi.getBidiCharTypeName(ch);
    if (type === 'L') return 'ltr';
    if (type === 'R' || type === 'AL') return 'rtl';
  }
  return undefined;
}

/** Whether a text has anything the bidi algorithm could move or turn (a right-to-left character or an explicit control). */
export function needsBidi(text: string): boolean {
  return /[\u0590-\u08ff\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufdff\ufe70-\ufeff\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u.test(
    text,
  );
}

/**
 * A line's runs in visual order (UAX #9 L1–L2 over levels resolved for the line with the
 * paragraph's direction). Runs change at level changes only, and only between graphemes,
 * so a mark is never drawn apart from its base.
 */
export function visualRuns(line: string, direction: Direction): Array<{ text: string; level: number }> {
  const { levels } = bidi.getEmbeddingLevels(line, direction);
  const base = direction === 'rtl' ? 1 : 0;
  const runs: Array<{ text: string; level: number }> = [];
  let at = 0;
  for (const g of splitGraphemes(line)) {
    const level = levels[at] ?? base;
    at += g.length;
    const last = runs[runs.length - 1];
    if (last && last.level === level) last.text += g;
    else runs.push({ text: g, level });
  }
  // L1: whitespace at the end of the line takes the paragraph's level.
  const tail = runs[runs.length - 1];
  if (tail && tail.level !== base) {
    const trimmed = tail.text.trimEnd();
    if (trimmed.length < tail.text.length) {
      const spaces = tail.text.slice(trimmed.length);
      if (trimmed) tail.text = trimmed;
      else runs.pop();
      runs.push({ text: spaces, level: base });
    }
  }
  // L2: from the highest level down to the lowest odd one, reverse every stretch of runs
  // at that level or above.
  const max = Math.max(base, ...runs.map((r) => r.level));
  const lowestOdd = Math.min(...runs.map((r) => r.level).filter((l) => l % 2 === 1), max + 1);
  for (let level = max; level >= lowestOdd && level > 0; level--) {
    let i = 0;
    while (i < runs.length) {
      if ((runs[i]?.level ?? 0) < level) {
        i++;
        continue;
      }
      let j = i;
      while (j < runs.length && (runs[j]?.level ?? 0) >= level) j++;
      runs.splice(i, j - i, ...runs.slice(i, j).reverse());
      i = j;
    }
  }
  return runs;
}
