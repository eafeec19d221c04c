// The editor's engine platform: the server's font list registered with FontFace, and a
// LayoutEnv that measures with those faces. Created once per page and shared by every view.
import {
  type BrowserFonts,
  type CustomFontFace,
  type FontFamilyInfo,
  type FontFileRef,
  createBrowserFonts,
  createBrowserLayoutEnv,
  mergeCoverage,
  unicodeRangeOf,
  withCustomFonts,
} from '@layercast/engine/browser';
import type { CustomFont } from '@layercast/shared';
import type { CoverageRanges, FontMetrics, LayoutEnv } from '@layercast/engine';
import { api } from '../api/client';

export interface FontFamilyEntry extends FontFamilyInfo {
  metrics: FontMetrics;
}

export interface FontCatalog {
  families: FontFamilyEntry[];
  files: FontFileRef[];
  /** What the fonts can draw between them; the rest is laid out as U+FFFD, as on the server. */
  coverage: CoverageRanges;
  /** The account's uploaded faces (empty when signed out). */
  custom: CustomFont[];
  /** What each family draws, shipped and uploaded: fallbacks load only for the rest. */
  familyCoverage: Record<string, CoverageRanges>;
}

/** Reads GET /api/fonts: every family the server registers, with its files' URLs. */
export async function fetchFontCatalog(): Promise<FontCatalog> {
  const { families: listed, coverage, custom } = await api.fontCatalog();
  const families: FontFamilyEntry[] = listed.map(({ family, category, weights, styles, metrics }) => ({
    family,
    category,
    weights,
    styles,
    metrics,
  }));
  const files: FontFileRef[] = listed.flatMap((f) =>
    f.files.map(({ weight, style, url }) => ({ family: f.family, weight, style, url })),
  );
  // The stored bytes of each uploaded face, under the private name the server registers.
  for (const f of custom) {
    files.push({
      family: f.family,
      weight: f.weight,
      style: f.style,
      url: f.url,
      registeredAs: f.registeredAs,
      unicodeRange: unicodeRangeOf(f.coverage),
    });
  }
  const familyCoverage: Record<string, CoverageRanges> = {};
  for (const f of listed) familyCoverage[f.family] = f.coverage;
  for (const f of custom) {
    const known = familyCoverage[f.family];
    familyCoverage[f.family] = mergeCoverage(known ? [{ coverage: known }, f] : [f]);
  }
  return { families, files, coverage, custom, familyCoverage };
}

export interface EditorPlatform {
  env: LayoutEnv;
  fonts: BrowserFonts;
  catalog: FontCatalog;
}

export async function createPlatform(): Promise<EditorPlatform> {
  const catalog = await fetchFontCatalog();
  const fonts = createBrowserFonts(catalog.files, document.fonts, { coverage: catalog.familyCoverage });
  const metrics: Record<string, FontMetrics> = {};
  for (const f of catalog.families) metrics[f.family] = f.metrics;
  const faces: CustomFontFace[] = catalog.custom.map(({ family, registeredAs, weight, style, metrics, coverage }) => ({
    family,
    registeredAs,
    weight,
    style,
    metrics,
    coverage,
  }));
  const env = withCustomFonts(
    createBrowserLayoutEnv({ metrics, isLoaded: fonts.isLoaded, coverage: catalog.coverage }),
    faces,
  );
  return { env, fonts, catalog };
}

let shared: Promise<EditorPlatform> | null = null;

/** Forgets the platform, so the next view loads the font list again (after fonts changed). */
export function resetPlatform(): void {
  shared = null;
}

/** The page's one platform; a failed load is retried on the next call. */
export function loadPlatform(): Promise<EditorPlatform> {
  if (!shared) {
    shared = createPlatform().catch((error: unknown) => {
      shared = null;
      throw error;
    });
  }
  return shared;
}
