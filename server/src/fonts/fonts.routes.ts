// GET /api/fonts and the font files it lists.
import { createReadStream } from 'node:fs';
import type Router from '@koa/router';
import { ApiError } from '../errors';
import { IMMUTABLE } from '../images/image-headers';
import type { FontsService } from './fonts.service';

export function mountFontRoutes(router: Router, fonts: FontsService): void {
  router.get('/api/fonts', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = fonts.catalog();
  });

  router.get('/api/fonts/files/:tag/:name', (ctx) => {
    const font = fonts.file(ctx.params.tag ?? '', ctx.params.name ?? '');
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
