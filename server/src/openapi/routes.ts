// GET /api/openapi.json and the /docs page (Swagger UI, served from node_modules so it works offline).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Router from '@koa/router';
import send from 'koa-send';
import { openApiDocument } from './document';

const require = createRequire(import.meta.url);
const SWAGGER_DIR = dirname(require.resolve('swagger-ui-dist/package.json'));
const ASSETS = new Set([
  'swagger-ui.css',
  'index.css',
  'swagger-ui-bundle.js',
  'swagger-ui-standalone-preset.js',
  'favicon-32x32.png',
  'favicon-16x16.png',
]);

// Swagger UI's own page, pointed at our document instead of its demo.
const INDEX_HTML = readFileSync(`${SWAGGER_DIR}/index.html`, 'utf8').replace(
  '<title>Swagger UI</title>',
  '<title>Layercast API</title>',
);
const INITIALIZER = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

// Swagger UI needs inline styles; everything else comes from this origin only.
const DOCS_CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'";

export function mountOpenApiRoutes(router: Router): void {
  router.get('/api/openapi.json', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = openApiDocument();
  });
  // The router matches /docs and /docs/ alike; the page's relative asset URLs need the slash.
  router.get('/docs', (ctx) => {
    if (!ctx.path.endsWith('/')) {
      ctx.redirect('/docs/');
      return;
    }
    ctx.set('Content-Security-Policy', DOCS_CSP);
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = INDEX_HTML;
  });
  router.get('/docs/swagger-initializer.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = INITIALIZER;
  });
  router.get('/docs/:file', async (ctx) => {
    const file = ctx.params.file ?? '';
    if (!ASSETS.has(file)) return;
    ctx.set('Cache-Control', 'public, max-age=86400');
    await send(ctx, file, { root: SWAGGER_DIR });
  });
}
