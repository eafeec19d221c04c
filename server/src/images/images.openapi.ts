// OpenAPI path of GET /api/images/{file}.
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, fileParam, imageResponse } from '../openapi/common';

export const imagePaths: ZodOpenApiPathsObject = {
  '/api/images/{file}': {
    get: {
      tags: ['Render'],
      summary: 'A stored render',
      description:
        'Served with `Cache-Control: public, max-age=31536000, immutable`, an ETag and `X-Content-Type-Options: nosniff`.',
      security: [],
      requestParams: { path: fileParam },
      responses: { '200': imageResponse('The image.'), '304': { description: 'Not modified.' }, ...errors(404) },
    },
  },
};
