// Serves the built editor (editor/dist) at / with a single-page-app fallback, when it exists.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Context, Next } from 'koa';
import send from 'koa-send';

/** Paths the API owns: never answered with the editor's index.html. */
const API_PREFIXES = ['/api/', '/docs', '/healthz', '/health'];

export function serveEditor(distDir: string, options: { sourceMaps?: boolean } = {}) {
  return async function editorMiddleware(ctx: Context, next: Next): Promise<void> {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
    if (API_PREFIXES.some((p) => ctx.path === p || ctx.path.startsWith(p))) return;
    if (!existsSync(join(distDir, 'index.html'))) return;
    // Source maps stay on the server unless asked for: they are most of the build's bytes.
    if (ctx.path.endsWith('.map') && !options.sourceMaps) return;
    // The build holds a .br and a .gz of each file; koa-send sends the one the client accepts.
    ctx.vary('Accept-Encoding');
    // Vite fingerprints everything under /assets: cache forever. index.html must revalidate.
    const immutable = ctx.path.startsWith('/assets/');
    try {
      // koa-send resolves to '' (sending nothing) for a directory such as '/'.
      if (await send(ctx, ctx.path, { root: distDir, immutable, maxage: immutable ? 31_536_000_000 : 0 })) return;
    } catch {
      // Not a file: fall through to the app shell for client-side routes.
    }
    if (immutable || !ctx.accepts('html')) return;
    ctx.set('Cache-Control', 'no-cache');
    await send(ctx, 'index.html', { root: distDir });
  };
}
