// Font loading in the browser: the server's font files are registered with FontFace under
// exactly the private names (`registeredName`), weights and styles the node backend
// registers, and the faces a
// document needs are loaded before it is laid out. Anything Chromium starts loading on its
// own later (a fallback the guess below missed) is reported through `onChange`, so the
// caller lays out and draws again: there is no font-loading race.
import { type CoverageRanges, coverageLookup } from '../coverage';
import {
  FALLBACK_FAMILIES,
  FONT_FAMILIES,
  type FontStyleName,
  catalogName,
  registeredName,
  resolveFamily,
} from '../fonts-catalog';

export interface FontFileRef {
  family: string;
  weight: number;
  style: FontStyleName;
  /** Where the browser fetches the file (same origin, from the server's font list). */
  url: string;
  /** CSS unicode-range of the face, when the server knows its coverage. */
  unicodeRange?: string;
  /**
   * An account's own face: the private name its family is registered under on the server
   * (`GET /api/fonts` → `custom[].registeredAs`). Shipped faces go by `registeredName(family)`.
   */
  registeredAs?: string;
}

export interface TextFontRequest {
  family: string;
  weight: number;
  style: FontStyleName;
  text: string;
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;
const OTHER_CJK =
  /[\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3190-\u31ff\u3200-\u32ff\u3300-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3134f}]/u;
const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20e3/u;

/** Each script family with a test for the characters it is shipped for. */
const SCRIPT_TESTS = FONT_FAMILIES.flatMap((f) =>
  f.scripts
    ? [{ family: f.family, test: new RegExp(f.scripts.map((s) => `\\p{Script_Extensions=${s}}`).join('|'), 'u') }]
    : [],
);

/**
 * The fallback families a text may reach, by script. Loading one too many costs only
 * bandwidth; one too few is caught by `onChange` when Chromium loads it itself.
 */
export function fallbackFamiliesFor(text: string): string[] {
  const out: string[] = ['Noto Sans'];
  if (OTHER_CJK.test(text)) out.push('Noto Sans KR', 'Noto Sans JP', 'Noto Sans SC');
  else if (HANGUL.test(text)) out.push('Noto Sans KR');
  if (EMOJI.test(text)) out.push('Noto Color Emoji');
  for (const { family, test } of SCRIPT_TESTS) if (test.test(text)) out.push(family);
  return out.filter((f) => (FALLBACK_FAMILIES as readonly string[]).includes(f));
}

export interface BrowserFonts {
  /** Loads the faces these texts need; resolves when they are ready (failures are listed). */
  ensure(requests: readonly TextFontRequest[]): Promise<{ failed: string[] }>;
  /** Whether a face of the family has loaded (its metrics can be measured). */
  isLoaded(family: string): boolean;
  /** Called whenever a face finishes loading, by `ensure` or by the browser on its own. */
  onChange(listener: () => void): () => void;
}

/** CSS `unicode-range` for inclusive code point ranges. */
export function unicodeRangeOf(ranges: ReadonlyArray<readonly [number, number]>): string {
  const hex = (n: number) => n.toString(16).toUpperCase();
  return ranges.map(([a, b]) => (a === b ? `U+${hex(a)}` : `U+${hex(a)}-${hex(b)}`)).join(', ');
}

const keyOf = (family: string) => family.trim().toLowerCase();

export interface BrowserFontsOptions {
  /**
   * What each family draws (`GET /api/fonts` → `families[].coverage`, and the custom faces'):
   * a fallback family is loaded only for characters the layer's own family lacks, so a Latin
   * title in Inter costs no Noto Sans download. Without it every likely fallback is loaded.
   */
  coverage?: Readonly<Record<string, CoverageRanges>>;
}

export function createBrowserFonts(
  files: readonly FontFileRef[],
  fontSet: FontFaceSet = document.fonts,
  options: BrowserFontsOptions = {},
): BrowserFonts {
  const covers = new Map<string, (cp: number) => boolean>();
  for (const [family, ranges] of Object.entries(options.coverage ?? {}))
    covers.set(keyOf(family), coverageLookup(ranges));
  const faces = new Map<string, FontFace>();
  /** Custom families: their private names, by lower-case family name, and back. */
  const customNames = new Map<string, string>();
  const customFamilies = new Map<string, string>();
  for (const file of files) {
    if (!file.registeredAs) continue;
    customNames.set(keyOf(file.family), file.registeredAs);
    customFamilies.set(file.registeredAs, keyOf(file.family));
  }
  /** The family a layer's name resolves to: a custom family's own key, else the catalog family's. */
  const logical = (family: string) => (customNames.has(keyOf(family)) ? keyOf(family) : resolveFamily(family));
  const faceName = (family: string) => customNames.get(keyOf(family)) ?? registeredName(family);
  for (const file of files) {
    const key = `${file.registeredAs ?? file.family}|${file.weight}|${file.style}`;
    if (faces.has(key)) continue;
    const face = new FontFace(file.registeredAs ?? registeredName(file.family), `url(${JSON.stringify(file.url)})`, {
      weight: String(file.weight),
      style: file.style,
      ...(file.unicodeRange ? { unicodeRange: file.unicodeRange } : {}),
      display: 'block',
    });
    faces.set(key, face);
    // `add` is declared in TypeScript's DOM.Iterable lib, which the engine does not load.
    (fontSet as FontFaceSet & { add(face: FontFace): void }).add(face);
  }
  const loadedFamilies = new Set<string>();
  const listeners = new Set<() => void>();
  const familyOfFace = (name: string) => {
    const bare = name.replace(/^["']|["']$/g, '');
    return customFamilies.get(bare) ?? catalogName(bare);
  };
  const notify = () => {
    for (const face of faces.values()) if (face.status === 'loaded') loadedFamilies.add(familyOfFace(face.family));
    for (const l of listeners) l();
  };
  fontSet.addEventListener('loadingdone', notify);

  const loadFamily = async (family: string, weight: number, style: FontStyleName, text: string) => {
    // The browser's own matching picks the face (nearest weight, italic or not), so the
    // face loaded here is the one the canvas will draw with.
    const spec = `${style === 'italic' ? 'italic ' : ''}${weight} 16px "${faceName(family)}"`;
    const loaded = await fontSet.load(spec, text || ' ');
    if (loaded.length > 0) loadedFamilies.add(logical(family));
    return loaded;
  };

  return {
    async ensure(requests) {
      const jobs = new Map<string, Promise<unknown>>();
      const failed: string[] = [];
      for (const r of requests) {
        // Fallbacks only for what the layer's own family cannot draw (when its coverage is
        // known). Custom families stand in the chain after the layer's own: their
        // unicode-range loads only those that draw a character of the rest.
        const primary = logical(r.family);
        const own = covers.get(keyOf(primary));
        const rest = own
          ? [...r.text].filter((ch) => !own(ch.codePointAt(0) ?? 0) && ch.trim() !== '').join('')
          : r.text;
        const families = [primary, ...(rest ? [...customNames.keys(), ...fallbackFamiliesFor(rest)] : [])];
        for (const family of families) {
          const key = `${family}|${r.weight}|${r.style}`;
          if (jobs.has(key)) continue;
          jobs.set(
            key,
            loadFamily(family, r.weight, r.style, family === primary ? r.text : rest).catch(() => {
              failed.push(`${family} ${r.weight}${r.style === 'italic' ? ' italic' : ''}`);
            }),
          );
        }
      }
      await Promise.all(jobs.values());
      notify();
      return { failed };
    },
    isLoaded: (family) => loadedFamilies.has(logical(family)),
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
