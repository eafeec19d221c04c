// Layout trace matrix: alignment × letter spacing × script × fitting mode, plus the edge
// cases around them (padding, line height, vertical alignment with truncation, hard breaks,
// an unbreakable URL, rotation), laid out with the real fonts. Each case is pinned by a
// snapshot of its exact lines and also checked against the rules any correct layout obeys,
// so a reviewed `-u` can move a line by a pixel but cannot hide a broken rule.
import type { TextLayer } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { type TextNode, layoutTemplate, rotatedBounds, splitGraphemes, tokenize } from '../../src/index';
import { nodeLayoutEnv } from '../../src/node/index';
import { oneTextDocument } from './one-text';

const env = nodeLayoutEnv();
const ELLIPSIS = '…';
/** Closing punctuation that must stay on the line of the character before it. */
const NO_LINE_START = new Set([...'、。，．！？」』）']);
/** Opening brackets that must go down with the character after them. */
const NO_LINE_END = new Set([...'「『（']);

interface Case {
  name: string;
  /** Layer properties besides the box. No textTransform or variables: `text` is what is laid out. */
  props: Record<string, unknown> & { text: string };
  box: { width: number; height: number };
  /** What this case exists to show, beyond the rules every case obeys. */
  check?: (node: TextNode, lines: LineSpans) => void;
}

interface Laid {
  layer: TextLayer;
  node: TextNode;
}

function layout(props: Case['props'], box: Case['box']): Laid {
  const doc = oneTextDocument(props, box);
  const layer = doc.layers[0];
  const node = layoutTemplate(doc, {}, env).nodes[0];
  if (layer?.type !== 'text' || node?.type !== 'text') throw new Error('no text node');
  return { layer, node };
}

/** The measured width of a string in a node's font, without trailing letter spacing. */
function widthOf(node: TextNode, text: string): number {
  env.measure.font = node.font;
  env.measure.letterSpacing = `${node.letterSpacing}px`;
  return env.measure.measureText(text).width - node.letterSpacing;
}

const r2 = (v: number) => Math.round(v * 100) / 100;
const trace = (n: TextNode) => ({
  fontSize: n.fontSize,
  truncated: n.truncated,
  lines: n.lines.map((l) => [l.text, r2(l.x), r2(l.baseline), r2(l.width)]),
});
const nonSpace = (s: string) => s.replace(/\s/gu, '');

interface LineSpans {
  /** Each line's slice [start, end) of the text; null for a line that is only an ellipsis. */
  spans: ({ start: number; end: number } | null)[];
  /** Breaks inside a token (not at a space or between CJK characters). */
  midTokenBreaks: number;
}

/**
 * Where each line sits in the text. A line is a contiguous slice of the text (the
 * ellipsis aside), and consecutive lines are separated by whitespace only: nothing is
 * dropped, reordered or invented, and every paragraph, empty ones included, gets a line.
 */
function locateLines(layer: TextLayer, node: TextNode): LineSpans {
  const text = layer.text;
  const last = node.lines.length - 1;
  const ellipsized = node.truncated && layer.overflow === 'ellipsis';
  const graphemeEdges = new Set([0]);
  let offset = 0;
  for (const g of splitGraphemes(text)) {
    offset += g.length;
    graphemeEdges.add(offset);
  }
  let cursor = 0;
  const spans = node.lines.map((line, i) => {
    const shown = ellipsized && i === last ? line.text.slice(0, -ELLIPSIS.length) : line.text;
    if (ellipsized && i === last && shown === '') return null;
    const start = shown === '' ? (i === 0 ? 0 : text.indexOf('\n', cursor) + 1) : text.indexOf(shown, cursor);
    const what = `line ${i} ${JSON.stringify(line.text)}`;
    expect(start, `${what} is a slice of the text after line ${i - 1}`).toBeGreaterThanOrEqual(cursor);
    const gap = text.slice(cursor, start);
    expect(gap.trim(), `${what}: only whitespace is skipped before it`).toBe('');
    expect(gap.split('\n').length - 1, `${what}: no paragraph is skipped before it`).toBeLessThanOrEqual(1);
    expect(graphemeEdges.has(start) && graphemeEdges.has(start + shown.length), `${what} splits no grapheme`).toBe(
      true,
    );
    cursor = start + shown.length;
    return { start, end: cursor };
  });
  if (!node.truncated) expect(text.slice(cursor).trim(), 'nothing is left out when not truncated').toBe('');

  // Breaks inside a paragraph: at a break opportunity, and greedy (the next token would
  // not have fitted), or inside a token only when that token alone is wider than the box.
  const innerWidth = Math.max(1, layer.width - 2 * layer.padding);
  const keepAll = layer.wordBreak === 'keep-all';
  let midTokenBreaks = 0;
  for (let i = 0; i < spans.length - 1; i++) {
    const a = spans[i];
    const b = spans[i + 1];
    if (!a || !b || text.slice(a.end, b.start).includes('\n') || b.start === b.end) continue;
    const paraStart = text.lastIndexOf('\n', b.start - 1) + 1;
    const paraEnd = text.indexOf('\n', b.start) === -1 ? text.length : text.indexOf('\n', b.start);
    let token: { text: string; start: number } | undefined;
    let at = paraStart;
    for (const t of tokenize(text.slice(paraStart, paraEnd), keepAll)) {
      if (at <= b.start && b.start < at + t.text.length) token = { text: t.text, start: at };
      at += t.text.length;
    }
    if (!token) throw new Error(`no token at ${b.start}`);
    const what = `break before line ${i + 1} ${JSON.stringify(node.lines[i + 1]?.text)}`;
    if (token.start === b.start) {
      const candidate = text.slice(a.start, b.start) + token.text;
      expect(widthOf(node, candidate), `${what} is greedy: ${JSON.stringify(candidate)} overflows`).toBeGreaterThan(
        innerWidth,
      );
    } else {
      midTokenBreaks++;
      expect(
        widthOf(node, token.text),
        `${what} is inside ${JSON.stringify(token.text)}, so it must be too wide`,
      ).toBeGreaterThan(innerWidth);
      const next = splitGraphemes(text.slice(b.start))[0];
      expect(widthOf(node, text.slice(a.start, a.end) + next), `${what} is greedy inside the word`).toBeGreaterThan(
        innerWidth,
      );
    }
  }
  return { spans, midTokenBreaks };
}

/** The rules every layout obeys, whatever the case. */
function checkRules(c: Case, { layer, node }: Laid): LineSpans {
  const pad = layer.padding;
  const innerWidth = Math.max(1, layer.width - 2 * pad);
  const innerHeight = Math.max(1, layer.height - 2 * pad);
  const size = node.fontSize;
  const lineHeightPx = layer.lineHeight * size;
  const lines = node.lines;
  expect(lines.length).toBeGreaterThan(0);

  // Font size: as asked, or with autoFit the largest size on the 0.5 grid within
  // [minFontSize, fontSize] (checked against the next size up below).
  if (layer.autoFit) {
    expect(size).toBeGreaterThanOrEqual(Math.min(layer.minFontSize, layer.fontSize));
    expect(size).toBeLessThanOrEqual(layer.fontSize);
    if (size !== layer.fontSize) expect(Number.isInteger(size * 2), `${size} is on the 0.5 grid`).toBe(true);
    if (size > layer.minFontSize) expect(node.truncated, 'autoFit above the minimum fits everything').toBe(false);
  } else expect(size).toBe(layer.fontSize);
  expect(node.lineHeightPx).toBeCloseTo(lineHeightPx, 9);
  expect(node.letterSpacing).toBeCloseTo(layer.letterSpacing * (size / layer.fontSize), 9);

  // Line count: within maxLines and the box height (one line at least).
  const byHeight = Math.max(1, Math.floor((innerHeight + 0.01) / lineHeightPx));
  expect(lines.length).toBeLessThanOrEqual(Math.min(layer.maxLines ?? Number.POSITIVE_INFINITY, byHeight));

  // Horizontal geometry.
  for (const [i, l] of lines.entries()) {
    const what = `line ${i} ${JSON.stringify(l.text)}`;
    expect(l.width, `${what} fits the inner width`).toBeLessThanOrEqual(innerWidth + 0.5);
    expect(l.width, `${what} reports its measured width`).toBeCloseTo(widthOf(node, l.text), 2);
    if (layer.textAlign === 'left') expect(l.x, `${what} starts at the padding`).toBeCloseTo(pad, 2);
    if (layer.textAlign === 'right')
      expect(l.x + l.width, `${what} ends at the padding`).toBeCloseTo(layer.width - pad, 2);
    if (layer.textAlign === 'center') expect(l.x + l.width / 2, `${what} is centred`).toBeCloseTo(layer.width / 2, 2);
  }

  // Vertical geometry: baselines one line height apart, the block placed per verticalAlign
  // with CSS half-leading (the font's ascent+descent centred in each line box).
  for (let i = 1; i < lines.length; i++) {
    expect(lines[i]!.baseline - lines[i - 1]!.baseline, `baseline ${i} steps one line height`).toBeCloseTo(
      lineHeightPx,
      6,
    );
  }
  const m = env.metrics(node.family);
  const top = lines[0]!.baseline - (lineHeightPx - (m.ascent + m.descent) * size) / 2 - m.ascent * size;
  const block = lines.length * lineHeightPx;
  const expectedTop = { top: pad, middle: pad + (innerHeight - block) / 2, bottom: pad + innerHeight - block }[
    layer.verticalAlign
  ];
  expect(top, `block top for verticalAlign ${layer.verticalAlign}`).toBeCloseTo(expectedTop, 6);

  // Text: the ellipsis exactly when truncated with overflow ellipsis; the shown characters
  // are the text's (all of them, or a strict prefix when truncated).
  const ellipsized = node.truncated && layer.overflow === 'ellipsis';
  for (const [i, l] of lines.entries()) {
    const isLast = i === lines.length - 1;
    expect(l.text.includes(ELLIPSIS), `line ${i} ${JSON.stringify(l.text)} ellipsis`).toBe(ellipsized && isLast);
    if (ellipsized && isLast) expect(l.text.endsWith(ELLIPSIS)).toBe(true);
  }
  const shown = nonSpace(lines.map((l) => l.text).join('')).replace(ELLIPSIS, '');
  const all = nonSpace(layer.text);
  if (node.truncated) {
    expect(all.startsWith(shown), 'the shown text is the start of the text').toBe(true);
    expect(shown.length).toBeLessThan(all.length);
  } else expect(shown).toBe(all);

  const located = locateLines(layer, node);
  for (const [i, l] of lines.entries()) {
    const span = located.spans[i];
    const what = `line ${i} ${JSON.stringify(l.text)}`;
    const paragraphStart =
      span !== null && span !== undefined && (span.start === 0 || layer.text[span.start - 1] === '\n');
    if (/^\s/u.test(l.text))
      expect(paragraphStart, `${what} starts with a space only as paragraph indentation`).toBe(true);
    expect(/\s$/u.test(l.text), `${what} has no trailing space`).toBe(false);
    expect(NO_LINE_START.has(l.text[0] ?? ''), `${what} starts with closing punctuation`).toBe(false);
    if (!(ellipsized && i === lines.length - 1))
      expect(NO_LINE_END.has(l.text.at(-1) ?? ''), `${what} ends with an opening bracket`).toBe(false);
  }

  // Rotation turns the box about its centre at paint time and never changes the layout:
  // only the frame and the box's bounds on the canvas turn.
  for (const rotation of [45, 90, -30]) {
    const turned = layout({ ...c.props, rotation }, c.box).node;
    expect(turned.rotation).toBe(rotation);
    expect(turned.frame.rotation).toBe(rotation);
    expect(turned.bounds).toEqual(
      rotatedBounds({ x: node.x, y: node.y, width: node.width, height: node.height }, rotation),
    );
    expect(
      { ...turned, rotation: node.rotation, frame: node.frame, bounds: node.bounds },
      `rotation ${rotation} keeps lines and box`,
    ).toEqual(node);
  }

  // autoFit chose the largest size that fits: half a pixel more overflows or breaks a word.
  if (layer.autoFit && size < layer.fontSize && size >= layer.minFontSize && !node.truncated) {
    const up = size + 0.5;
    const bigger = layout(
      { ...c.props, autoFit: false, fontSize: up, letterSpacing: layer.letterSpacing * (up / layer.fontSize) },
      c.box,
    );
    const broke = locateLines(bigger.layer, bigger.node).midTokenBreaks > 0;
    expect(bigger.node.truncated || broke, `${up}px would also have fitted`).toBe(true);
  }
  return located;
}

const LATIN = 'The quick brown fox jumps over the lazy dog while the five boxing wizards jump quickly';
const SCRIPTS = {
  latin: { text: LATIN, fontFamily: 'Inter' },
  japanese: {
    text: '日本語の「文章」は文字の間で改行できます、句読点は行頭に来ません。次の文も続きます。',
    fontFamily: 'Noto Sans JP',
  },
  korean: {
    text: '한국어 문장은 글자 사이에서도 줄을 바꿀 수 있습니다. 두 번째 문장도 이어집니다.',
    fontFamily: 'Noto Sans KR',
  },
  mixed: { text: 'Hello 세계 🎉 layouts for everyone 👩‍💻 today, 안녕하세요 world 🚀 again', fontFamily: 'Inter' },
} as const;
const MODES = {
  wrap: { props: { fontSize: 28 }, box: { width: 300, height: 320 } },
  'maxLines 2 ellipsis': {
    props: { fontSize: 28, maxLines: 2, overflow: 'ellipsis' },
    box: { width: 300, height: 320 },
  },
  'autoFit min 12': { props: { fontSize: 64, autoFit: true, minFontSize: 12 }, box: { width: 300, height: 160 } },
} as const;

const generated: Case[] = [];
for (const [script, s] of Object.entries(SCRIPTS)) {
  for (const [mode, m] of Object.entries(MODES)) {
    for (const textAlign of ['left', 'center', 'right'] as const) {
      for (const letterSpacing of [0, 4, -1]) {
        generated.push({
          name: `${script} · ${mode} · ${textAlign} · letterSpacing ${letterSpacing}`,
          props: { ...s, ...m.props, textAlign, letterSpacing },
          box: m.box,
          check: (node) => {
            if (mode === 'maxLines 2 ellipsis') expect(node.lines.length).toBeLessThanOrEqual(2);
            if (mode === 'autoFit min 12') expect(node.fontSize).toBeLessThan(64);
          },
        });
      }
    }
  }
}

const HARD_BREAKS = 'A title line\n\nAfter one empty line\n\n\nAfter two empty lines';
const URL_TEXT = 'See https://layercast.example.com/templates/summersale/render?size=1200x630&format=png for details';
const ZH = '中文句子可以在任意两个汉字之间换行，标点不能出现在行首。这一句会被省略号截断。';
const JA = SCRIPTS.japanese;

const edges: Case[] = [
  {
    name: 'CJK ellipsis · Chinese · right · maxLines 3',
    props: { text: ZH, fontFamily: 'Noto Sans SC', fontSize: 30, maxLines: 3, textAlign: 'right' },
    box: { width: 260, height: 400 },
  },
  {
    name: 'CJK ellipsis · Japanese cut by the box height · bottom',
    props: { ...JA, fontSize: 32, verticalAlign: 'bottom', lineHeight: 1.4 },
    box: { width: 260, height: 100 },
    check: (node) => expect(node.truncated).toBe(true),
  },
  {
    name: 'CJK clip · Japanese · maxLines 2 · overflow clip',
    props: { ...JA, fontSize: 30, maxLines: 2, overflow: 'clip' },
    box: { width: 260, height: 400 },
    check: (node) => expect(node.truncated).toBe(true),
  },
  {
    name: 'emoji autoFit · ZWJ sequences shrink whole',
    props: {
      text: 'Team 👩‍💻👩‍💻👩‍💻 shipped 🎉🎉 on time 🚀 again',
      fontSize: 80,
      autoFit: true,
      minFontSize: 10,
      textAlign: 'center',
    },
    box: { width: 260, height: 140 },
    check: (node) =>
      expect(node.lines.flatMap((l) => splitGraphemes(l.text)).filter((g) => g === '👩‍💻')).toHaveLength(3),
  },
  {
    name: 'emoji autoFit · mixed with letterSpacing 4 · right',
    props: { ...SCRIPTS.mixed, fontSize: 72, autoFit: true, minFontSize: 8, letterSpacing: 4, textAlign: 'right' },
    box: { width: 240, height: 120 },
  },
  {
    name: 'autoFit floor · stops at minFontSize, then ellipsis',
    props: {
      text: `${LATIN} ${LATIN}`,
      fontSize: 60,
      autoFit: true,
      minFontSize: 20,
      textAlign: 'center',
      verticalAlign: 'middle',
    },
    box: { width: 260, height: 110 },
    check: (node) =>
      expect([node.fontSize, node.truncated, node.lines.at(-1)!.text.endsWith(ELLIPSIS)]).toEqual([20, true, true]),
  },
  {
    name: 'autoFit · maxLines 2 · Korean · right',
    props: { ...SCRIPTS.korean, fontSize: 60, autoFit: true, minFontSize: 8, maxLines: 2, textAlign: 'right' },
    box: { width: 300, height: 300 },
    check: (node) => expect([node.lines.length, node.truncated]).toEqual([2, false]),
  },
  {
    name: 'keep-all Korean · center',
    props: { ...SCRIPTS.korean, fontSize: 30, wordBreak: 'keep-all', textAlign: 'center' },
    box: { width: 260, height: 400 },
  },
  {
    name: 'indentation kept at paragraph starts · JetBrains Mono',
    props: {
      text: '  An indented paragraph that wraps onto more lines\n    and a deeper one after it',
      fontFamily: 'JetBrains Mono',
      fontSize: 20,
    },
    box: { width: 300, height: 300 },
    check: (node) => expect(node.lines.filter((l) => l.text.startsWith(' ')).length).toBe(2),
  },
];
for (const textAlign of ['center', 'right'] as const) {
  for (const verticalAlign of ['middle', 'bottom'] as const) {
    edges.push({
      name: `padding 24 · ${textAlign} · ${verticalAlign}`,
      props: { text: LATIN, fontSize: 24, padding: 24, textAlign, verticalAlign },
      box: { width: 320, height: 260 },
    });
  }
}
for (const lineHeight of [0.8, 1.8]) {
  for (const [script, s] of [
    ['latin', SCRIPTS.latin],
    ['mixed', SCRIPTS.mixed],
  ] as const) {
    edges.push({
      name: `lineHeight ${lineHeight} · ${script} · center`,
      props: { ...s, fontSize: 26, lineHeight, textAlign: 'center' },
      box: { width: 280, height: 400 },
    });
  }
}
for (const verticalAlign of ['middle', 'bottom'] as const) {
  edges.push(
    {
      name: `truncation · maxLines 3 · ${verticalAlign}`,
      props: { text: LATIN, fontSize: 26, maxLines: 3, verticalAlign, padding: 10 },
      box: { width: 260, height: 300 },
      check: (node) => expect([node.truncated, node.lines.length]).toEqual([true, 3]),
    },
    {
      name: `truncation · box height · ${verticalAlign} · lineHeight 1.6`,
      props: { text: LATIN, fontSize: 26, lineHeight: 1.6, verticalAlign, textAlign: 'center' },
      box: { width: 260, height: 130 },
      check: (node) => expect([node.truncated, node.lines.length]).toEqual([true, 3]),
    },
  );
}
for (const textAlign of ['left', 'center', 'right'] as const) {
  edges.push({
    name: `hard breaks with empty lines · ${textAlign}`,
    props: { text: HARD_BREAKS, fontSize: 24, textAlign },
    box: { width: 300, height: 300 },
    check: (node) =>
      expect(node.lines.map((l) => l.text)).toEqual([
        'A title line',
        '',
        'After one empty line',
        '',
        '',
        'After two empty lines',
      ]),
  });
  edges.push({
    name: `long URL is broken inside · ${textAlign}`,
    props: { text: URL_TEXT, fontSize: 22, textAlign },
    box: { width: 220, height: 400 },
    check: (node, spans) => {
      expect(spans.midTokenBreaks).toBeGreaterThan(0);
      expect(node.lines[0]!.text).toBe('See');
    },
  });
}
edges.push({
  name: 'long URL · maxLines 2 ellipsis',
  props: { text: URL_TEXT, fontSize: 22, maxLines: 2 },
  box: { width: 220, height: 400 },
  check: (node) => expect(node.truncated).toBe(true),
});
for (const rotation of [0, 45, 90]) {
  edges.push({
    name: `rotation ${rotation} · centred with padding`,
    props: { ...SCRIPTS.mixed, fontSize: 26, rotation, padding: 16, textAlign: 'center', verticalAlign: 'middle' },
    box: { width: 300, height: 200 },
    check: (node) => {
      expect(node.rotation).toBe(rotation);
      const flat = layout(
        { ...SCRIPTS.mixed, fontSize: 26, padding: 16, textAlign: 'center', verticalAlign: 'middle' },
        { width: 300, height: 200 },
      );
      expect(node.lines).toEqual(flat.node.lines);
      expect([node.x, node.y, node.width, node.height]).toEqual([10, 20, 300, 200]);
    },
  });
}

describe.each([
  ['matrix', generated],
  ['edge cases', edges],
])('%s', (_, cases) => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const laid = layout(c.props, c.box);
    const spans = checkRules(c, laid);
    c.check?.(laid.node, spans);
    expect(trace(laid.node)).toMatchSnapshot();
  });
});
