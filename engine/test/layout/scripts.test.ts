// Every shipped script with the real fonts: right-to-left order (UAX #9 through bidi-js),
// alignment that follows the direction, ellipsis on the correct side, Thai and Khmer
// broken between dictionary words, and a layout trace per script.
import { describe, expect, it } from 'vitest';
import { type TextNode, layoutTemplate, visualRuns } from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';
import { oneTextDocument } from './one-text';

const env = nodeLayoutEnv();

function layout(props: Record<string, unknown>, box = { width: 400, height: 300 }): TextNode {
  const scene = layoutTemplate(oneTextDocument(props, box), {}, env);
  expect(scene.diagnostics.missingGlyphs).toEqual([]);
  const node = scene.nodes[0];
  if (node?.type !== 'text') throw new Error('no text node');
  return node;
}

const trace = (n: TextNode) =>
  n.lines.map((l) => ({
    line: `${l.text} @${l.x.toFixed(2)},${l.baseline.toFixed(2)} w${l.width.toFixed(2)}`,
    ...(l.runs
      ? { runs: l.runs.map((r) => `${r.rtl ? 'rtl' : 'ltr'} ${JSON.stringify(r.text)} @${r.x.toFixed(2)}`) }
      : {}),
  }));

/** The visual order of a line, left to right, as a reader scans it: runs, each in logical order. */
const visual = (n: TextNode, i = 0) => n.lines[i]?.runs?.map((r) => [r.text, r.rtl ? 'rtl' : 'ltr']);

describe('bidi order', () => {
  it('orders "Hello مرحبا 123" as a browser does: the Arabic word right of the number', () => {
    expect(visualRuns('Hello مرحبا 123', 'ltr')).toEqual([
      { text: 'Hello ', level: 0 },
      { text: '123', level: 2 },
      { text: 'مرحبا ', level: 1 },
    ]);
    const node = layout({ text: 'Hello مرحبا 123', fontSize: 32 });
    expect(visual(node)).toEqual([
      ['Hello ', 'ltr'],
      ['123', 'ltr'],
      ['مرحبا ', 'rtl'],
    ]);
    // Runs sit side by side from the line's left edge.
    const runs = node.lines[0]!.runs!;
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.x).toBeCloseTo(runs[i - 1]!.x + runs[i - 1]!.width, 6);
    expect(node.lines[0]!.x).toBe(0);
  });

  it('puts a Latin word right of the Arabic in a right-to-left paragraph, the colon between them', () => {
    const node = layout({ text: 'Layercast: مرحبا', direction: 'rtl', fontSize: 32 });
    expect(visual(node)).toEqual([
      [': مرحبا', 'rtl'],
      ['Layercast', 'ltr'],
    ]);
  });

  it('keeps numbers left to right inside Arabic; brackets stay in right-to-left runs, where the shaper mirrors them', () => {
    // Left to right on the card: "!", "2024", ") " drawn right to left (so "(" on screen),
    // "٤٢", then "السعر (" drawn right to left: read from the right, السعر (٤٢) 2024!
    expect(visualRuns('السعر (٤٢) 2024!', 'rtl')).toEqual([
      { text: '!', level: 1 },
      { text: '2024', level: 2 },
      { text: ') ', level: 1 },
      { text: '٤٢', level: 2 },
      { text: 'السعر (', level: 1 },
    ]);
  });

  it('lays out left-to-right text as before: one run, no bidi runs at all', () => {
    const node = layout({ text: 'Plain English title', fontSize: 32 });
    expect(node.lines[0]!.runs).toBeUndefined();
  });
});

describe('direction and alignment', () => {
  const box = { width: 400, height: 300 };
  const rightEdge = (n: TextNode, i = 0) => n.lines[i]!.x + n.lines[i]!.width;

  it('auto takes the first strong character: Arabic and Hebrew start at the right', () => {
    for (const text of ['مرحبا بالعالم', 'שלום עולם', '123 שלום']) {
      const node = layout({ text, textAlign: 'start', fontSize: 32 }, box);
      expect(rightEdge(node), text).toBeCloseTo(400, 6);
      expect(node.lines[0]!.runs?.every((r) => r.rtl) || node.lines[0]!.runs?.some((r) => r.rtl), text).toBe(true);
    }
    const english = layout({ text: 'Hello שלום', textAlign: 'start', fontSize: 32 }, box);
    expect(english.lines[0]!.x).toBe(0);
  });

  it('end is the other side, and a forced direction wins over the text', () => {
    expect(layout({ text: 'שלום', textAlign: 'end', fontSize: 32 }, box).lines[0]!.x).toBe(0);
    expect(rightEdge(layout({ text: 'Hello', textAlign: 'end', fontSize: 32 }, box))).toBeCloseTo(400, 6);
    expect(rightEdge(layout({ text: 'Hello', direction: 'rtl', textAlign: 'start', fontSize: 32 }, box))).toBeCloseTo(
      400,
      6,
    );
    expect(layout({ text: 'שלום', direction: 'ltr', textAlign: 'start', fontSize: 32 }, box).lines[0]!.x).toBe(0);
    // left, center and right stay physical in either direction.
    expect(layout({ text: 'שלום', textAlign: 'left', fontSize: 32 }, box).lines[0]!.x).toBe(0);
  });

  it('gives each paragraph its own direction under auto', () => {
    const node = layout({ text: 'שלום עולם\nHello world\n١٢٣', textAlign: 'start', fontSize: 32 }, box);
    expect(rightEdge(node, 0)).toBeCloseTo(400, 6);
    expect(node.lines[1]!.x).toBe(0);
    // Only digits: the whole text's first strong character decides (Hebrew, right to left).
    expect(rightEdge(node, 2)).toBeCloseTo(400, 6);
  });

  it('wraps right-to-left text in logical order and ends a cut line with an ellipsis on its left', () => {
    const text = 'هذا نص عربي طويل جدا يجب أن ينتهي بعلامة حذف في النهاية لأنه لا يتسع';
    const node = layout({ text, textAlign: 'start', fontSize: 30, maxLines: 2 }, { width: 300, height: 300 });
    expect(node.truncated).toBe(true);
    expect(node.lines).toHaveLength(2);
    // The first line is the start of the text; words are never split.
    expect(text.startsWith(node.lines[0]!.text)).toBe(true);
    for (const l of node.lines) expect(l.width).toBeLessThanOrEqual(300);
    const last = node.lines[1]!;
    expect(last.text.endsWith('…')).toBe(true);
    // One right-to-left run: its logical end (the ellipsis) is drawn at its left edge.
    expect(last.runs).toHaveLength(1);
    expect(last.runs![0]!.rtl).toBe(true);
    expect(rightEdge(node, 1)).toBeCloseTo(300, 6);
  });
});

describe('spaceless scripts', () => {
  const words = (text: string) =>
    Array.from(new Intl.Segmenter('th', { granularity: 'word' }).segment(text), (s) => s.index);

  for (const [script, family, text] of [
    ['Thai', 'Noto Sans Thai', 'ภาษาไทยเป็นภาษาที่ไม่มีการเว้นวรรคระหว่างคำในประโยคเดียวกัน'],
    ['Khmer', 'Noto Sans Khmer', 'ភាសាខ្មែរគឺជាភាសាផ្លូវការរបស់ប្រទេសកម្ពុជា'],
  ] as const) {
    it(`breaks ${script} only between dictionary words`, () => {
      const node = layout({ text, fontFamily: family, fontSize: 28 }, { width: 220, height: 400 });
      expect(node.lines.length).toBeGreaterThan(1);
      expect(node.lines.map((l) => l.text).join('')).toBe(text);
      const boundaries = new Set(words(text));
      let at = 0;
      for (const l of node.lines) {
        expect(boundaries.has(at), `a line starts at ${at}, inside a word`).toBe(true);
        at += l.text.length;
      }
    });
  }
});

describe('traces', () => {
  const SAMPLES: [string, string, string][] = [
    ['Arabic', 'Noto Sans Arabic', 'مرحبا بالعالم، هذه بطاقة عربية (٢٠٢٤)'],
    ['Hebrew', 'Noto Sans Hebrew', 'שלום עולם, זה כרטיס בעברית 2024'],
    ['Thai', 'Noto Sans Thai', 'สวัสดีครับ ยินดีต้อนรับสู่การ์ดภาษาไทย'],
    ['Devanagari', 'Noto Sans Devanagari', 'नमस्ते दुनिया, यह हिन्दी कार्ड है'],
    ['Bengali', 'Noto Sans Bengali', 'নমস্কার বিশ্ব, এটি একটি বাংলা কার্ড'],
    ['Tamil', 'Noto Sans Tamil', 'வணக்கம் உலகம், இது தமிழ் அட்டை'],
    ['Georgian', 'Noto Sans Georgian', 'გამარჯობა მსოფლიო, ეს ქართული ბარათია'],
    ['Armenian', 'Noto Sans Armenian', 'Բարեւ աշխարհ, սա հայերեն քարտ է'],
    ['Ethiopic', 'Noto Sans Ethiopic', 'ሰላም ዓለም፣ ይህ የአማርኛ ካርድ ነው'],
    ['Khmer', 'Noto Sans Khmer', 'សួស្តីពិភពលោក នេះគឺជាកាតភាសាខ្មែរ'],
  ];
  for (const [script, family, text] of SAMPLES) {
    it(`${script}: in its own family and through the fallback chain`, () => {
      const own = layout({ text, fontFamily: family, fontSize: 28, textAlign: 'start' }, { width: 260, height: 300 });
      const fallback = layout({ text, fontSize: 28, textAlign: 'start' }, { width: 260, height: 300 });
      const letters = (t: string) => t.replace(/ /g, '');
      expect(letters(own.lines.map((l) => l.text).join(''))).toBe(letters(text));
      expect({ own: trace(own), fallback: trace(fallback) }).toMatchSnapshot();
    });
  }
});
