// OpenAPI paths of /api/keys, from the schemas the routes validate and answer with.
import { CreateKeySchema, CreatedKeySchema, KeyListSchema, SigningSecretSchema } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, idParam, json, jsonBody, sessionOnly } from '../openapi/common';

export const keyPaths: ZodOpenApiPathsObject = {
  '/api/keys': {
    get: {
      tags: ['API keys'],
      summary: 'List API keys (never their secrets)',
      security: sessionOnly,
      responses: { '200': json(KeyListSchema), ...errors(401) },
    },
    post: {
      tags: ['API keys'],
      summary: 'Create an API key',
      description:
        'Returns the key and its signing secret once. The signing secret signs render URLs for private templates: ' +
        'add kid (this key id) and exp (unix seconds, at most 30 days ahead) to the render query, then ' +
        'sig = hex HMAC-SHA256(signingSecret, canonical), where canonical is every parameter but sig, its name and ' +
        "(decoded) value each percent-encoded as RFC 3986 (encodeURIComponent, plus !'()* as %21 %27 %28 %29 %2A), " +
        'as name=value, sorted by encoded name, joined by &. Revoking the key invalidates its signed URLs.',
      security: sessionOnly,
      requestBody: jsonBody(CreateKeySchema),
      responses: { '201': json(CreatedKeySchema, 'Created; the key is shown only now.'), ...errors(401, 403, 422) },
    },
  },
  '/api/keys/{id}': {
    delete: {
      tags: ['API keys'],
      summary: 'Revoke an API key (immediately)',
      security: sessionOnly,
      requestParams: { path: idParam },
      responses: { '204': { description: 'Revoked.' }, ...errors(401, 403, 404) },
    },
  },
  '/api/keys/{id}/signing-secret': {
    get: {
      tags: ['API keys'],
      summary: "A key's secret for signing render URLs",
      description: 'Derived on the server from its master secret and the key id; nothing per key is stored.',
      security: sessionOnly,
      requestParams: { path: idParam },
      responses: { '200': json(SigningSecretSchema), ...errors(401, 404) },
    },
  },
};
