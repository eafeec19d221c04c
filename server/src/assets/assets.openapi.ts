// OpenAPI paths of /api/assets.
import { AssetUploadResponseSchema } from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, fileParam, imageResponse, json, keyOrSession } from '../openapi/common';

export const assetPaths: ZodOpenApiPathsObject = {
  '/api/assets': {
    post: {
      tags: ['Assets'],
      summary: 'Upload an image for templates',
      description:
        'The body is the image bytes (PNG, JPEG, WebP or GIF, at most 10 MB and 25 megapixels; or SVG, at most 1 MB, ' +
        'without external references, entities or filters), typed by its content. ' +
        'Use the returned `url` as an image layer `src` or `image_url`.',
      security: keyOrSession,
      requestBody: {
        required: true,
        content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } },
      },
      responses: {
        '201': json(AssetUploadResponseSchema, 'Stored.'),
        '200': json(AssetUploadResponseSchema, 'The same bytes were uploaded before: that asset.'),
        ...errors(401, 403, 413, 415, 422),
      },
    },
  },
  '/api/assets/{file}': {
    get: {
      tags: ['Assets'],
      summary: 'An uploaded image',
      security: [],
      requestParams: { path: fileParam },
      responses: { '200': imageResponse('The image.'), ...errors(404) },
    },
  },
};
