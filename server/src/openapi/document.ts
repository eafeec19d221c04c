// The OpenAPI 3.1 document, generated once from the zod schemas the routes validate with.
import { createDocument } from 'zod-openapi';
import { renderOpenApiPaths } from '../render/render.openapi';
import { corePaths } from './core-paths';

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(): ReturnType<typeof createDocument> {
  cached ??= createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Layercast API',
      version: '1.0.0',
      description:
        'Render image templates with per-layer overrides. Authenticate with `Authorization: Bearer lc_live_...` ' +
        '(create keys in the app or with `layercast keys create`). Errors are always ' +
        '`{"success": false, "error": {"code", "message", "details"}}`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key, lc_live_...' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: 'lc_session',
          description:
            'Browser session from /api/auth/login. Writes also need the X-CSRF-Token header from /api/auth/me.',
        },
      },
    },
    paths: { ...corePaths, ...renderOpenApiPaths },
  });
  return cached;
}
