// OpenAPI paths of the core API (accounts, keys, templates, health), from the same zod
// schemas the routes validate with.
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { CredentialsSchema, MeSchema, SessionSchema } from '../auth/auth.routes';
import { ApiKeySchema, CreateKeySchema, CreatedKeySchema } from '../keys/keys.routes';
import {
  CreateTemplateDoc,
  TemplateSchema,
  TemplateSummarySchema,
  TemplateVersionSummarySchema,
  UpdateTemplateDoc,
} from '../templates/schemas';
import { errors, idParam, json, jsonBody, keyOrSession, sessionOnly } from './common';

const etagHeader = z.object({
  ETag: z.string().meta({ description: 'Version of the template, e.g. "v3"; send it back as If-Match.' }),
});

export const corePaths: ZodOpenApiPathsObject = {
  '/api/auth/signup': {
    post: {
      tags: ['Accounts'],
      summary: 'Create an account and sign in',
      security: [],
      description: 'Sets the httpOnly session cookie. Refused with 403 signup_closed when LAYERCAST_SIGNUP=closed.',
      requestBody: jsonBody(CredentialsSchema),
      responses: { '201': json(SessionSchema, 'Signed up and signed in.'), ...errors(403, 409, 422, 429, 503) },
    },
  },
  '/api/auth/login': {
    post: {
      tags: ['Accounts'],
      summary: 'Sign in',
      security: [],
      description:
        'Sign-up and login share a per-address rate (LAYERCAST_AUTH_RATE_PER_MINUTE, default 30; 429 rate_limited). ' +
        'Ten failures for one email from one address lock that pair out for 15 minutes (429 too_many_attempts). ' +
        'When too many passwords are being checked at once the answer is 503 overloaded with Retry-After.',
      requestBody: jsonBody(CredentialsSchema),
      responses: { '200': json(SessionSchema, 'Signed in; sets the session cookie.'), ...errors(401, 422, 429, 503) },
    },
  },
  '/api/auth/logout': {
    post: {
      tags: ['Accounts'],
      summary: 'Sign out',
      security: sessionOnly,
      responses: { '204': { description: 'Signed out.' } },
    },
  },
  '/api/auth/me': {
    get: {
      tags: ['Accounts'],
      summary: 'The signed-in account and its CSRF token',
      security: keyOrSession,
      responses: { '200': json(MeSchema), ...errors(401) },
    },
  },
  '/api/keys': {
    get: {
      tags: ['API keys'],
      summary: 'List API keys (never their secrets)',
      security: sessionOnly,
      responses: { '200': json(z.object({ keys: z.array(ApiKeySchema) })), ...errors(401) },
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
      responses: { '200': json(z.object({ keyId: z.uuid(), signingSecret: z.string() })), ...errors(401, 404) },
    },
  },
  '/api/templates': {
    get: {
      tags: ['Templates'],
      summary: 'List your templates',
      security: keyOrSession,
      responses: { '200': json(z.object({ templates: z.array(TemplateSummarySchema) })), ...errors(401) },
    },
    post: {
      tags: ['Templates'],
      summary: 'Create a template',
      security: keyOrSession,
      requestBody: jsonBody(CreateTemplateDoc),
      responses: {
        '201': { ...json(TemplateSchema, 'Created (version 1).'), headers: etagHeader },
        ...errors(400, 401, 403, 413, 415, 422),
      },
    },
  },
  '/api/templates/{id}': {
    get: {
      tags: ['Templates'],
      summary: 'Get a template',
      security: keyOrSession,
      requestParams: { path: idParam },
      responses: {
        '200': { ...json(TemplateSchema), headers: etagHeader },
        '304': { description: 'Not modified.' },
        ...errors(401, 404),
      },
    },
    put: {
      tags: ['Templates'],
      summary: 'Update a template',
      description:
        'Changes only the fields given (name, description, jsonData, previewUrl, isPublic). A save that changes ' +
        'something makes a new version; older versions stay readable. Send If-Match with the ETag to avoid lost updates.',
      security: keyOrSession,
      requestParams: {
        path: idParam,
        header: z.object({
          'if-match': z
            .string()
            .optional()
            .meta({
              description:
                'The version you read: its ETag ("v3"), or "v<version>" from the body when a proxy dropped the ETag. ' +
                'Forms a compressing proxy makes of the same tag (W/"v3", "v3-gzip") name the same version; "*" matches any.',
            }),
        }),
      },
      requestBody: jsonBody(UpdateTemplateDoc),
      responses: {
        '200': { ...json(TemplateSchema), headers: etagHeader },
        ...errors(400, 401, 403, 404, 412, 413, 415, 422),
      },
    },
    delete: {
      tags: ['Templates'],
      summary: 'Delete a template and its versions',
      security: keyOrSession,
      requestParams: { path: idParam },
      responses: { '204': { description: 'Deleted.' }, ...errors(401, 403, 404) },
    },
  },
  '/api/templates/{id}/versions': {
    get: {
      tags: ['Templates'],
      summary: "List a template's versions",
      security: keyOrSession,
      requestParams: { path: idParam },
      responses: {
        '200': json(
          z.object({ templateId: z.uuid(), currentVersion: z.int(), versions: z.array(TemplateVersionSummarySchema) }),
        ),
        ...errors(401, 404),
      },
    },
  },
  '/api/templates/{id}/versions/{version}': {
    get: {
      tags: ['Templates'],
      summary: 'Read an old version',
      security: keyOrSession,
      requestParams: { path: idParam.extend({ version: z.coerce.number().int().min(1) }) },
      responses: {
        '200': json(z.object({ templateId: z.uuid(), version: z.int(), name: z.string(), jsonData: z.unknown() })),
        ...errors(401, 404),
      },
    },
  },
  '/healthz': {
    get: {
      tags: ['Operations'],
      summary: 'Liveness and readiness (the database answers)',
      security: [],
      responses: {
        '200': json(z.object({ status: z.literal('ok'), database: z.literal('ok') })),
        '503': json(z.object({ status: z.literal('error'), database: z.string() }), 'The database is unreachable.'),
      },
    },
  },
};
