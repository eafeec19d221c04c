// The editor's engine platform: the server's font list registered with FontFace, and a
// LayoutEnv that measures with those faces. Created once per page and shared by every view.
import {
  type BrowserFonts,
  type FontFamilyInfo,
  type FontFileRef,
  createBrowserFonts,
  createBrowserLayoutEnv,
} from '@layercast/engine/browser';
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
}

/** Reads GET /api/fonts: every family the server registers, with its files' URLs. */
export async function fetchFontCatalog(): Promise<FontCatalog> {
  const { families: listed, coverage } = await api.fontCatalog();
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
  return { families, files, coverage };
}

export interface EditorPlatform {
  env: LayoutEnv;
  fonts: BrowserFonts;
  catalog: FontCatalog;
}

export async function createPlatform(): Promise<EditorPlatform> {
  const catalog = await fetchFontCatalog();
  const fonts = createBrowserFonts(catalog.files);
  const metrics: Record<string, FontMetrics> = {};
  for (const f of catalog.families) metrics[f.family] = f.metrics;
  const env = createBrowserLayoutEnv({ metrics, isLoaded: fonts.isLoaded, coverage: catalog.coverage });
  return { env, fonts, catalog };
}

let shared: Promise<EditorPlatform> | null = null;

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
