// The faces the editor loads up front for a text: the script family of every script the
// text uses, so the first layout already measures with the faces the server draws with.
import { describe, expect, it } from 'vitest';
import { fallbackFamiliesFor } from '../../src/browser/fonts';

describe('fallbackFamiliesFor', () => {
  it('adds the family of each script in the text', () => {
    expect(fallbackFamiliesFor('Hello')).toEqual(['Noto Sans']);
    expect(fallbackFamiliesFor('Hello مرحبا שלום')).toEqual(['Noto Sans', 'Noto Sans Arabic', 'Noto Sans Hebrew']);
    expect(fallbackFamiliesFor('สวัสดี ភាសា')).toEqual(['Noto Sans', 'Noto Sans Thai', 'Noto Sans Khmer']);
    expect(fallbackFamiliesFor('नमस्ते বাংলা தமிழ்')).toEqual([
      'Noto Sans',
      'Noto Sans Devanagari',
      'Noto Sans Bengali',
      'Noto Sans Tamil',
    ]);
    expect(fallbackFamiliesFor('ქართული Հայերեն ሰላም')).toEqual([
      'Noto Sans',
      'Noto Sans Georgian',
      'Noto Sans Armenian',
      'Noto Sans Ethiopic',
    ]);
    expect(fallbackFamiliesFor('세계 🎉')).toEqual(['Noto Sans', 'Noto Sans KR', 'Noto Color Emoji']);
  });

  it('counts marks shared by several scripts for each of them (the danda of Devanagari and Bengali)', () => {
    expect(fallbackFamiliesFor('।')).toEqual(expect.arrayContaining(['Noto Sans Devanagari', 'Noto Sans Bengali']));
  });
});
