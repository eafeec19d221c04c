// CSS colour parsing. The engine paints every colour from the normalized RGBA this
// module returns, so Skia and the browser never interpret a colour string differently.

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1 */
  a: number;
}

const NAMED: Record<string, string> = {
  aliceblue: 'f0f8ff',
  antiquewhite: 'faebd7',
  aqua: '00ffff',
  aquamarine: '7fffd4',
  azure: 'f0ffff',
  beige: 'f5f5dc',
  bisque: 'ffe4c4',
  black: '000000',
  blanchedalmond: 'ffebcd',
  blue: '0000ff',
  blueviolet: '8a2be2',
  brown: 'a52a2a',
  burlywood: 'deb887',
  cadetblue: '5f9ea0',
  chartreuse: '7fff00',
  chocolate: 'd2691e',
  coral: 'ff7f50',
  cornflowerblue: '6495ed',
  cornsilk: 'fff8dc',
  crimson: 'dc143c',
  cyan: '00ffff',
  darkblue: '00008b',
  darkcyan: '008b8b',
  darkgoldenrod: 'b8860b',
  darkgray: 'a9a9a9',
  darkgreen: '006400',
  darkgrey: 'a9a9a9',
  darkkhaki: 'bdb76b',
  darkmagenta: '8b008b',
  darkolivegreen: '556b2f',
  darkorange: 'ff8c00',
  darkorchid: '9932cc',
  darkred: '8b0000',
  darksalmon: 'e9967a',
  darkseagreen: '8fbc8f',
  darkslateblue: '483d8b',
  darkslategray: '2f4f4f',
  darkslategrey: '2f4f4f',
  darkturquoise: '00ced1',
  darkviolet: '9400d3',
  deeppink: 'ff1493',
  deepskyblue: '00bfff',
  dimgray: '696969',
  dimgrey: '696969',
  dodgerblue: '1e90ff',
  firebrick: 'b22222',
  floralwhite: 'fffaf0',
  forestgreen: '228b22',
  fuchsia: 'ff00ff',
  gainsboro: 'dcdcdc',
  ghostwhite: 'f8f8ff',
  gold: 'ffd700',
  goldenrod: 'daa520',
  gray: '808080',
  green: '008000',
  greenyellow: 'adff2f',
  grey: '808080',
  honeydew: 'f0fff0',
  hotpink: 'ff69b4',
  indianred: 'cd5c5c',
  indigo: '4b0082',
  ivory: 'fffff0',
  khaki: 'f0e68c',
  lavender: 'e6e6fa',
  lavenderblush: 'fff0f5',
  lawngreen: '7cfc00',
  lemonchiffon: 'fffacd',
  lightblue: 'add8e6',
  lightcoral: 'f08080',
  lightcyan: 'e0ffff',
  lightgoldenrodyellow: 'fafad2',
  lightgray: 'd3d3d3',
  lightgreen: '90ee90',
  lightgrey: 'd3d3d3',
  lightpink: 'ffb6c1',
  lightsalmon: 'ffa07a',
  lightseagreen: '20b2aa',
  lightskyblue: '87cefa',
  lightslategray: '778899',
  lightslategrey: '778899',
  lightsteelblue: 'b0c4de',
  lightyellow: 'ffffe0',
  lime: '00ff00',
  limegreen: '32cd32',
  linen: 'faf0e6',
  magenta: 'ff00ff',
  maroon: '800000',
  mediumaquamarine: '66cdaa',
  mediumblue: '0000cd',
  mediumorchid: 'ba55d3',
  mediumpurple: '9370db',
  mediumseagreen: '3cb371',
  mediumslateblue: '7b68ee',
  mediumspringgreen: '00fa9a',
  mediumturquoise: '48d1cc',
  mediumvioletred: 'c71585',
  midnightblue: '191970',
  mintcream: 'f5fffa',
  mistyrose: 'ffe4e1',
  moccasin: 'ffe4b5',
  navajowhite: 'ffdead',
  navy: '000080',
  oldlace: 'fdf5e6',
  olive: '808000',
  olivedrab: '6b8e23',
  orange: 'ffa500',
  orangered: 'ff4500',
  orchid: 'da70d6',
  palegoldenrod: 'eee8aa',
  palegreen: '98fb98',
  paleturquoise: 'afeeee',
  palevioletred: 'db7093',
  papayawhip: 'ffefd5',
  peachpuff: 'ffdab9',
  peru: 'cd853f',
  pink: 'ffc0cb',
  plum: 'dda0dd',
  powderblue: 'b0e0e6',
  purple: '800080',
  rebeccapurple: '663399',
  red: 'ff0000',
  rosybrown: 'bc8f8f',
  royalblue: '4169e1',
  saddlebrown: '8b4513',
  salmon: 'fa8072',
  sandybrown: 'f4a460',
  seagreen: '2e8b57',
  seashell: 'fff5ee',
  sienna: 'a0522d',
  silver: 'c0c0c0',
  skyblue: '87ceeb',
  slateblue: '6a5acd',
  slategray: '708090',
  slategrey: '708090',
  snow: 'fffafa',
  springgreen: '00ff7f',
  steelblue: '4682b4',
  tan: 'd2b48c',
  teal: '008080',
  thistle: 'd8bfd8',
  tomato: 'ff6347',
  turquoise: '40e0d0',
  violet: 'ee82ee',
  wheat: 'f5deb3',
  white: 'ffffff',
  whitesmoke: 'f5f5f5',
  yellow: 'ffff00',
  yellowgreen: '9acd32',
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

function parseHex(hex: string): Rgba | null {
  if (!/^[0-9a-f]+$/i.test(hex)) return null;
  const expand = hex.length <= 4 ? [...hex].map((c) => c + c).join('') : hex;
  if (expand.length !== 6 && expand.length !== 8) return null;
  const n = (i: number) => Number.parseInt(expand.slice(i, i + 2), 16);
  return { r: n(0), g: n(2), b: n(4), a: expand.length === 8 ? Math.round((n(6) / 255) * 1000) / 1000 : 1 };
}

/** A channel: `128` or `50%`. */
function channel(s: string): number | null {
  const m = /^(-?\d*\.?\d+)(%?)$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]);
  return clamp(m[2] ? (v / 100) * 255 : v, 0, 255);
}

function alpha(s: string | undefined): number | null {
  if (s === undefined) return 1;
  const m = /^(-?\d*\.?\d+)(%?)$/.exec(s);
  if (!m) return null;
  const v = Number(m[1]);
  return clamp(m[2] ? v / 100 : v, 0, 1);
}

function hueToRgb(h: number, s: number, l: number): [number, number, number] {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, Math.min(9 - k(n), 1)));
  return [f(0) * 255, f(8) * 255, f(4) * 255];
}

/**
 * Splits `rgb(1, 2, 3)`, `rgb(1, 2, 3, 0.5)`, `rgb(1 2 3)` or `rgb(1 2 3 / 50%)` into its
 * arguments; in the space-separated form the alpha comes only after a slash.
 */
function functionArgs(body: string): string[] | null {
  if (body.includes(',')) {
    const args = body.split(',').map((p) => p.trim());
    return (args.length === 3 || args.length === 4) && !args.includes('') ? args : null;
  }
  const [main = '', alphaPart, extra] = body.split('/');
  if (extra !== undefined) return null;
  const args = main.trim().split(/\s+/);
  if (args.length !== 3) return null;
  if (alphaPart === undefined) return args;
  const a = alphaPart.trim();
  return a === '' || /\s/.test(a) ? null : [...args, a];
}

/** Parses a CSS colour: hex, rgb()/rgba(), hsl()/hsla(), a named colour or `transparent`. */
export function parseColor(input: string): Rgba | null {
  const s = input.trim().toLowerCase();
  if (s.length === 0 || s.length > 64) return null;
  if (s === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  if (s.startsWith('#')) return parseHex(s.slice(1));
  const named = NAMED[s];
  if (named) return parseHex(named);
  const fn = /^(rgba?|hsla?)\((.*)\)$/.exec(s);
  if (!fn) return null;
  const args = functionArgs(fn[2] ?? '');
  if (!args) return null;
  const a = alpha(args[3]);
  if (a === null) return null;
  if (fn[1]?.startsWith('rgb')) {
    const [r, g, b] = args.slice(0, 3).map(channel);
    if (r == null || g == null || b == null) return null;
    return { r: Math.round(r), g: Math.round(g), b: Math.round(b), a };
  }
  const h = Number((args[0] ?? '').replace(/deg$/, ''));
  const sat = /^(\d*\.?\d+)%$/.exec(args[1] ?? '');
  const light = /^(\d*\.?\d+)%$/.exec(args[2] ?? '');
  if (!Number.isFinite(h) || !sat || !light) return null;
  const [r, g, b] = hueToRgb(
    ((h % 360) + 360) % 360,
    clamp(Number(sat[1]) / 100, 0, 1),
    clamp(Number(light[1]) / 100, 0, 1),
  );
  return { r: Math.round(r), g: Math.round(g), b: Math.round(b), a };
}

export function isColor(input: string): boolean {
  return parseColor(input) !== null;
}

/** The canonical string both canvas backends read the same way. */
export function formatRgba({ r, g, b, a }: Rgba): string {
  return a === 1 ? `rgb(${r}, ${g}, ${b})` : `rgba(${r}, ${g}, ${b}, ${a})`;
}
