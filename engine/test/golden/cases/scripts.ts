// Every shipped script, shaped and in reading order: Arabic joined and right to left,
// Hebrew right to left, mixed bidi, Thai and Khmer broken between words, the Indic
// scripts with their conjuncts and reordered vowel signs.
import { expect } from 'vitest';
import type { GoldenCase } from '../harness';
import { card, frame } from '../suite';

type L = Record<string, unknown>;
const text = (name: string, x: number, y: number, width: number, height: number, t: string, props: L = {}): L => ({
  name,
  type: 'text',
  x,
  y,
  width,
  height,
  text: t,
  fontSize: 24,
  color: '#0f172a',
  ...props,
});

const noMissingGlyphs: GoldenCase['check'] = ({ diagnostics }) => expect(diagnostics.missingGlyphs).toEqual([]);

export const scriptCases: GoldenCase[] = [
  {
    name: 'script-arabic',
    description:
      'Arabic, joined and right to left: a bold title "مرحبا بالعالم" at the top right (start alignment), a two-line paragraph aligned right with "(٢٠٢٤)" in brackets that open on the right, and a cut line whose ellipsis is at its left end.',
    doc: card([
      text('title', 10, 10, 380, 50, 'مرحبا بالعالم', { fontSize: 36, fontWeight: 700, textAlign: 'start' }),
      frame('para-box', 10, 70, 380, 80),
      text('para', 10, 70, 380, 80, 'هذه بطاقة عربية تلتف على سطرين وتحافظ على ترتيب الكلمات (٢٠٢٤)', {
        textAlign: 'start',
      }),
      frame('cut-box', 10, 170, 380, 40),
      text('cut', 10, 170, 380, 40, 'نص طويل جدا لا يتسع في سطر واحد فينتهي بعلامة الحذف في الجهة اليسرى', {
        textAlign: 'start',
        maxLines: 1,
      }),
    ]),
    check: noMissingGlyphs,
  },
  {
    name: 'script-hebrew',
    description:
      'Hebrew right to left: "שלום עולם!" at the top right with the "!" on its left; a wrapped paragraph with "2024" reading left to right inside it; "end" alignment puts the last line at the left.',
    doc: card([
      text('title', 10, 10, 380, 50, 'שלום עולם!', { fontSize: 36, fontWeight: 700, textAlign: 'start' }),
      frame('para-box', 10, 70, 380, 80),
      text('para', 10, 70, 380, 80, 'זהו כרטיס בעברית משנת 2024 שנשבר לשתי שורות בסדר הנכון', {
        textAlign: 'start',
      }),
      text('end', 10, 180, 380, 40, 'מיושר לסוף', { textAlign: 'end', color: '#64748b' }),
    ]),
    check: noMissingGlyphs,
  },
  {
    name: 'script-bidi-mixed',
    description:
      'Mixed directions: "Hello مرحبا 123" left to right with the number left of the Arabic word; the same text forced right to left (Arabic word and number left of "Hello", at the right); "Layercast: مرحبا" right to left with Layercast at the right end; an Arabic sentence with an English brand name inside, wrapped onto two right-aligned lines.',
    doc: card([
      text('ltr', 10, 10, 380, 40, 'Hello مرحبا 123', { fontSize: 28 }),
      text('rtl', 10, 60, 380, 40, 'Hello مرحبا 123', { fontSize: 28, direction: 'rtl', textAlign: 'start' }),
      text('brand', 10, 110, 380, 40, 'Layercast: مرحبا', { fontSize: 28, direction: 'rtl', textAlign: 'start' }),
      text('inside', 10, 160, 380, 70, 'صمم بطاقتك مع Layercast اليوم', { fontSize: 28, textAlign: 'start' }),
    ]),
    check: noMissingGlyphs,
  },
  {
    name: 'script-thai-khmer',
    description:
      'Thai and Khmer in narrow framed boxes, each wrapped onto several lines only between words (no word is split), Thai vowel and tone marks stacked over their consonants.',
    doc: card([
      frame('thai-box', 10, 10, 180, 220),
      text('thai', 10, 10, 180, 220, 'ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยคเดียวกัน', {
        fontFamily: 'Noto Sans Thai',
      }),
      frame('khmer-box', 210, 10, 180, 220),
      text('khmer', 210, 10, 180, 220, 'ភាសាខ្មែរគឺជាភាសាផ្លូវការរបស់ប្រទេសកម្ពុជា', {
        fontFamily: 'Noto Sans Khmer',
      }),
    ]),
    check: noMissingGlyphs,
  },
  {
    name: 'script-indic',
    description:
      'Devanagari "नमस्ते दुनिया" (the conjunct स्त and the i-sign ि drawn before its consonant), Bengali "নমস্কার বিশ্ব", Tamil "வணக்கம் உலகம்", each in its own family, one per row.',
    doc: card([
      text('deva', 10, 10, 380, 60, 'नमस्ते दुनिया', { fontFamily: 'Noto Sans Devanagari', fontSize: 34 }),
      text('beng', 10, 85, 380, 60, 'নমস্কার বিশ্ব', { fontFamily: 'Noto Sans Bengali', fontSize: 34 }),
      text('taml', 10, 160, 380, 60, 'வணக்கம் உலகம்', { fontFamily: 'Noto Sans Tamil', fontSize: 34 }),
    ]),
    check: noMissingGlyphs,
  },
  {
    name: 'script-alphabets',
    description:
      'Georgian "გამარჯობა", Armenian "Բարեւ աշխարհ", Ethiopic "ሰላም ዓለም" and Khmer "សួស្តី" drawn through the default (Inter) stack, one per row, none as a replacement box.',
    doc: card([
      text('geor', 10, 10, 380, 50, 'გამარჯობა მსოფლიო', { fontSize: 30 }),
      text('armn', 10, 60, 380, 50, 'Բարեւ աշխարհ', { fontSize: 30 }),
      text('ethi', 10, 110, 380, 50, 'ሰላም ዓለም', { fontSize: 30 }),
      text('khmr', 10, 160, 380, 60, 'សួស្តី ពិភពលោក', { fontSize: 30 }),
    ]),
    check: noMissingGlyphs,
  },
];
