// Layout traces with the real fonts: exact line breaks and positions for a matrix of text
// cases, plus the rules each trace must obey (greedy breaks, alignment, limits).
import { parseTemplate } from '@layercast/shared';
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { type TextNode, layoutTemplate, paintScene, splitGraphemes } from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';
import { oneTextDocument } from './one-text';

const env = nodeLayoutEnv();

type TextProps = Record<string, unknown>;

function layout(props: TextProps, box = { width: 400, height: 300 }): TextNode {
  const node = layoutTemplate(oneTextDocument(props, box), {}, env).nodes[0];
  if (node?.type !== 'text') throw new Error('no text node');
  return node;
}

/** The measured width of a string in a node's font, without trailing letter spacing. */
function widthOf(node: TextNode, text: string): number {
  env.measure.font = node.font;
  env.measure.letterSpacing = `${node.letterSpacing}px`;
  return env.measure.measureText(text).width - node.letterSpacing;
}

const trace = (n: TextNode) => ({
  fontSize: n.fontSize,
  truncated: n.truncated,
  lines: n.lines.map((l) => `${l.text} @${l.x.toFixed(2)},${l.baseline.toFixed(2)} w${l.width.toFixed(2)}`),
});

const PANGRAM = 'The quick brown fox jumps over the lazy dog while the five boxing wizards jump quickly';

describe('wrapping', () => {
  it('breaks greedily: every line fits and the next word would not', () => {
    const node = layout({ text: PANGRAM, fontSize: 32 });
    const words = PANGRAM.split(' ');
    expect(node.lines.map((l) => l.text).join(' ')).toBe(PANGRAM);
    let consumed = 0;
    for (const line of node.lines.slice(0, -1)) {
      expect(line.width).toBeLessThanOrEqual(400);
      consumed += line.text.split(' ').length;
      const withNext = `${line.text} ${words[consumed]}`;
      expect(widthOf(node, withNext)).toBeGreaterThan(400);
    }
    expect(trace(node)).toMatchSnapshot();
  });

  it('honours hard breaks and keeps empty lines', () => {
    const node = layout({ text: 'one\n\nthree', fontSize: 20, lineHeight: 1.5 });
    expect(node.lines.map((l) => l.text)).toEqual(['one', '', 'three']);
    expect(node.lines[2]!.baseline - node.lines[0]!.baseline).toBeCloseTo(60);
  });

  it('keeps indentation at the start of a paragraph but not at wrapped line starts', () => {
    const node = layout({
      text: 'curl https://x\n  -H "Auth"\n    -d body',
      fontFamily: 'JetBrains Mono',
      fontSize: 20,
    });
    expect(node.lines.map((l) => l.text)).toEqual(['curl https://x', '  -H "Auth"', '    -d body']);
    expect(node.lines[1]!.width).toBeGreaterThan(widthOf(node, '-H "Auth"'));
    const wrapped = layout({ text: PANGRAM, fontSize: 32 });
    for (const l of wrapped.lines) expect(l.text.startsWith(' ')).toBe(false);
  });

  it('wordBreak keep-all breaks Korean only at spaces', () => {
    const text = '렌더링의 품질은 글꼴과 줄바꿈에서 시작됩니다';
    const node = layout(
      { text, fontFamily: 'Noto Sans KR', fontSize: 36, wordBreak: 'keep-all' },
      { width: 300, height: 400 },
    );
    const words = text.split(' ');
    for (const l of node.lines) for (const w of l.text.split(' ')) expect(words).toContain(w);
    const normal = layout({ text, fontFamily: 'Noto Sans KR', fontSize: 36 }, { width: 300, height: 400 });
    expect(normal.lines.some((l) => l.text.split(' ').some((w) => !words.includes(w)))).toBe(true);
  });

  it('breaks a word longer than the box between characters', () => {
    const node = layout({ text: 'Supercalifragilisticexpialidocious', fontSize: 40 }, { width: 200, height: 300 });
    expect(node.lines.length).toBeGreaterThan(1);
    expect(node.lines.map((l) => l.text).join('')).toBe('Supercalifragilisticexpialidocious');
    for (const l of node.lines) expect(l.width).toBeLessThanOrEqual(200);
  });

  it('breaks Korean, Japanese and Chinese between characters, never before closing punctuation', () => {
    for (const [text, family] of [
      ['한국어 문장은 글자 사이에서도 줄을 바꿀 수 있습니다.', 'Noto Sans KR'],
      ['日本語の文章は文字の間で改行できます。句読点は行頭に来ません。', 'Noto Sans JP'],
      ['中文句子可以在任意两个汉字之间换行，标点不能出现在行首。', 'Noto Sans SC'],
    ] as const) {
      const node = layout({ text, fontFamily: family, fontSize: 36 }, { width: 300, height: 400 });
      expect(node.lines.length).toBeGreaterThan(2);
      expect(
        node.lines
          .map((l) => l.text)
          .join('')
          .replace(/\s/g, ''),
      ).toBe(text.replace(/\s/g, ''));
      for (const l of node.lines) {
        expect(l.width).toBeLessThanOrEqual(300);
        expect('。、，.'.includes(l.text[0] ?? '')).toBe(false);
      }
      expect(trace(node)).toMatchSnapshot(family);
    }
  });

  it('never splits an emoji sequence and measures emoji as wide glyphs', () => {
    const node = layout(
      { text: 'Team 👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻👩‍💻 shipped 🎉', fontSize: 40 },
      { width: 240, height: 400 },
    );
    const all = node.lines.flatMap((l) => splitGraphemes(l.text));
    expect(all.filter((g) => g === '👩‍💻')).toHaveLength(8);
    expect(widthOf(node, '🎉')).toBeGreaterThan(30);
    expect(trace(node)).toMatchSnapshot();
  });
});

describe('alignment', () => {
  for (const textAlign of ['left', 'center', 'right'] as const) {
    for (const verticalAlign of ['top', 'middle', 'bottom'] as const) {
      it(`${textAlign} × ${verticalAlign}`, () => {
        const node = layout({
          text: 'Align me in the box please',
          fontSize: 40,
          textAlign,
          verticalAlign,
          lineHeight: 1.25,
        });
        for (const l of node.lines) {
          const expectedX = textAlign === 'left' ? 0 : textAlign === 'center' ? (400 - l.width) / 2 : 400 - l.width;
          expect(l.x).toBeCloseTo(expectedX, 5);
        }
        const block = node.lines.length * 50;
        const top = verticalAlign === 'top' ? 0 : verticalAlign === 'middle' ? (300 - block) / 2 : 300 - block;
        const firstBaseline = node.lines[0]!.baseline;
        const m = env.metrics('Inter');
        expect(firstBaseline).toBeCloseTo(top + (50 - (m.ascent + m.descent) * 40) / 2 + m.ascent * 40, 5);
        expect(trace(node)).toMatchSnapshot();
      });
    }
  }

  it('centres lines with letter spacing without the trailing space', () => {
    const node = layout({ text: 'SPACED', fontSize: 40, letterSpacing: 12, textAlign: 'center' });
    const plain = layout({ text: 'SPACED', fontSize: 40, textAlign: 'center' });
    expect(node.lines[0]!.width).toBeCloseTo(plain.lines[0]!.width + 12 * 5, 1);
    expect(node.lines[0]!.x * 2 + node.lines[0]!.width).toBeCloseTo(400, 5);
  });
});

describe('limits', () => {
  it('maxLines cuts the text and ends the last line with an ellipsis that fits', () => {
    const node = layout({ text: PANGRAM, fontSize: 32, maxLines: 2 });
    expect(node.lines).toHaveLength(2);
    expect(node.truncated).toBe(true);
    expect(node.lines[1]!.text.endsWith('…')).toBe(true);
    expect(node.lines[1]!.width).toBeLessThanOrEqual(400);
    expect(trace(node)).toMatchSnapshot();
  });

  it('overflow clip cuts without an ellipsis', () => {
    const node = layout({ text: PANGRAM, fontSize: 32, maxLines: 2, overflow: 'clip' });
    expect(node.lines).toHaveLength(2);
    expect(node.lines[1]!.text.endsWith('…')).toBe(false);
    expect(node.truncated).toBe(true);
  });

  it('never draws more lines than fit the box height', () => {
    const node = layout({ text: PANGRAM, fontSize: 32, lineHeight: 1.25 }, { width: 400, height: 90 });
    expect(node.lines).toHaveLength(2);
    expect(node.truncated).toBe(true);
  });

  it('autoFit shrinks to the largest size on the 0.5 px grid that fits, words unbroken', () => {
    const props = { text: PANGRAM, fontSize: 80, autoFit: true, minFontSize: 10, lineHeight: 1.2 };
    const node = layout(props, { width: 400, height: 200 });
    expect(node.fontSize).toBeLessThan(80);
    expect(node.truncated).toBe(false);
    expect(node.lines.map((l) => l.text).join(' ')).toBe(PANGRAM);
    expect(node.lines.length * node.fontSize * 1.2).toBeLessThanOrEqual(200 + 0.01);
    const bigger = layout({ ...props, fontSize: node.fontSize + 0.5, autoFit: false }, { width: 400, height: 200 });
    expect(bigger.truncated).toBe(true);
    expect(trace(node)).toMatchSnapshot();
  });

  it('autoFit stops at minFontSize and then truncates', () => {
    const node = layout(
      { text: PANGRAM.repeat(4), fontSize: 60, autoFit: true, minFontSize: 30 },
      { width: 400, height: 120 },
    );
    expect(node.fontSize).toBe(30);
    expect(node.truncated).toBe(true);
    expect(node.lines.at(-1)!.text.endsWith('…')).toBe(true);
  });

  it('autoFit with maxLines fits the lines into the count', () => {
    const node = layout(
      { text: PANGRAM, fontSize: 80, autoFit: true, minFontSize: 8, maxLines: 2 },
      { width: 400, height: 300 },
    );
    expect(node.lines).toHaveLength(2);
    expect(node.truncated).toBe(false);
  });

  it('scales letter spacing with the font when autoFit shrinks it', () => {
    const node = layout({ text: PANGRAM, fontSize: 80, letterSpacing: 4, autoFit: true }, { width: 400, height: 200 });
    expect(node.letterSpacing).toBeCloseTo(4 * (node.fontSize / 80), 5);
  });
});

describe('styles', () => {
  it('applies text transforms before measuring', () => {
    const upper = layout({ text: 'make it loud', textTransform: 'uppercase', fontSize: 40 });
    expect(upper.lines[0]!.text).toBe('MAKE IT LOUD');
    expect(upper.lines[0]!.width).toBeGreaterThan(layout({ text: 'make it loud', fontSize: 40 }).lines[0]!.width);
  });

  it('letter spacing widens lines and so wraps earlier', () => {
    const tight = layout({ text: PANGRAM, fontSize: 32 });
    const wide = layout({ text: PANGRAM, fontSize: 32, letterSpacing: 6 });
    expect(wide.lines.length).toBeGreaterThan(tight.lines.length);
    expect(trace(wide)).toMatchSnapshot();
  });

  it('weights and italics change the measured width', () => {
    const w = (props: TextProps) => layout({ text: 'Weighty words', fontSize: 40, ...props }).lines[0]!.width;
    expect(w({ fontWeight: 900 })).toBeGreaterThan(w({ fontWeight: 400 }));
    expect(w({ fontWeight: 400 })).toBeGreaterThan(w({ fontWeight: 100 }));
    expect(w({ fontWeight: 'bold' })).toBe(w({ fontWeight: 700 }));
    expect(layout({ text: 'x', fontStyle: 'italic' }).font.startsWith('italic ')).toBe(true);
  });

  it('rotation moves the box, not the lines', () => {
    // Where paint puts each line: the origin of every fillText call in canvas pixels.
    const blank = parseTemplate({ version: 2, canvas: { width: 800, height: 600 }, layers: [] });
    if (!blank.ok) throw new Error('invalid');
    const painted = (node: TextNode) => {
      const ctx = createCanvas(800, 600).getContext('2d');
      const drawn: { text: string; x: number; y: number }[] = [];
      const fillText = ctx.fillText.bind(ctx);
      ctx.fillText = (text: string, x: number, y: number) => {
        const m = ctx.getTransform();
        drawn.push({ text, x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f });
        fillText(text, x, y);
      };
      const scene = { ...layoutTemplate(blank.value, {}, env), nodes: [node] };
      paintScene(ctx as unknown as CanvasRenderingContext2D, scene, new Map(), { layerSurfaces: null });
      return drawn;
    };

    const straight = layout({ text: PANGRAM, fontSize: 32 });
    expect(straight.lines.length).toBeGreaterThan(2);
    expect(painted(straight)).toEqual(straight.lines.map((l) => ({ text: l.text, x: 10 + l.x, y: 20 + l.baseline })));
    // Angles whose rotated bounding box is wider (30°: 496 px) or narrower (90°: 300 px)
    // than the box, so a layout that wrapped to it would break the lines elsewhere.
    for (const rotation of [30, 90, -45]) {
      const rotated = layout({ text: PANGRAM, fontSize: 32, rotation });
      expect(rotated.rotation).toBe(rotation);
      // Laid out in the box's own frame: the same lines, positions, size, box and ink;
      // only the frame and the box's bounds on the canvas turn.
      expect({ ...rotated, rotation: 0, frame: straight.frame, bounds: straight.bounds }).toEqual(straight);
      expect(rotated.frame).toMatchObject({ centerX: 210, centerY: 170, pivotX: 200, pivotY: 150, rotation });
      // Paint turns the box about its centre: each line lands where rotating the
      // unrotated line about (x + width/2, y + height/2) puts it.
      const [cos, sin] = [Math.cos((rotation * Math.PI) / 180), Math.sin((rotation * Math.PI) / 180)];
      const [cx, cy] = [10 + 400 / 2, 20 + 300 / 2];
      const drawn = painted(rotated);
      expect(drawn.map((d) => d.text)).toEqual(straight.lines.map((l) => l.text));
      for (const [i, l] of straight.lines.entries()) {
        const [dx, dy] = [l.x - 400 / 2, l.baseline - 300 / 2];
        expect(drawn[i]!.x, `line ${i} x at ${rotation}°`).toBeCloseTo(cx + cos * dx - sin * dy, 3);
        expect(drawn[i]!.y, `line ${i} y at ${rotation}°`).toBeCloseTo(cy + sin * dx + cos * dy, 3);
      }
    }
  });

  it('variables are substituted before layout, with defaults', () => {
    const doc = parseTemplate({
      version: 2,
      canvas: { width: 400, height: 200 },
      variables: [{ name: 'author', default: 'Jane' }],
      layers: [{ name: 't', type: 'text', width: 400, height: 200, text: 'By {{author}} and {{ nobody }}' }],
    });
    if (!doc.ok) throw new Error('invalid');
    const text = (values: Record<string, string>) => {
      const n = layoutTemplate(doc.value, { variables: values }, env).nodes[0] as TextNode;
      return n.lines.map((l) => l.text).join(' ');
    };
    expect(text({})).toBe('By Jane and {{ nobody }}');
    expect(text({ author: 'Kim' })).toBe('By Kim and {{ nobody }}');
  });

  it('reports an unknown family and lays out with the default', () => {
    const doc = parseTemplate({
      version: 2,
      canvas: { width: 400, height: 200 },
      layers: [{ name: 't', type: 'text', width: 400, height: 200, text: 'Hi', fontFamily: 'Comic Sans MS' }],
    });
    if (!doc.ok) throw new Error('invalid');
    const scene = layoutTemplate(doc.value, {}, env);
    expect(scene.diagnostics.layers.t).toMatchObject({
      type: 'text',
      fontFallback: expect.stringContaining('Comic Sans MS'),
    });
    expect((scene.nodes[0] as TextNode).family).toBe('Inter');
  });

  it('reports characters no font can draw', () => {
    const doc = parseTemplate({
      version: 2,
      canvas: { width: 400, height: 200 },
      layers: [{ name: 't', type: 'text', width: 400, height: 200, text: 'Hello 세계 🎉 \u{10000}' }],
    });
    if (!doc.ok) throw new Error('invalid');
    expect(layoutTemplate(doc.value, {}, env).diagnostics.missingGlyphs).toEqual(['\u{10000}']);
  });
});
