// OpenAPI path of GET /api/fonts.
import { FontListResponseSchema } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { json } from '../openapi/common';

export const fontPaths: ZodOpenApiPathsObject = {
  '/api/fonts': {
    get: {
      tags: ['Fonts'],
      summary: 'Font families the renderer uses, with their files',
      security: [],
      responses: {
        '200': json(FontListResponseSchema),
      },
    },
  },
};
