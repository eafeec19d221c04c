// The font catalogue the server renders with, and its files at stable URLs, so the editor
// loads exactly the fonts the server draws with (FontFace). A file's URL carries a tag
// derived from its size and modification time: a changed file gets a new URL, so the files
// can be cached as immutable. Built once, on first use.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { glyphCoverage, listFonts } from '@layercast/engine/node';

export interface ServedFont {
  path: string;
  bytes: number;
}

interface FontIndex {
  body: unknown;
  files: Map<string, ServedFont>;
}

function buildIndex(): FontIndex {
  const files = new Map<string, ServedFont>();
  const families = listFonts().map((family) => ({
    family: family.family,
    category: family.category,
    weights: family.weights,
    styles: family.styles,
    metrics: family.metrics,
    files: family.files.map((file) => {
      const stat = statSync(file.path);
      const tag = createHash('sha256').update(`${file.path}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 12);
      const key = `${tag}/${basename(file.path)}`;
      files.set(key, { path: file.path, bytes: stat.size });
      return { weight: file.weight, style: file.style, format: file.format, url: `/api/fonts/files/${key}` };
    }),
  }));
  // What the fonts cover between them: the editor lays out characters outside it as U+FFFD,
  // as the renderer does.
  return { body: { success: true, families, coverage: glyphCoverage() }, files };
}

export type FontsService = ReturnType<typeof createFontsService>;

export function createFontsService() {
  let index: FontIndex | undefined;
  const current = () => {
    index ??= buildIndex();
    return index;
  };
  return {
    /** GET /api/fonts's body. */
    catalog: () => current().body,
    /** A served file by `<tag>/<name>`, or undefined. */
    file: (tag: string, name: string): ServedFont | undefined => current().files.get(`${tag}/${name}`),
  };
}
