// Fonts an account brings (uploaded, or named by URL for one render), platform-neutral.
// Each family is registered under a private name of its own (`registeredAs`, chosen by
// whoever owns the fonts: two accounts that both upload a "Brand" get two names), so one
// render process can hold many accounts' fonts and a template sees only those it is given.
// A LayoutEnv is wrapped so that such a family resolves to its faces, and every custom
// family joins the fallback chain after the layer's own family, before the shipped ones.
import { type CoverageRanges, coverageLookup } from './coverage';
import type { FontStyleName } from './fonts-catalog';
import type { FontMetrics, LayoutEnv } from './types';

/** One face of a custom family, as layout needs it (where its bytes are is the backend's concern). */
export interface CustomFontFace {
  /** The family name templates use (matched ASCII case-insensitively, as CSS does). */
  family: string;
  /** The private name the family's faces are registered under, the same on every side. */
  registeredAs: string;
  weight: number;
  style: FontStyleName;
  /** Normal line box of this face, as fractions of the em. */
  metrics: FontMetrics;
  /** The code points this face maps. */
  coverage: CoverageRanges;
}

/** What a custom family contributes to layout: its name, its metrics and what it covers. */
interface CustomFamily {
  registeredAs: string;
  metrics: FontMetrics;
  covers: (codePoint: number) => boolean;
}

const familyKey = (name: string) =>
  name
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();

/**
 * The face whose metrics speak for the family: the upright one nearest weight 400, as the
 * shipped families take their regular face's.
 */
function representative(faces: readonly CustomFontFace[]): CustomFontFace {
  const score = (f: CustomFontFace) => (f.style === 'normal' ? 0 : 10_000) + Math.abs(f.weight - 400);
  return faces.reduce((best, f) => (score(f) < score(best) ? f : best));
}

/** The union of several faces' coverage, sorted and merged (what `coverageLookup` needs). */
export function mergeCoverage(faces: readonly { coverage: CoverageRanges }[]): CoverageRanges {
  const ranges = faces.flatMap((f) => f.coverage.map(([a, b]) => [a, b] as [number, number]));
  ranges.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const [a, b] of ranges) {
    const last = merged[merged.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else merged.push([a, b]);
  }
  return merged;
}

/** Faces grouped into families, keyed by lower-case family name; the first face's name wins. */
function familiesOf(faces: readonly CustomFontFace[]): Map<string, CustomFamily> {
  const groups = new Map<string, CustomFontFace[]>();
  for (const face of faces) {
    const key = familyKey(face.family);
    const group = groups.get(key);
    // One private name per family: a face under another name (two sources for one family
    // name) is left out rather than mixed in.
    if (group && group[0]?.registeredAs !== face.registeredAs) continue;
    if (group) group.push(face);
    else groups.set(key, [face]);
  }
  const out = new Map<string, CustomFamily>();
  for (const [key, group] of groups) {
    const first = representative(group);
    out.set(key, {
      registeredAs: first.registeredAs,
      metrics: first.metrics,
      covers: coverageLookup(mergeCoverage(group)),
    });
  }
  return out;
}

/**
 * `env` with these custom faces: a layer naming a custom family draws with it (no fallback
 * diagnostic), its metrics are the family's own, the characters it covers are not replaced
 * by U+FFFD, and every custom family is tried for a missing glyph after the layer's family
 * and before the shipped fallback chain. Without faces, `env` itself.
 */
export function withCustomFonts(env: LayoutEnv, faces: readonly CustomFontFace[]): LayoutEnv {
  if (faces.length === 0) return env;
  const families = familiesOf(faces);
  const quoted = [...families.values()].map((f) => `"${f.registeredAs}"`);
  const stacks = new Map<string, string>();
  const baseHasGlyph = env.hasGlyph?.bind(env);
  const customCovers = (cp: number) => {
    for (const f of families.values()) if (f.covers(cp)) return true;
    return false;
  };
  return {
    measure: env.measure,
    fontStack(family) {
      const key = familyKey(family);
      let stack = stacks.get(key);
      if (stack === undefined) {
        const own = families.get(key);
        if (own) {
          const others = quoted.filter((q) => q !== `"${own.registeredAs}"`);
          // The shipped chain as for an unknown family: the default family first.
          stack = [`"${own.registeredAs}"`, ...others, env.fontStack(family)].join(', ');
        } else {
          const base = env.fontStack(family);
          const cut = base.indexOf('", ');
          stack =
            cut < 0
              ? [base, ...quoted].join(', ')
              : [base.slice(0, cut + 1), ...quoted, base.slice(cut + 3)].join(', ');
        }
        stacks.set(key, stack);
      }
      return stack;
    },
    metrics: (family) => families.get(familyKey(family))?.metrics ?? env.metrics(family),
    hasFamily: (family) => families.has(familyKey(family)) || env.hasFamily(family),
    ...(baseHasGlyph ? { hasGlyph: (cp: number) => customCovers(cp) || baseHasGlyph(cp) } : {}),
  };
}
