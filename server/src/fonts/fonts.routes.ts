// GET /api/fonts (the shipped families, and the account's own faces when authenticated), the
// shipped files, and the account's uploads: POST /api/fonts?family=, GET
// /api/fonts/custom/<id>.<format> (owner only), DELETE /api/fonts/:id.
import { createReadStream } from 'node:fs';
import type Router from '@koa/router';
import { MAX_FONT_BYTES } from '@layercast/engine/limits';
import type { FontUploadResponse, FontStyle } from '@layercast/shared';
import { authOf } from '../auth/auth.middleware';
import { ApiError, validationError } from '../errors';
import { readRawBody } from '../http/raw-body';
import { IMMUTABLE } from '../images/image-headers';
import type { FontUpload, FontsService } from './fonts.service';

const FONT_TYPES = [
  'font/ttf',
  'font/otf',
  'font/woff',
  'font/woff2',
  'font/sfnt',
  'application/octet-stream',
  'application/font-sfnt',
  'application/font-woff',
  'application/x-font-ttf',
  'application/x-font-otf',
  'application/vnd.ms-opentype',
];

function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[value.length - 1] : value;
}

/** `family`, `weight` and `style` from the query; a 422 naming each one that is wrong. */
function uploadOptions(query: Record<string, string | string[] | undefined>): FontUpload {
  const issues: { path: string; message: string }[] = [];
  const options: FontUpload = {};
  const family = one(query.family);
  if (family !== undefined) options.family = family;
  const weight = one(query.weight);
  if (weight !== undefined) {
    const n = Number(weight);
    if (!/^\d+$/.test(weight) || n < 1 || n > 1000)
      issues.push({ path: 'weight', message: 'expected a whole number from 1 to 1000' });
    else options.weight = n;
  }
  const style = one(query.style);
  if (style !== undefined) {
    if (style !== 'normal' && style !== 'italic')
      issues.push({ path: 'style', message: 'expected "normal" or "italic"' });
    else options.style = style as FontStyle;
  }
  if (issues.length) throw validationError('invalid_request', issues);
  return options;
}

export function mountFontRoutes(router: Router, fonts: FontsService): void {
  router.get('/api/fonts', async (ctx) => {
    const auth = ctx.state.auth;
    // With an account the list carries its own faces: not for shared caches.
    ctx.set('Cache-Control', auth ? 'private, no-cache' : 'public, max-age=300');
    ctx.set('Vary', 'Cookie, Authorization, Accept-Encoding');
    const body = await fonts.catalog(auth?.accountId);
    // About 200 KB of JSON (each family's coverage): sent compressed to clients that accept it.
    if (ctx.acceptsEncodings('br', 'identity') === 'br') {
      ctx.type = 'application/json';
      ctx.set('Content-Encoding', 'br');
      ctx.body = body.custom.length ? await fonts.compress(JSON.stringify(body)) : await fonts.compressedCatalog();
      return;
    }
    ctx.body = body;
  });

  router.get('/api/fonts/files/:tag/:name', async (ctx) => {
    const tag = ctx.params.tag ?? '';
    const name = ctx.params.name ?? '';
    const font = await fonts.file(tag, name);
    if (!font) throw new ApiError(404, 'not_found', 'font file not found');
    ctx.set('Cache-Control', IMMUTABLE);
    ctx.set('X-Content-Type-Options', 'nosniff');
    // Fonts are public; any origin (an editor dev server, a customer's page) may load them.
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.vary('Accept-Encoding');
    ctx.type = 'font/ttf';
    // TTF compresses to about half with brotli; the browser gets the very same file back.
    if (ctx.acceptsEncodings('br', 'identity') === 'br') {
      const compressed = await fonts.brotli(tag, name);
      if (compressed) {
        ctx.set('Content-Encoding', 'br');
        ctx.length = compressed.bytes;
        ctx.body = createReadStream(compressed.path);
        return;
      }
    }
    ctx.length = font.bytes;
    ctx.body = createReadStream(font.path);
  });

  router.post('/api/fonts', async (ctx) => {
    const auth = authOf(ctx);
    const options = uploadOptions(ctx.query);
    if (ctx.get('content-type') && !ctx.is(FONT_TYPES)) {
      throw new ApiError(
        415,
        'unsupported_media_type',
        'send the font file as the body, e.g. Content-Type: font/ttf (or font/otf, font/woff, font/woff2)',
      );
    }
    const bytes = await readRawBody(ctx, MAX_FONT_BYTES, 'font file');
    if (bytes.byteLength === 0) throw new ApiError(422, 'invalid_font', 'the body is empty; send the font file');
    const { font, replaced } = await fonts.upload(auth.accountId, bytes, options);
    ctx.status = 201;
    const body: FontUploadResponse = { success: true, font, ...(replaced ? { replaced } : {}) };
    ctx.body = body;
  });

  router.get('/api/fonts/custom/:file', async (ctx) => {
    const auth = authOf(ctx);
    const found = await fonts.read(auth.accountId, ctx.params.file ?? '');
    if (!found) throw new ApiError(404, 'not_found', 'font not found');
    // A face's URL names its bytes (a replaced face gets a new id): cache it for good, privately.
    ctx.set('Cache-Control', 'private, max-age=31536000, immutable');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('ETag', `"${found.font.sha256.slice(0, 32)}"`);
    ctx.type = `font/${found.font.format}`;
    ctx.body = found.bytes;
  });

  router.delete('/api/fonts/:id', async (ctx) => {
    const auth = authOf(ctx);
    if (!(await fonts.remove(auth.accountId, ctx.params.id ?? ''))) {
      throw new ApiError(404, 'not_found', 'font not found');
    }
    ctx.body = { success: true };
  });
}
