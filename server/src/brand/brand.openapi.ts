// OpenAPI paths of /api/brand.
import { BrandKitResponseSchema, BrandKitUpdateSchema, MAX_BRAND_COLORS, MAX_BRAND_LOGOS } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, json, jsonBody, keyOrSession } from '../openapi/common';

export const brandPaths: ZodOpenApiPathsObject = {
  '/api/brand': {
    get: {
      tags: ['Brand kit'],
      summary: 'The account’s brand kit: colours, logos and font families',
      description:
        'What the editor offers in one click in every colour field (swatches), image source (logos) and font picker. ' +
        'Logos whose image was deleted are left out.',
      security: keyOrSession,
      responses: { '200': json(BrandKitResponseSchema), ...errors(401) },
    },
    put: {
      tags: ['Brand kit'],
      summary: 'Replace the brand kit',
      description:
        `The whole kit: up to ${MAX_BRAND_COLORS} colours (any CSS colour, optional name) and up to ${MAX_BRAND_LOGOS} logos ` +
        '(ids of images the account uploaded with POST /api/assets, optional name). Fonts are managed with /api/fonts. ' +
        'Needs the `assets:write` scope with an API key.',
      security: keyOrSession,
      requestBody: jsonBody(BrandKitUpdateSchema),
      responses: { '200': json(BrandKitResponseSchema), ...errors(401, 403, 422) },
    },
  },
};
