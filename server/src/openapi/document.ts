// The OpenAPI 3.1 document, generated once from the API's zod schemas (shared/src/api), the
// same the routes validate with and the client parses answers with.
import { type ZodOpenApiPathsObject, createDocument } from 'zod-openapi';
import { assetPaths } from '../assets/assets.openapi';
import { authPaths } from '../auth/auth.openapi';
import { brandPaths } from '../brand/brand.openapi';
import { fontPaths } from '../fonts/fonts.openapi';
import { healthPaths } from '../http/health.openapi';
import { imagePaths } from '../images/images.openapi';
import { jobPaths } from '../jobs/jobs.openapi';
import { keyPaths } from '../keys/keys.openapi';
import { quotaPaths } from '../quota/quota.openapi';
import { renderPaths } from '../render/render.openapi';
import { templatePaths } from '../templates/templates.openapi';

/** Every path of the API, each feature's from its own `*.openapi.ts`. */
export const apiPaths: ZodOpenApiPathsObject = {
  ...authPaths,
  ...keyPaths,
  ...templatePaths,
  ...renderPaths,
  ...jobPaths,
  ...imagePaths,
  ...assetPaths,
  ...fontPaths,
  ...brandPaths,
  ...quotaPaths,
  ...healthPaths,
};

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
    paths: apiPaths,
  });
  return cached;
}
