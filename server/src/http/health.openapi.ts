// OpenAPI path of GET /healthz.
import { HealthFailureSchema, HealthSchema } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { json } from '../openapi/common';

export const healthPaths: ZodOpenApiPathsObject = {
  '/healthz': {
    get: {
      tags: ['Operations'],
      summary: 'Liveness and readiness (the database answers)',
      security: [],
      responses: {
        '200': json(HealthSchema),
        '503': json(HealthFailureSchema, 'The database is unreachable.'),
      },
    },
  },
};
