// OpenAPI paths of GET /healthz and GET /health.
import { HealthFailureSchema, HealthSchema } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { json } from '../openapi/common';

const health = (summary: string) => ({
  get: {
    tags: ['Operations'],
    summary,
    security: [],
    responses: {
      '200': json(HealthSchema),
      '503': json(HealthFailureSchema, 'The database is unreachable.'),
    },
  },
});

export const healthPaths: ZodOpenApiPathsObject = {
  '/healthz': health('Liveness and readiness (the database answers)'),
  '/health': health('The same as /healthz, under the name other services use'),
};
