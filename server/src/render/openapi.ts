// OpenAPI paths of the render API, merged into /api/openapi.json by server/src/openapi
// (session B fills this in from the zod schemas its routes validate with).
import type { ZodOpenApiPathsObject } from 'zod-openapi';

export const renderOpenApiPaths: ZodOpenApiPathsObject = {};
