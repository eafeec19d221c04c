// Where lines break and what text is laid out: break opportunities (spaces, no-break
// spaces, zero-width spaces, hyphens), a final line feed, capitalize, the length cap on
// text with variables filled in, and the incremental line filling against a reference
// that measures every candidate line whole.
import { type TemplateDocumentInput, parseTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import {
  MAX_LAID_OUT_TEXT,
  type MeasureContext,
  type TextNode,
  applyTextTransform,
  layoutTemplate,
  tokenize,
} from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';

const env = nodeLayoutEnv();

function render(
  props: Record<string, unknown>,
  variables: Record<string, string> = {},
  box = { width: 400, height: 600 },
) {
  const input: TemplateDocumentInput = {
    version: 4,
    canvas: { width: 1200, height: 1200 },
    layers: [{ name: 't', type: 'text', x: 0, y: 0, ...box, ...props } as never],
    variables: Object.keys(variables).map((name) => ({ name })),
  };
  const doc = parseTemplate(input);
  if (!doc.ok) throw new Error(JSON.stringify(doc.errors));
  return layoutTemplate(doc.value, { variables }, env);
}

function layout(props: Record<string, unknown>, box?: { width: number; height: number }): TextNode {
  const node = render(props, {}, box).nodes[0];
  if (node?.type !== 'text') throw new Error('no text node');
  return node;
}

const texts = (n: TextNode) => n.lines.map((l) => l.text);

/** The width the engine compares with the box: whole-string measure minus trailing spacing. */
function widthOf(font: string, spacing: number, text: string): number {
  env.measure.font = font;
  env.measure.letterSpacing = `${spacing}px`;
  return env.measure.measureText(text).width - spacing;
}

describe('break opportunities', () => {
  it('does not break at no-break spaces', () => {
    // 300 px fits "Price: 100" but not "Price: 100 000 €"; the NBSPs keep the amount whole.
    const node = layout({ text: 'Price: 100\u00a0000\u00a0€ today', fontSize: 40 }, { width: 300, height: 400 });
    expect(texts(node)).toContain('100\u00a0000\u00a0€');
    const plain = layout({ text: 'Price: 100 000 € today', fontSize: 40 }, { width: 300, height: 400 });
    expect(texts(plain)).not.toContain('100 000 €');
  });

  it('breaks at a zero-width space and drops it at the break', () => {
    const word = 'Internationalization';
    const node = layout({ text: `${word}\u200b${word}`, fontSize: 40 }, { width: 460, height: 400 });
    expect(texts(node)).toEqual([word, word]);
    const glued = layout({ text: `${word}${word}`, fontSize: 40 }, { width: 460, height: 400 });
    expect(texts(glued)[0]).not.toBe(word);
  });

  it('never starts a line with a hyphen that follows CJK', () => {
    expect(tokenize('日本-語').map((t) => t.text)).toEqual(['日', '本-', '語']);
    const node = layout({ text: '日本-語', fontSize: 40, fontFamily: 'Noto Sans JP' }, { width: 85, height: 400 });
    expect(texts(node).some((l) => l.startsWith('-'))).toBe(false);
  });

  it('breaks after a hyphen between letters, not in numbers or after a leading minus', () => {
    expect(tokenize('state-of-the-art').map((t) => t.text)).toEqual(['state-', 'of-', 'the-', 'art']);
    expect(tokenize('2020-21 -5 x-').map((t) => t.text)).toEqual(['2020-21', ' ', '-5', ' ', 'x-']);
    const node = layout({ text: 'A state-of-the-art engine', fontSize: 40 }, { width: 260, height: 400 });
    expect(texts(node)[0]).toMatch(/-$/);
    expect(texts(node).join('').replace(/ /g, '')).toBe('Astate-of-the-artengine');
    expect(texts(node).length).toBeGreaterThan(1);
  });

  it('treats a final line feed as the end of the last line, not an empty line', () => {
    expect(texts(layout({ text: 'one\n' }))).toEqual(['one']);
    expect(texts(layout({ text: 'one\n\n' }))).toEqual(['one', '']);
    // Middle alignment centres the one visible line.
    const withFeed = layout({ text: 'one\n', verticalAlign: 'middle' });
    const without = layout({ text: 'one', verticalAlign: 'middle' });
    expect(withFeed.lines[0]?.baseline).toBe(without.lines[0]?.baseline);
  });
});

describe('capitalize', () => {
  it('capitalizes words, not letters after an apostrophe inside a word', () => {
    expect(applyTextTransform("don't stop l'été «quoted» 'single' well-known x(y) 3d", 'capitalize')).toBe(
      "Don't Stop L'été «Quoted» 'Single' Well-Known X(Y) 3d",
    );
  });

  it('uses title case where it differs from upper case, and leaves title-case letters alone', () => {
    expect(applyTextTransform('ßtraße ǆungla ǅemal ŉ ᾳ ᾀx ﬁsh', 'capitalize')).toBe(
      'Sstraße ǅungla ǅemal ʼN ᾼ ᾈx Fish',
    );
  });

  it('keeps connectors and middle dots inside words, as browsers do', () => {
    expect(applyTextTransform('foo_bar @john_doe intel·ligència', 'capitalize')).toBe(
      'Foo_bar @John_doe Intel·ligència',
    );
  });
});

describe('text length after variables', () => {
  it('lays out at most MAX_LAID_OUT_TEXT characters and says so in the diagnostics', () => {
    const value = 'word '.repeat(400);
    const scene = render({ text: '{{v}}'.repeat(10), fontSize: 10 }, { v: value }, { width: 1200, height: 1200 });
    const node = scene.nodes[0] as TextNode;
    const laidOut = node.lines.map((l) => l.text).join(' ');
    expect(laidOut.length).toBeLessThanOrEqual(MAX_LAID_OUT_TEXT);
    expect(scene.diagnostics.layers['t']).toMatchObject({
      textCut: `the text with its variables filled in is ${value.length * 10} characters; the first ${MAX_LAID_OUT_TEXT} were laid out`,
    });
  });

  it('cuts between graphemes, never inside an emoji sequence', () => {
    const family = '👨‍👩‍👧‍👦'; // 11 UTF-16 units
    const scene = render(
      { text: `{{v}}{{v}}{{v}}`, fontSize: 10 },
      { v: family.repeat(180) },
      { width: 1200, height: 1200 },
    );
    const text = (scene.nodes[0] as TextNode).lines.map((l) => l.text).join('');
    expect(text.length % family.length).toBe(0);
    expect(scene.diagnostics.layers['t']).toHaveProperty('textCut');
  });

  it('leaves text under the limit alone', () => {
    expect(render({ text: 'short' }).diagnostics.layers['t']).not.toHaveProperty('textCut');
  });
});

/** A reference that measures every candidate line whole: the definition of greedy filling. */
function referenceLines(node: TextNode, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let pending = '';
    for (const token of tokenize(paragraph)) {
      if (token.space) {
        if (line) pending += token.text;
        continue;
      }
      const candidate = line + pending + token.text;
      pending = '';
      if (!line || widthOf(node.font, node.letterSpacing, candidate) <= maxWidth) line = candidate;
      else {
        lines.push(line);
        line = token.text;
      }
    }
    lines.push(line);
  }
  return lines;
}

describe('incremental line filling', () => {
  const samples = [
    'The quick brown fox jumps over the lazy dog while five boxing wizards jump quickly. AVAVAV To Ty Yo WA',
    'Kerning pairs at every seam: AV AV AV Ta Ta Ta Yo Yo Yo LT LT LT PA PA PA We We We',
    '한국어 텍스트는 띄어쓰기가 있지만 한자와 가나는 글자마다 나눌 수 있습니다 日本語のテキストも、句読点。を含めて折り返します',
    'Mixed 🎉 emoji 👨‍👩‍👧‍👦 and flags 🇰🇷🇯🇵 between words, with state-of-the-art hyphens',
  ];
  const cases = samples.flatMap((text) =>
    [180, 233, 301, 377].flatMap((width) => [0, 3.5, -1].map((letterSpacing) => ({ text, width, letterSpacing }))),
  );

  it.each(cases)(
    'breaks where whole-line measuring does: $width px, spacing $letterSpacing',
    ({ text, width, letterSpacing }) => {
      const node = layout({ text, fontSize: 27, letterSpacing }, { width, height: 2000 });
      expect(texts(node)).toEqual(referenceLines(node, text, width));
      for (const line of node.lines)
        expect(line.width).toBeCloseTo(widthOf(node.font, node.letterSpacing, line.text), 3);
    },
  );

  it.each([
    ['1920x1080x2560x1440', 'Inter', 100, 324], // Inter draws the x between digits as ×
    ['affluentaffluentaffluent', 'Noto Serif', 60, 200], // ffl ligatures
    ['1x2x3x4x5x6x7x8x9', 'Inter', 13, 52.4],
  ])(
    'breaks a word too wide for the box where measuring whole pieces does: %s',
    (word, fontFamily, fontSize, width) => {
      const node = layout({ text: word, fontFamily, fontSize }, { width, height: 2000 });
      const lines = texts(node);
      expect(lines.join('')).toBe(word);
      for (const [i, line] of lines.entries()) {
        expect(widthOf(node.font, node.letterSpacing, line), line).toBeLessThanOrEqual(width);
        // Greedy: the next grapheme would not have fitted.
        const next = lines[i + 1]?.[0];
        if (next) expect(widthOf(node.font, node.letterSpacing, line + next), line).toBeGreaterThan(width);
      }
    },
  );

  it('measures each word about once, not once per word that follows it on the line', () => {
    let measured = 0;
    const counting: MeasureContext = {
      get font() {
        return env.measure.font;
      },
      set font(v) {
        env.measure.font = v;
      },
      get letterSpacing() {
        return env.measure.letterSpacing;
      },
      set letterSpacing(v) {
        env.measure.letterSpacing = v;
      },
      measureText(t) {
        measured += t.length;
        return env.measure.measureText(t);
      },
    };
    const doc = parseTemplate({
      version: 2,
      canvas: { width: 4096, height: 4096 },
      layers: [
        {
          name: 't',
          type: 'text',
          width: 4000,
          height: 4000,
          text: '漢字かな'.repeat(500),
          fontSize: 200,
          autoFit: true,
          minFontSize: 4,
        },
      ],
    });
    if (!doc.ok) throw new Error('invalid');
    layoutTemplate(doc.value, {}, { ...env, measure: counting });
    // 2,000 characters tried at about ten sizes: a few thousand characters measured when
    // filling is incremental (repeated words are cached), millions when every candidate
    // line is measured whole.
    expect(measured).toBeLessThan(50_000);
  });
});

describe('padding', () => {
  it('is capped per axis: a short wide box keeps its full side padding', () => {
    const node = layout(
      { text: 'Buy now', fontSize: 20, padding: 24, background: '#ffff00' },
      { width: 300, height: 40 },
    );
    expect(node.lines[0]?.x).toBe(24);
    expect(node.highlight?.rects[0]?.x).toBe(0);
  });

  it('never takes more than the box: centred text stays centred when padding exceeds half the box', () => {
    const node = layout(
      { text: 'W', fontSize: 20, padding: 300, textAlign: 'center', verticalAlign: 'middle' },
      { width: 400, height: 200 },
    );
    const line = node.lines[0];
    expect(line).toBeDefined();
    expect((line?.x ?? 0) + (line?.width ?? 0) / 2).toBeCloseTo(200, 5);
  });
});

describe('characters no shipped font has', () => {
  it('are laid out as U+FFFD and named in the diagnostics', () => {
    // Linear B and Sinhala: no shipped family covers them.
    const scene = render({ text: 'Hello 𐀀 ආයුබෝවන් world' });
    const node = scene.nodes[0] as TextNode;
    expect(node.lines.map((l) => l.text).join(' ')).toBe(
      'Hello \ufffd \ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd\ufffd world',
    );
    expect(scene.diagnostics.missingGlyphs).toEqual(['𐀀', 'ආ', 'ය', 'ු', 'බ', 'ෝ', 'ව', 'න', '්']);
  });

  it('leaves covered text, emoji sequences and joiners alone', () => {
    const text = 'Zoë 세계 日本 🇰🇷 👩‍💻 1️⃣ a\u00a0b\u200bc مرحبا שלום สวัสดี नमस्ते ሰላም';
    const node = render({ text }).nodes[0] as TextNode;
    expect(node.lines.map((l) => l.text).join('')).not.toContain('\ufffd');
  });
});
