// Text: every property of section 2 of the design, each case small enough to read at a glance.
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
  fontSize: 18,
  color: '#0f172a',
  ...props,
});

const ALIGNS = ['left', 'center', 'right'] as const;
const VALIGNS = ['top', 'middle', 'bottom'] as const;

/** 3×3 grid: columns are textAlign, rows verticalAlign, each box framed. */
const alignGrid = (): L[] =>
  VALIGNS.flatMap((v, row) =>
    ALIGNS.flatMap((h, col) => {
      const x = 10 + col * 130;
      const y = 10 + row * 76;
      return [
        frame(`box-${h}-${v}`, x, y, 120, 68),
        text(`t-${h}-${v}`, x, y, 120, 68, `${h[0]?.toUpperCase()}${v[0]?.toUpperCase()} Ag`, {
          textAlign: h,
          verticalAlign: v,
        }),
      ];
    }),
  );

const LOREM = 'The quick brown fox jumps over the lazy dog while the render engine wraps every word.';

export const textCases: GoldenCase[] = [
  {
    name: 'text-align-grid',
    description:
      'Nine framed boxes: "LT Ag" top-left … "RB Ag" bottom-right; each label sits at its column alignment and row vertical alignment.',
    doc: card(alignGrid()),
  },
  {
    name: 'text-wrap',
    description:
      'A paragraph wrapped by words inside a 380-px frame; below, an unbreakable word broken by characters inside a 120-px frame.',
    doc: card([
      frame('para-box', 10, 10, 380, 110),
      text('para', 10, 10, 380, 110, LOREM, { fontSize: 20, lineHeight: 1.3 }),
      frame('word-box', 10, 140, 120, 90),
      text('word', 10, 140, 120, 90, 'Supercalifragilistic', { fontSize: 22, fontWeight: 700 }),
      text('note', 150, 150, 240, 80, 'left: one long word, broken where it must', { fontSize: 14, color: '#64748b' }),
    ]),
  },
  {
    name: 'text-hard-breaks',
    description:
      'Four lines from \\n: "First line", "Second line", an empty line, "After a blank line"; centred copy on the right.',
    doc: card([
      frame('left-box', 10, 10, 185, 220),
      text('left', 10, 10, 185, 220, 'First line\nSecond line\n\nAfter a blank line', {
        fontSize: 20,
        lineHeight: 1.4,
      }),
      frame('right-box', 205, 10, 185, 220),
      text('right', 205, 10, 185, 220, 'One\nTwo\nThree', {
        fontSize: 24,
        textAlign: 'center',
        verticalAlign: 'middle',
        fontWeight: 600,
      }),
    ]),
  },
  {
    name: 'text-max-lines',
    description:
      'Same paragraph, maxLines 2: left ends in "…" (ellipsis), right is cut without one (clip); bottom: box height allows 1 line → ellipsis.',
    doc: card([
      frame('ellipsis-box', 10, 10, 185, 130),
      text('ellipsis', 10, 10, 185, 130, LOREM, { maxLines: 2, overflow: 'ellipsis' }),
      frame('clip-box', 205, 10, 185, 130),
      text('clip', 205, 10, 185, 130, LOREM, { maxLines: 2, overflow: 'clip' }),
      frame('short-box', 10, 160, 380, 30),
      text('short', 10, 160, 380, 30, LOREM, { fontSize: 20 }),
    ]),
  },
  {
    name: 'text-autofit',
    description:
      'Left: autoFit shrinks a 40-px headline until it fits its frame. Right: the same without autoFit is cut with "…". Bottom: autoFit stops at minFontSize 16 and ends in "…".',
    doc: card([
      frame('fit-box', 10, 10, 185, 120),
      text('fit', 10, 10, 185, 120, 'Headlines that always fit their box', {
        fontSize: 40,
        fontWeight: 800,
        autoFit: true,
        minFontSize: 10,
        lineHeight: 1.1,
      }),
      frame('nofit-box', 205, 10, 185, 120),
      text('nofit', 205, 10, 185, 120, 'Headlines that always fit their box', {
        fontSize: 40,
        fontWeight: 800,
        lineHeight: 1.1,
      }),
      frame('min-box', 10, 150, 380, 40),
      text('min', 10, 150, 380, 40, `${LOREM} ${LOREM}`, {
        fontSize: 30,
        autoFit: true,
        minFontSize: 16,
        lineHeight: 1.2,
      }),
    ]),
  },
  {
    name: 'text-letter-spacing',
    description:
      'Four rows "Tracking -2" … "Tracking 10" (letterSpacing in px): each row wider than the last, the first tight.',
    doc: card(
      [-2, 0, 4, 10].map((ls, i) =>
        text(`ls-${i}`, 10, 12 + i * 56, 380, 50, `Tracking ${ls}`, {
          fontSize: 26,
          fontWeight: 600,
          letterSpacing: ls,
        }),
      ),
    ),
  },
  {
    name: 'text-transform',
    description:
      'Rows: "hello wORLD from layercast" as written, "HELLO WORLD FROM LAYERCAST", "hello world from layercast", "Hello WORLD From Layercast".',
    doc: card(
      (['none', 'uppercase', 'lowercase', 'capitalize'] as const).map((t, i) =>
        text(`tt-${t}`, 10, 12 + i * 56, 380, 50, 'hello wORLD from layercast', { fontSize: 21, textTransform: t }),
      ),
    ),
  },
  {
    name: 'text-weights',
    description: 'Nine cells "Ag 100" … "Ag 900" in Inter, getting visibly bolder left-to-right, top-to-bottom.',
    doc: card(
      [100, 200, 300, 400, 500, 600, 700, 800, 900].map((w, i) =>
        text(`w-${w}`, 10 + (i % 3) * 130, 14 + Math.floor(i / 3) * 76, 125, 60, `Ag ${w}`, {
          fontSize: 28,
          fontWeight: w,
        }),
      ),
    ),
  },
  {
    name: 'text-italic-families',
    description:
      'Inter regular and italic, Inter bold italic, Noto Serif italic, JetBrains Mono italic, Noto Sans; an unknown family falls back to Inter.',
    doc: card([
      text('inter', 10, 8, 190, 36, 'Inter upright', { fontSize: 22 }),
      text('inter-italic', 205, 8, 190, 36, 'Inter italic', { fontSize: 22, fontStyle: 'italic' }),
      text('inter-bold-italic', 10, 56, 380, 36, 'Inter bold italic', {
        fontSize: 24,
        fontStyle: 'italic',
        fontWeight: 700,
      }),
      text('serif-italic', 10, 104, 380, 36, 'Noto Serif italic', {
        fontSize: 24,
        fontStyle: 'italic',
        fontFamily: 'Noto Serif',
      }),
      text('mono-italic', 10, 152, 380, 36, 'JetBrains Mono italic', {
        fontSize: 22,
        fontStyle: 'italic',
        fontFamily: 'JetBrains Mono',
      }),
      text('unknown', 10, 198, 380, 36, 'Comic Sans? no: Inter', { fontSize: 22, fontFamily: 'Comic Sans MS' }),
    ]),
    check: ({ diagnostics }) =>
      expect(diagnostics.layers.unknown).toMatchObject({ fontFallback: expect.stringContaining('Comic Sans MS') }),
  },
  {
    name: 'text-stroke-shadow',
    description:
      'Top: white "Outline" with a dark 3-px stroke outside the letters. Bottom: indigo "Shadow" with a soft shadow down-right.',
    doc: card([
      text('outlined', 10, 10, 380, 100, 'Outline', {
        fontSize: 72,
        fontWeight: 900,
        color: '#ffffff',
        stroke: '#1e293b',
        strokeWidth: 3,
        textAlign: 'center',
      }),
      text('shadowed', 10, 124, 380, 100, 'Shadow', {
        fontSize: 72,
        fontWeight: 900,
        color: '#4f46e5',
        textAlign: 'center',
        shadow: { color: 'rgba(15, 23, 42, 0.5)', blur: 8, offsetX: 4, offsetY: 6 },
      }),
    ]),
  },
  {
    name: 'text-highlight',
    description:
      'A yellow highlight behind each wrapped line (each box as wide as its line plus 8-px padding); a centred dark pill "NEW" below.',
    doc: card([
      text('marker', 10, 10, 300, 140, 'Highlighted words wrap onto several lines', {
        fontSize: 26,
        fontWeight: 700,
        background: '#fde047',
        padding: 8,
        lineHeight: 1.5,
      }),
      text('pill', 100, 170, 200, 50, 'New', {
        fontSize: 18,
        fontWeight: 700,
        color: '#ffffff',
        background: '#111827',
        padding: 12,
        lineHeight: 1.8,
        textAlign: 'center',
        textTransform: 'uppercase',
        letterSpacing: 3,
      }),
    ]),
  },
  {
    name: 'text-cjk',
    description:
      'Korean (Noto Sans KR), Japanese (Noto Sans JP) and Chinese (Noto Sans SC) sentences, each wrapped by characters inside its 380-px frame; "。" never starts a line.',
    doc: card([
      text('ko', 10, 8, 380, 70, '레이어캐스트는 템플릿을 밀리초 만에 이미지로 렌더링합니다.', {
        fontFamily: 'Noto Sans KR',
        fontSize: 22,
        fontWeight: 700,
      }),
      text('ja', 10, 86, 380, 70, '日本語の見出しも、句読点の位置を守って折り返します。', {
        fontFamily: 'Noto Sans JP',
        fontSize: 22,
      }),
      text('zh', 10, 164, 380, 70, '中文标题同样按字符换行，标点不会出现在行首。', {
        fontFamily: 'Noto Sans SC',
        fontSize: 22,
      }),
    ]),
  },
  {
    name: 'text-emoji',
    description:
      'Colour emoji from the fallback: "Ship it 🚀🎉", a ZWJ sequence "👩‍💻" drawn as one glyph, and flags/skin tones "👍🏽 🇰🇷".',
    doc: card([
      text('ship', 10, 10, 380, 60, 'Ship it 🚀🎉', { fontSize: 36, fontWeight: 700 }),
      text('zwj', 10, 84, 380, 60, 'Coder: 👩‍💻', { fontSize: 36 }),
      text('mods', 10, 158, 380, 60, 'Nice 👍🏽 🇰🇷', { fontSize: 36 }),
    ]),
    check: ({ diagnostics }) => expect(diagnostics.missingGlyphs).toEqual([]),
  },
  {
    name: 'text-mixed-scripts',
    description:
      '"Hello 세계 🎉" in Inter: Latin from Inter, Hangul from the Korean fallback, the emoji in colour, on one baseline; wrapped twice in a narrow box below.',
    doc: card([
      text('mixed', 10, 20, 380, 70, 'Hello 세계 🎉', { fontSize: 48, fontWeight: 700, textAlign: 'center' }),
      frame('narrow-box', 100, 110, 200, 120),
      text('narrow', 100, 110, 200, 120, 'Hello 세계 🎉 こんにちは 世界', {
        fontSize: 28,
        textAlign: 'center',
        verticalAlign: 'middle',
      }),
    ]),
  },
  {
    name: 'text-missing-glyphs',
    description:
      'Sinhala "ආයුබෝවන්" and Linear B "𐀀𐀁", which no shipped font has, drawn as replacement characters (a diamond with a question mark) between Latin words, whatever fonts the machine has; the diagnostics list the characters.',
    doc: card([
      text('t', 10, 40, 380, 160, 'Sinhala ආයුබෝවන් and Linear B 𐀀𐀁 are not drawn in a host font', { fontSize: 30 }),
    ]),
    check: (result) =>
      expect(result.diagnostics.missingGlyphs).toEqual(['ආ', 'ය', 'ු', 'බ', 'ෝ', 'ව', 'න', '්', '𐀀', '𐀁']),
  },
  {
    name: 'text-variables-overrides',
    description:
      'A "Hi {{name}}" title rendered with name=Ada and overrides: red, 44 px, centred, uppercase → "HI ADA"; subtitle keeps its default "by Jane".',
    doc: card(
      [
        text('title', 10, 40, 380, 80, 'Hi {{name}}', { fontSize: 24 }),
        text('subtitle', 10, 140, 380, 40, 'by {{author}}', { fontSize: 22, color: '#64748b', textAlign: 'center' }),
      ],
      {},
      [
        { name: 'name', default: 'there' },
        { name: 'author', default: 'Jane' },
      ],
    ),
    variables: { name: 'Ada' },
    layers: {
      title: { color: '#dc2626', fontSize: 44, textAlign: 'center', textTransform: 'uppercase', fontWeight: 800 },
    },
  },
];
