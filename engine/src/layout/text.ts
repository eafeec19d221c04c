// Text layout: wrapping, maxLines/ellipsis, autoFit and line placement. Measures with the
// injected context only; paint receives finished lines and never measures.
import { type TextLayer, assertNever, fontWeightValue, normalizeColor } from '@layercast/shared';
import { DEFAULT_FAMILY } from '../fonts-catalog';
import type { LayoutEnv, NodeGeometry, Rect, TextDiagnostic, TextLine, TextNode } from '../types';
import { type BidiRun, type Direction, firstStrongDirection, needsBidi, visualRuns } from './bidi';
import { type Token, applyTextTransform, splitGraphemes, tokenize } from './segment';
import { shadowOf, strokeOf } from './style';

const ELLIPSIS = '…';
/** autoFit searches font sizes on this grid so both platforms land on the same size. */
const FIT_STEP = 0.5;

interface Measurer {
  /** Advance width without the trailing letter spacing. */
  width(text: string): number;
}

function fontShorthand(style: string, weight: number, size: number, stack: string): string {
  return `${style === 'italic' ? 'italic ' : ''}${weight} ${size}px ${stack}`;
}

/** Candidates whose estimated width is this close to the limit are measured whole. */
const EXACT_WITHIN = 1;
/** Longer strings are measured but not cached: they rarely repeat. */
const CACHE_MAX_LENGTH = 256;

function createMeasurer(env: LayoutEnv, font: string, letterSpacing: number): Measurer {
  const ctx = env.measure;
  const spacing = `${letterSpacing}px`;
  const cache = new Map<string, number>();
  return {
    width(text) {
      if (text === '') return 0;
      const hit = cache.get(text);
      if (hit !== undefined) return hit;
      if (ctx.font !== font) ctx.font = font;
      if (ctx.letterSpacing !== spacing) ctx.letterSpacing = spacing;
      // Canvas adds the spacing after every character, the last one included.
      const w = ctx.measureText(text).width - (letterSpacing !== 0 ? letterSpacing : 0);
      if (text.length <= CACHE_MAX_LENGTH) cache.set(text, w);
      return w;
    },
  };
}

/**
 * A line being filled, with its width kept up to date without measuring the whole line
 * for every word: joining two runs changes the width only at the seam (kerning, letter
 * spacing), so `head + tail` is `width(head) + width(tail)` plus what the two graphemes
 * at the seam measure together beyond their own widths. Near the limit the candidate is
 * measured whole, so every break falls where measuring whole lines would put it; filling
 * a line costs a measure per word instead of one per word per word before it.
 */
class LineBuilder {
  text = '';
  width = 0;
  /** The grapheme at the end of `text`. */
  private last = '';

  constructor(
    private readonly m: Measurer,
    private readonly maxWidth: number,
  ) {}

  /** The width `text + addition` would have; `first` is the addition's first grapheme. */
  widthWith(addition: string, first: string): number {
    if (!this.text) return this.m.width(addition);
    const seam = this.m.width(this.last + first) - this.m.width(this.last) - this.m.width(first);
    const estimate = this.width + this.m.width(addition) + seam;
    return Math.abs(estimate - this.maxWidth) <= EXACT_WITHIN ? this.m.width(this.text + addition) : estimate;
  }

  /** Appends a run whose width `widthWith` gave and whose last grapheme is `last`. */
  append(addition: string, width: number, last: string): void {
    this.text += addition;
    this.width = width;
    this.last = last;
  }

  reset(graphemes: readonly string[] = []): void {
    this.text = graphemes.join('');
    this.width = this.m.width(this.text);
    this.last = graphemes[graphemes.length - 1] ?? '';
  }
}

interface Wrapped {
  lines: string[];
  /** The paragraph (index into the paragraphs wrapped) each line belongs to. */
  paragraphOf: number[];
  /** A word had to be broken inside because it was wider than the box. */
  brokeWord: boolean;
}

/**
 * Breaks one unbreakable run into pieces that fit, one grapheme at least per piece. Inside
 * a word the seam estimate is not enough: contextual forms and ligatures (Inter's × in
 * "1920x1080", "ffl") change with the neighbours, so each piece's end is guessed from the
 * running estimate and then settled by measuring the piece whole, one grapheme at a time.
 */
function breakWord(graphemes: readonly string[], maxWidth: number, m: Measurer): string[][] {
  const pieces: string[][] = [];
  const fits = (from: number, to: number) => m.width(graphemes.slice(from, to).join('')) <= maxWidth;
  let start = 0;
  while (start < graphemes.length) {
    const piece = new LineBuilder(m, maxWidth);
    let end = start;
    while (end < graphemes.length) {
      const g = graphemes[end] as string;
      const width = piece.widthWith(g, g);
      if (end > start && width > maxWidth) break;
      piece.append(g, width, g);
      end++;
    }
    while (end > start + 1 && !fits(start, end)) end--;
    while (end < graphemes.length && fits(start, end + 1)) end++;
    pieces.push(graphemes.slice(start, end));
    start = end;
  }
  return pieces;
}

/**
 * The paragraphs of a text as break tokens. A final line feed ends the last line rather
 * than starting an empty one, as in CSS `white-space: pre-wrap`.
 */
export function tokenizeParagraphs(text: string, keepAll = false): Token[][] {
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  return body.split('\n').map((paragraph) => tokenize(paragraph, keepAll));
}

/** Greedy line filling: a word goes on the line when the line with it fits (kerning counted). */
export function wrapParagraphs(
  paragraphs: readonly Token[][],
  maxWidth: number,
  m: Measurer,
  maxCount = Number.POSITIVE_INFINITY,
): Wrapped {
  const lines: string[] = [];
  const paragraphOf: number[] = [];
  let brokeWord = false;
  const line = new LineBuilder(m, maxWidth);
  let paragraph = 0;
  const push = (text: string) => {
    lines.push(text);
    paragraphOf.push(paragraph);
  };
  /** Starts a line with a word, breaking it when it is wider than the box. */
  const startWith = (word: Token) => {
    if (m.width(word.text) > maxWidth) {
      const pieces = breakWord(word.graphemes, maxWidth, m);
      brokeWord = true;
      for (const piece of pieces.slice(0, -1)) push(piece.join(''));
      line.reset(pieces[pieces.length - 1]);
    } else line.reset(word.graphemes);
  };
  for (const [index, paragraphTokens] of paragraphs.entries()) {
    paragraph = index;
    line.reset();
    let pending: Token[] = [];
    let tokens: readonly Token[] = paragraphTokens;
    // Indentation at the start of a paragraph is kept (as in pre-wrap); spaces at wrapped
    // line starts are not.
    if (tokens[0]?.space && tokens.length > 1) {
      line.reset(tokens[0].graphemes);
      tokens = tokens.slice(1);
    }
    for (const token of tokens) {
      if (lines.length > maxCount) return { lines, paragraphOf, brokeWord };
      if (token.space) {
        if (line.text) pending.push(token);
        continue;
      }
      if (!line.text) startWith(token);
      else {
        const addition = pending.map((t) => t.text).join('') + token.text;
        const first = (pending[0] ?? token).graphemes[0] ?? '';
        const width = line.widthWith(addition, first);
        if (width <= maxWidth) line.append(addition, width, token.graphemes[token.graphemes.length - 1] ?? '');
        else {
          push(line.text);
          startWith(token);
        }
      }
      pending = [];
    }
    push(line.text);
  }
  return { lines, paragraphOf, brokeWord };
}

export function wrapText(
  text: string,
  maxWidth: number,
  m: Measurer,
  maxCount = Number.POSITIVE_INFINITY,
  keepAll = false,
): Wrapped {
  return wrapParagraphs(tokenizeParagraphs(text, keepAll), maxWidth, m, maxCount);
}

/** The last kept line with an ellipsis, shortened until it fits. */
function withEllipsis(line: string, maxWidth: number, m: Measurer): string {
  const gs = splitGraphemes(line.trimEnd());
  while (gs.length > 0) {
    const candidate = gs.join('').trimEnd() + ELLIPSIS;
    if (m.width(candidate) <= maxWidth) return candidate;
    gs.pop();
  }
  return ELLIPSIS;
}

/** `start` and `end` follow the paragraph's direction; the physical alignments do not. */
function physicalAlign(align: TextLayer['textAlign'], direction: Direction): 'left' | 'center' | 'right' {
  switch (align) {
    case 'left':
    case 'center':
    case 'right':
      return align;
    case 'start':
      return direction === 'rtl' ? 'right' : 'left';
    case 'end':
      return direction === 'rtl' ? 'left' : 'right';
    default:
      return assertNever(align, 'text alignment');
  }
}

/**
 * A paragraph's direction: the layer's, or with `auto` its first strong character's
 * (UAX #9 P2–P3); a paragraph without one (digits, punctuation) takes the whole text's,
 * and left to right when the text has none either.
 */
function paragraphDirection(direction: TextLayer['direction'], tokens: readonly Token[], text: string): Direction {
  if (direction !== 'auto') return direction;
  return firstStrongDirection(tokens.map((t) => t.text).join('')) ?? firstStrongDirection(text) ?? 'ltr';
}

/** A line's bidi runs in visual order, measured and placed side by side. */
function placeRuns(line: string, direction: Direction, m: Measurer, spacing: number): BidiRun[] {
  const runs: BidiRun[] = [];
  let x = 0;
  for (const run of visualRuns(line, direction)) {
    const width = m.width(run.text);
    runs.push({ text: run.text, rtl: run.level % 2 === 1, x, width });
    // Each run's measured width leaves out its trailing letter spacing; the next run
    // starts after it, as the next letter of one run would.
    x += width + spacing;
  }
  return runs;
}

function maxLinesFor(layer: TextLayer, innerHeight: number, lineHeightPx: number): number {
  const byHeight = Math.max(1, Math.floor((innerHeight + 0.01) / lineHeightPx));
  return Math.min(layer.maxLines ?? Number.POSITIVE_INFINITY, byHeight);
}

export interface TextLayoutResult {
  /** Layout adds the geometry (`placeNode`). */
  node: Omit<TextNode, keyof NodeGeometry>;
  diagnostic: TextDiagnostic;
}

/** `text` has variables substituted already; the transform is applied here. */
export function layoutText(layer: TextLayer, text: string, env: LayoutEnv): TextLayoutResult {
  const known = env.hasFamily(layer.fontFamily);
  const family = known ? layer.fontFamily : DEFAULT_FAMILY;
  const weight = fontWeightValue(layer.fontWeight);
  const stack = env.fontStack(family);
  const metrics = env.metrics(family);
  const content = applyTextTransform(text, layer.textTransform);
  // Tokenized once: autoFit wraps the same tokens at each size it tries.
  const paragraphs = tokenizeParagraphs(content, layer.wordBreak === 'keep-all');
  // Padding never eats the whole box: at least a pixel is left for the text on each axis.
  const padX = Math.max(0, Math.min(layer.padding, (layer.width - 1) / 2));
  const padY = Math.max(0, Math.min(layer.padding, (layer.height - 1) / 2));
  const innerWidth = Math.max(1, layer.width - 2 * padX);
  const innerHeight = Math.max(1, layer.height - 2 * padY);

  const attempt = (size: number) => {
    // Letter spacing is scaled with the font so a shrunk text keeps its look.
    const spacing = layer.letterSpacing * (size / layer.fontSize);
    const font = fontShorthand(layer.fontStyle, weight, size, stack);
    const m = createMeasurer(env, font, spacing);
    const lineHeightPx = size * layer.lineHeight;
    const limit = maxLinesFor(layer, innerHeight, lineHeightPx);
    const wrapped = wrapParagraphs(paragraphs, innerWidth, m, limit);
    return { size, spacing, font, m, lineHeightPx, limit, wrapped };
  };

  let chosen = attempt(layer.fontSize);
  if (layer.autoFit) {
    const fits = (a: ReturnType<typeof attempt>) => !a.wrapped.brokeWord && a.wrapped.lines.length <= a.limit;
    if (!fits(chosen)) {
      const min = Math.min(layer.minFontSize, layer.fontSize);
      // Binary search over the FIT_STEP grid for the largest size that fits.
      let lo = Math.ceil(min / FIT_STEP);
      let hi = Math.floor(layer.fontSize / FIT_STEP) - 1;
      let best = attempt(lo * FIT_STEP);
      if (fits(best)) {
        lo += 1;
        while (lo <= hi) {
          const mid = (lo + hi) >> 1;
          const a = attempt(mid * FIT_STEP);
          if (fits(a)) {
            best = a;
            lo = mid + 1;
          } else hi = mid - 1;
        }
      }
      chosen = best;
    }
  }

  const { size, spacing, font, m, lineHeightPx, limit, wrapped } = chosen;
  let lineTexts = wrapped.lines;
  let truncated = false;
  if (lineTexts.length > limit) {
    truncated = true;
    lineTexts = lineTexts.slice(0, limit);
    if (layer.overflow === 'ellipsis') {
      const last = lineTexts.length - 1;
      lineTexts[last] = withEllipsis(lineTexts[last] ?? '', innerWidth, m);
    }
  }

  const directions = paragraphs.map((tokens) => paragraphDirection(layer.direction, tokens, content));
  const blockHeight = lineTexts.length * lineHeightPx;
  const top =
    layer.verticalAlign === 'top'
      ? padY
      : layer.verticalAlign === 'middle'
        ? padY + (innerHeight - blockHeight) / 2
        : padY + innerHeight - blockHeight;
  // CSS half-leading: the font's ascent+descent is centred in each line box.
  const halfLeading = (lineHeightPx - (metrics.ascent + metrics.descent) * size) / 2;
  const lines: TextLine[] = lineTexts.map((t, i) => {
    const trimmed = t.trimEnd();
    const direction = directions[wrapped.paragraphOf[i] ?? 0] ?? 'ltr';
    const runs = direction === 'rtl' || needsBidi(trimmed) ? placeRuns(trimmed, direction, m, spacing) : undefined;
    const last = runs?.[runs.length - 1];
    const width = last ? last.x + last.width : m.width(trimmed);
    const align = physicalAlign(layer.textAlign, direction);
    const x =
      align === 'left' ? padX : align === 'center' ? padX + (innerWidth - width) / 2 : padX + innerWidth - width;
    const baseline = top + i * lineHeightPx + halfLeading + metrics.ascent * size;
    return runs ? { text: trimmed, x, baseline, width, runs } : { text: trimmed, x, baseline, width };
  });

  let highlight: TextNode['highlight'];
  if (layer.background) {
    const rects: Rect[] = lines
      .map((line, i) => ({ line, i }))
      .filter(({ line }) => line.text !== '')
      .map(({ line, i }) => ({
        x: line.x - padX,
        y: top + i * lineHeightPx,
        width: line.width + 2 * padX,
        height: lineHeightPx,
      }));
    highlight = { color: normalizeColor(layer.background), rects };
  }

  const node: TextLayoutResult['node'] = {
    type: 'text',
    id: layer.id,
    name: layer.name,
    x: layer.x,
    y: layer.y,
    width: layer.width,
    height: layer.height,
    rotation: layer.rotation,
    opacity: layer.opacity,
    font,
    family,
    weight,
    style: layer.fontStyle,
    fontSize: size,
    lineHeightPx,
    letterSpacing: spacing,
    color: normalizeColor(layer.color),
    lines,
    truncated,
    highlight,
    stroke: strokeOf(layer),
    shadow: shadowOf(layer.shadow),
  };
  const diagnostic: TextDiagnostic = {
    type: 'text',
    fontSize: size,
    truncated,
    lines: lines.length,
    ...(known ? {} : { fontFallback: `font family "${layer.fontFamily}" is not available; used ${DEFAULT_FAMILY}` }),
  };
  return { node, diagnostic };
}
