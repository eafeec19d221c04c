// The font families the product ships, platform-neutral: the node backend registers the
// files under these names and the browser loads the same files with FontFace under the
// same names, so a family list in `ctx.font` resolves to the same faces on both sides.

export type FontCategory = 'sans-serif' | 'serif' | 'monospace' | 'emoji';
export type FontStyleName = 'normal' | 'italic';

export interface FontFamilyInfo {
  family: string;
  category: FontCategory;
  weights: readonly number[];
  styles: readonly FontStyleName[];
  /**
   * The Unicode scripts a script family is shipped for (`Script_Extensions` names): the
   * browser loads it up front for a text in one of them.
   */
  scripts?: readonly string[];
}

const ALL_WEIGHTS = [100, 200, 300, 400, 500, 600, 700, 800, 900] as const;
const BOTH: readonly FontStyleName[] = ['normal', 'italic'];
const UPRIGHT: readonly FontStyleName[] = ['normal'];

export const DEFAULT_FAMILY = 'Inter';

/**
 * One Noto family per script no other shipped family draws (Devanagari is also in Noto
 * Sans, which draws it first in every stack; the family is there to be named). Each has
 * the OpenType shaping tables its script needs (Arabic joining, Indic reordering, marks),
 * which Skia and Chromium both apply through HarfBuzz.
 */
const SCRIPT_FAMILIES: readonly FontFamilyInfo[] = (
  [
    ['Noto Sans Arabic', 'Arabic'],
    ['Noto Sans Hebrew', 'Hebrew'],
    ['Noto Sans Thai', 'Thai'],
    ['Noto Sans Devanagari', 'Devanagari'],
    ['Noto Sans Bengali', 'Bengali'],
    ['Noto Sans Tamil', 'Tamil'],
    ['Noto Sans Georgian', 'Georgian'],
    ['Noto Sans Armenian', 'Armenian'],
    ['Noto Sans Ethiopic', 'Ethiopic'],
    ['Noto Sans Khmer', 'Khmer'],
  ] as const
).map(([family, script]) => ({
  family,
  category: 'sans-serif' as const,
  weights: ALL_WEIGHTS,
  styles: UPRIGHT,
  scripts: [script],
}));

export const FONT_FAMILIES: readonly FontFamilyInfo[] = [
  { family: 'Inter', category: 'sans-serif', weights: ALL_WEIGHTS, styles: BOTH },
  { family: 'Noto Sans', category: 'sans-serif', weights: ALL_WEIGHTS, styles: BOTH },
  { family: 'Noto Serif', category: 'serif', weights: ALL_WEIGHTS, styles: BOTH },
  // JetBrains Mono has no Black (900); CSS matching picks 800 for it on both sides.
  { family: 'JetBrains Mono', category: 'monospace', weights: ALL_WEIGHTS.slice(0, 8), styles: BOTH },
  { family: 'Noto Sans KR', category: 'sans-serif', weights: ALL_WEIGHTS, styles: UPRIGHT },
  { family: 'Noto Sans JP', category: 'sans-serif', weights: ALL_WEIGHTS, styles: UPRIGHT },
  { family: 'Noto Sans SC', category: 'sans-serif', weights: ALL_WEIGHTS, styles: UPRIGHT },
  { family: 'Noto Color Emoji', category: 'emoji', weights: [400], styles: UPRIGHT },
  ...SCRIPT_FAMILIES,
];

/**
 * Tried per glyph after the chosen family, in this order: Latin/Cyrillic/Greek, then
 * Korean before Japanese before Chinese (Han characters shared by the three take the
 * first; a Korean or Japanese template gets the forms its readers expect from the
 * family it names), then colour emoji.
 */
export const FALLBACK_FAMILIES = [
  'Noto Sans',
  'Noto Sans KR',
  'Noto Sans JP',
  'Noto Sans SC',
  'Noto Color Emoji',
  // Last, so every shipped family is in every stack: a symbol only these have (Inter's
  // arrows, JetBrains Mono's box drawing) is drawn by them and not by a font of the host.
  'Inter',
  'JetBrains Mono',
  // The script families after every family that was there before them, so no character
  // an earlier family draws changes face; each draws the script no earlier family has.
  ...SCRIPT_FAMILIES.map((f) => f.family),
];

/**
 * The name a shipped family is registered under, with Skia and with FontFace alike. A
 * private name no installed font has: a host's own "Noto Color Emoji" or "Inter" (a
 * different version, other metrics) can never stand in for the shipped file, so output
 * does not depend on what the machine has installed.
 */
export function registeredName(family: string): string {
  return `Layercast ${family}`;
}

/** The catalog family of a registered name (the inverse of `registeredName`). */
export function catalogName(registered: string): string {
  const name = registered.replace(/^["']|["']$/g, '');
  return name.startsWith('Layercast ') ? name.slice('Layercast '.length) : name;
}

/** CSS generic names, so a template written with `serif` or `monospace` gets a shipped face. */
const GENERIC_FAMILIES: Record<string, string> = {
  'sans-serif': 'Inter',
  'system-ui': 'Inter',
  serif: 'Noto Serif',
  monospace: 'JetBrains Mono',
  emoji: 'Noto Color Emoji',
};

const byLowerName = new Map(FONT_FAMILIES.map((f) => [f.family.toLowerCase(), f]));

/** The catalog entry for a family name (CSS matching is ASCII case-insensitive); undefined when not shipped. */
export function findFamily(name: string): FontFamilyInfo | undefined {
  const key = name
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  return byLowerName.get(GENERIC_FAMILIES[key]?.toLowerCase() ?? key);
}

/** Whether a family (or a generic name mapped to one) is shipped. */
export function hasFamily(name: string): boolean {
  return findFamily(name) !== undefined;
}

/** The canonical family name for a requested one; the default for unknown names. */
export function resolveFamily(name: string): string {
  return findFamily(name)?.family ?? DEFAULT_FAMILY;
}

/**
 * The CSS family list for `ctx.font`: the family (the default when unknown), then the
 * fallback chain without repeats, by registered name. Every name is quoted so names with
 * spaces or digits parse the same in every CSS parser.
 */
export function fontStack(family: string): string {
  const first = resolveFamily(family);
  const names = [first, ...FALLBACK_FAMILIES.filter((f) => f !== first)];
  return names.map((n) => `"${registeredName(n)}"`).join(', ');
}
