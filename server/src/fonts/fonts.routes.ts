// GET /api/fonts: the families the engine renders with, and their files at stable URLs,
// so the editor loads exactly the fonts the server draws with (FontFace). A file's URL
// carries a tag derived from its size and modification time: a changed file gets a new
// URL, so the files can be cached as immutable.
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import type Router from '@koa/router';
import { glyphCoverage, listFonts } from '@layercast/engine/node';
import { ApiError } from '../errors';
import { IMMUTABLE } from '../images/image-headers';

interface ServedFont {
  path: string;
  bytes: number;
}

interface FontIndex {
  body: unknown;
  files: Map<string, ServedFont>;
}

let index: FontIndex | undefined;

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

export function mountFontRoutes(router: Router): void {
  router.get('/api/fonts', (ctx) => {
    index ??= buildIndex();
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = index.body;
  });

  router.get('/api/fonts/files/:tag/:name', (ctx) => {
    index ??= buildIndex();
    const font = index.files.get(`${ctx.params.tag}/${ctx.params.name}`);
    if (!font) throw new ApiError(404, 'not_found', 'font file not found');
    ctx.set('Cache-Control', IMMUTABLE);
    ctx.set('X-Content-Type-Options', 'nosniff');
    // Fonts are public; any origin (an editor dev server, a customer's page) may load them.
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.type = 'font/ttf';
    ctx.length = font.bytes;
    ctx.body = createReadStream(font.path);
  });
}
