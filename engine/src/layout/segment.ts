// Splitting text into the units line breaking works with. Pure string logic: no fonts.

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** User-perceived characters: an emoji ZWJ sequence or a Hangul syllable block is one. */
export function splitGraphemes(text: string): string[] {
  // Printable ASCII has one grapheme per character; segmenting it is the slow path.
  if (/^[\x20-\x7e]*$/.test(text)) return text.split('');
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

/** Scripts written without spaces, where a line may break between any two characters. */
export function isCjk(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x11ff) || // Hangul Jamo
    (codePoint >= 0x2e80 && codePoint <= 0x2fdf) || // CJK radicals
    (codePoint >= 0x3000 && codePoint <= 0x30ff) || // CJK punctuation, Hiragana, Katakana
    (codePoint >= 0x3130 && codePoint <= 0x318f) || // Hangul compatibility Jamo
    (codePoint >= 0x3190 && codePoint <= 0x9fff) || // Kanbun .. CJK unified ideographs
    (codePoint >= 0xac00 && codePoint <= 0xd7af) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility ideographs
    (codePoint >= 0xff00 && codePoint <= 0xffef) || // Half- and fullwidth forms
    (codePoint >= 0x20000 && codePoint <= 0x3134f) // CJK extensions B..G
  );
}

/** Characters that must not start a line (closing punctuation, small kana): kept with what precedes. */
const NO_LINE_START = new Set([
  ...'、。，．・：；？！）」』】〕〉》〙〗ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻‐゠–〜～.,;:!?)]}%',
]);
/** Characters that must not end a line (opening brackets): kept with what follows. */
const NO_LINE_END = new Set([...'（「『【〔〈《〘〖([{']);

/**
 * Where a line may break and what is dropped at a break: ASCII and typographic spaces,
 * the ideographic space, and the zero-width space (a break opportunity that draws
 * nothing). No-break spaces (U+00A0, U+2007, U+202F) and the word joiner are not in it:
 * they glue what is on either side, as in browsers.
 */
const BREAKABLE_SPACE = /^[\t\v\f\r \u1680\u2000-\u2006\u2008-\u200b\u205f\u3000]+$/u;

/** Hyphens a line may break after (UAX #14 class HY/BA), when a letter precedes them. */
const HYPHENS = new Set(['-', '\u2010']);
const DIGIT = /^\p{Nd}/u;

/**
 * Scripts written without spaces between words whose line breaks need a dictionary (UAX
 * #14 class SA): Thai, Lao, Khmer, Myanmar. Lines break between their words.
 */
const SPACELESS_SCRIPT = /[\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const words = new Intl.Segmenter('und', { granularity: 'word' });

/**
 * A run of a spaceless script split into words by the platform's dictionary (ICU, in Node
 * and in browsers alike), each a token a line may break after. Punctuation stays with
 * the word before it, so no line starts with it.
 */
function dictionaryWords(text: string): Token[] {
  const out: Token[] = [];
  for (const { segment } of words.segment(text)) {
    const last = out[out.length - 1];
    if (last && !LETTER_OR_DIGIT.test(segment)) {
      last.text += segment;
      last.graphemes.push(...splitGraphemes(segment));
    } else out.push({ text: segment, space: false, graphemes: splitGraphemes(segment) });
  }
  return out;
}

export interface Token {
  text: string;
  /** Whitespace: dropped at line ends and starts. */
  space: boolean;
  /** `text` split into graphemes (a word too wide for the box breaks between them). */
  graphemes: string[];
}

/**
 * Tokens between which a line may break: runs of whitespace, words of spaced scripts,
 * and single CJK characters (with closing punctuation glued to the character before
 * and opening brackets to the character after). With `keepAll` (CSS `word-break:
 * keep-all`, what Korean typesetting expects) CJK text breaks only where spaced text does.
 */
export function tokenize(paragraph: string, keepAll = false): Token[] {
  const tokens: Token[] = [];
  let word: string[] = [];
  let space: string[] = [];
  let glueNext = false;
  const flushWord = () => {
    if (word.length) {
      const text = word.join('');
      if (SPACELESS_SCRIPT.test(text)) tokens.push(...dictionaryWords(text));
      else tokens.push({ text, space: false, graphemes: word });
    }
    word = [];
  };
  const flushSpace = () => {
    if (space.length) tokens.push({ text: space.join(''), space: true, graphemes: space });
    space = [];
  };
  const gs = splitGraphemes(paragraph);
  for (let i = 0; i < gs.length; i++) {
    const g = gs[i] as string;
    const cp = g.codePointAt(0) ?? 0;
    if (BREAKABLE_SPACE.test(g)) {
      flushWord();
      space.push(g);
      glueNext = false;
      continue;
    }
    flushSpace();
    const last = tokens[tokens.length - 1];
    // No break before a hyphen (UAX #14 LB21): after CJK it stays with the character before.
    if ((NO_LINE_START.has(g) || g === '-') && word.length === 0 && last && !last.space) {
      last.text += g;
      last.graphemes.push(g);
      continue;
    }
    if (!keepAll && isCjk(cp) && !NO_LINE_START.has(g)) {
      if (glueNext) {
        word.push(g);
        glueNext = false;
        flushWord();
        continue;
      }
      flushWord();
      word.push(g);
      if (NO_LINE_END.has(g)) glueNext = true;
      else flushWord();
      continue;
    }
    if (NO_LINE_END.has(g)) {
      word.push(g);
      glueNext = true;
      continue;
    }
    // "well-known" may break after the hyphen; "-5" and "2020-21" may not.
    const next = gs[i + 1];
    const breakAfter =
      HYPHENS.has(g) && word.length > 0 && next !== undefined && !DIGIT.test(next) && !BREAKABLE_SPACE.test(next);
    word.push(g);
    glueNext = false;
    if (breakAfter) flushWord();
  }
  flushWord();
  flushSpace();
  return tokens;
}

export function applyTextTransform(text: string, transform: 'none' | 'uppercase' | 'lowercase' | 'capitalize'): string {
  switch (transform) {
    case 'uppercase':
      return text.toUpperCase();
    case 'lowercase':
      return text.toLowerCase();
    case 'capitalize':
      return capitalize(text);
    case 'none':
      return text;
  }
}

/**
 * Title case where it is not the first character of the upper case (Unicode
 * SpecialCasing): digraphs, ligatures, and Greek letters with iota subscript.
 */
const TITLE_CASE: Record<string, string> = {
  ǆ: 'ǅ',
  ǉ: 'ǈ',
  ǌ: 'ǋ',
  ǳ: 'ǲ',
  Ǆ: 'ǅ',
  Ǉ: 'ǈ',
  Ǌ: 'ǋ',
  Ǳ: 'ǲ',
  ß: 'Ss',
  ŉ: 'ʼN',
  ǰ: 'J̌',
  ﬀ: 'Ff',
  ﬁ: 'Fi',
  ﬂ: 'Fl',
  ﬃ: 'Ffi',
  ﬄ: 'Ffl',
  ﬅ: 'St',
  ﬆ: 'St',
  և: 'Եւ',
  ᾳ: 'ᾼ',
  ῃ: 'ῌ',
  ῳ: 'ῼ',
};

function titleCase(letter: string): string {
  const special = TITLE_CASE[letter];
  if (special) return special;
  const cp = letter.codePointAt(0) ?? 0;
  // ᾀ..ᾇ, ᾐ..ᾗ, ᾠ..ᾧ: the title forms are 8 code points on (ᾈ..ᾏ …).
  if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7))
    return String.fromCodePoint(cp + 8);
  const upper = letter.toUpperCase();
  return upper.length > 1 ? (upper[0] ?? '') + upper.slice(1).toLowerCase() : upper;
}

/**
 * CSS `capitalize`: the first letter of each word in title case. A word starts at a letter
 * with no letter, mark, digit or connector (`_`) before it; an apostrophe or middle dot
 * between letters stays inside the word ("don't", "l'été", "intel·ligència"), one at a
 * word's start is a quote mark. Letters already in title case (ǅ) are left as they are.
 */
function capitalize(text: string): string {
  return text.replace(/(?<![\p{L}\p{M}\p{N}_])(?<![\p{L}\p{M}\p{N}]['’·])[\p{Lu}\p{Ll}\p{Lm}\p{Lo}]/gu, titleCase);
}
