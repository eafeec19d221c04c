// OpenAPI path of GET /api/usage.
import { UsageSchema } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, json, keyOrSession } from '../openapi/common';

export const quotaPaths: ZodOpenApiPathsObject = {
  '/api/usage': {
    get: {
      tags: ['Render'],
      summary: "This month's renders, quota and rate",
      security: keyOrSession,
      responses: {
        '200': json(UsageSchema),
        ...errors(401),
      },
    },
  },
};
