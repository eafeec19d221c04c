// Splitting text into the units line breaking works with. Pure string logic: no fonts.

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/** User-perceived characters: an emoji ZWJ sequence or a Hangul syllable block is one. */
export function splitGraphemes(text: string): string[] {
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
const NO_LINE_START = new Set([...'、。，．・：；？！）」』】〕〉》〙〗ヽヾーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖ々〻‐゠–〜～.,;:!?)]}%']);
/** Characters that must not end a line (opening brackets): kept with what follows. */
const NO_LINE_END = new Set([...'（「『【〔〈《〘〖([{']);

export interface Token {
  text: string;
  /** Whitespace: dropped at line ends and starts. */
  space: boolean;
}

/**
 * Tokens between which a line may break: runs of whitespace, words of spaced scripts,
 * and single CJK characters (with closing punctuation glued to the character before
 * and opening brackets to the character after). With `keepAll` (CSS `word-break:
 * keep-all`, what Korean typesetting expects) CJK text breaks only where spaced text does.
 */
export function tokenize(paragraph: string, keepAll = false): Token[] {
  const tokens: Token[] = [];
  let word = '';
  let space = '';
  let glueNext = false;
  const flushWord = () => {
    if (word) tokens.push({ text: word, space: false });
    word = '';
  };
  const flushSpace = () => {
    if (space) tokens.push({ text: space, space: true });
    space = '';
  };
  for (const g of splitGraphemes(paragraph)) {
    const cp = g.codePointAt(0) ?? 0;
    if (/^\s+$/u.test(g)) {
      flushWord();
      space += g;
      glueNext = false;
      continue;
    }
    flushSpace();
    const last = tokens[tokens.length - 1];
    if (NO_LINE_START.has(g) && !word && last && !last.space) {
      last.text += g;
      continue;
    }
    if (!keepAll && isCjk(cp) && !NO_LINE_START.has(g)) {
      if (glueNext) {
        word += g;
        glueNext = false;
        flushWord();
        continue;
      }
      flushWord();
      if (NO_LINE_END.has(g)) {
        word = g;
        glueNext = true;
        continue;
      }
      tokens.push({ text: g, space: false });
      continue;
    }
    if (NO_LINE_END.has(g)) {
      word += g;
      glueNext = true;
      continue;
    }
    word += g;
    glueNext = false;
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
      return text.replace(/(^|[\s\-–—(["'“‘])(\p{Ll})/gu, (_, before: string, letter: string) => before + letter.toUpperCase());
    case 'none':
      return text;
  }
}
