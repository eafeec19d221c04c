// The coverage ranges the font API sends are the node backend's `hasGlyph` as data: the
// editor replaces exactly the characters the server replaces.
import { describe, expect, it } from 'vitest';
import { coverageLookup, rangesOf } from '../../src/index';
import { glyphCoverage, hasGlyph } from '../../src/node/index';

describe('glyph coverage', () => {
  it('merges sorted code points into the fewest inclusive ranges', () => {
    expect(rangesOf([1, 2, 3, 7, 9, 10])).toEqual([
      [1, 3],
      [7, 7],
      [9, 10],
    ]);
    const has = coverageLookup(rangesOf([1, 2, 3, 7, 9, 10]));
    expect([0, 1, 3, 4, 7, 8, 9, 10, 11].map(has)).toEqual([false, true, true, false, true, false, true, true, false]);
  });

  it('answers exactly as hasGlyph does, over the planes the fonts touch', () => {
    const ranges = glyphCoverage();
    expect(ranges.length).toBeGreaterThan(100);
    expect(ranges.length).toBeLessThan(2000);
    const has = coverageLookup(ranges);
    const differences: number[] = [];
    for (let cp = 0; cp < 0x20000; cp++) if (has(cp) !== hasGlyph(cp)) differences.push(cp);
    for (let cp = 0x1f000; cp < 0x1fb00; cp++) if (has(cp) !== hasGlyph(cp)) differences.push(cp);
    expect(differences).toEqual([]);
    expect(has(0x41)).toBe(true);
    expect(has(0xac00)).toBe(true); // 가
    expect(has(0x1f389)).toBe(true); // 🎉
    expect(has(0x0e01)).toBe(true); // Thai ก
    expect(has(0x0627)).toBe(true); // Arabic ا
    expect(has(0x05d0)).toBe(true); // Hebrew א
    expect(has(0x1780)).toBe(true); // Khmer ក
    expect(has(0x1200)).toBe(true); // Ethiopic ሀ
    expect(has(0x0d85)).toBe(false); // Sinhala අ: no shipped family
    expect(has(0x10000)).toBe(false); // Linear B
  });
});
