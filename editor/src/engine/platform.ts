// The editor's engine platform: the server's font list registered with FontFace, and a
// LayoutEnv that measures with those faces. Created once per page and shared by every view.
import {
  type BrowserFonts,
  FONT_FAMILIES,
  type FontFamilyInfo,
  type FontFileRef,
  createBrowserFonts,
  createBrowserLayoutEnv,
} from '@layercast/engine/browser';
import type { FontMetrics, LayoutEnv } from '@layercast/engine';
import { getJson } from '../api/http';

export interface FontFamilyEntry extends FontFamilyInfo {
  metrics?: FontMetrics;
}

export interface FontCatalog {
  families: FontFamilyEntry[];
  files: FontFileRef[];
}

interface RawFamily {
  family: string;
  category?: FontFamilyInfo['category'];
  weights?: number[];
  styles?: ('normal' | 'italic')[];
  metrics?: FontMetrics;
  files?: { weight: number; style: 'normal' | 'italic'; url?: string; path?: string; unicodeRange?: string }[];
}

/** Reads GET /api/fonts: every family the server registers, with its files' URLs. */
export async function fetchFontCatalog(): Promise<FontCatalog> {
  const body = await getJson<{ families?: RawFamily[]; fonts?: RawFamily[] } | RawFamily[]>('/api/fonts');
  const raw = Array.isArray(body) ? body : (body.families ?? body.fonts ?? []);
  const families: FontFamilyEntry[] = [];
  const files: FontFileRef[] = [];
  for (const f of raw) {
    const known = FONT_FAMILIES.find((k) => k.family === f.family);
    families.push({
      family: f.family,
      category: f.category ?? known?.category ?? 'sans-serif',
      weights: f.weights ?? known?.weights ?? [400],
      styles: f.styles ?? known?.styles ?? ['normal'],
      ...(f.metrics ? { metrics: f.metrics } : {}),
    });
    for (const file of f.files ?? []) {
      if (!file.url) continue;
      files.push({ family: f.family, weight: file.weight, style: file.style, url: file.url, ...(file.unicodeRange ? { unicodeRange: file.unicodeRange } : {}) });
    }
  }
  return { families, files };
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
  for (const f of catalog.families) if (f.metrics) metrics[f.family] = f.metrics;
  const env = createBrowserLayoutEnv({ metrics, isLoaded: fonts.isLoaded });
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
