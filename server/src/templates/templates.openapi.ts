// OpenAPI paths of /api/templates, from the schemas the routes validate and answer with.
import {
  CreateTemplateDoc,
  StarterListSchema,
  TemplateListSchema,
  TemplateSchema,
  TemplateVersionSchema,
  TemplateVersionsSchema,
  UpdateTemplateDoc,
} from '@layercast/shared';
import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, idParam, json, jsonBody, keyOrSession } from '../openapi/common';

const etagHeader = z.object({
  ETag: z.string().meta({ description: 'Version of the template, e.g. "v3"; send it back as If-Match.' }),
});

export const templatePaths: ZodOpenApiPathsObject = {
  '/api/starters': {
    get: {
      tags: ['Templates'],
      summary: 'The starter designs a template can be created from',
      description: 'Create from one with `POST /api/templates {"starter": "<id>"}`.',
      security: [],
      responses: { '200': json(StarterListSchema) },
    },
  },
  '/api/templates': {
    get: {
      tags: ['Templates'],
      summary: 'List your templates',
      security: keyOrSession,
      responses: { '200': json(TemplateListSchema), ...errors(401) },
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
        '200': json(TemplateVersionsSchema),
        ...errors(401, 404),
      },
    },
  },
  '/api/templates/{id}/contract': {
    get: {
      tags: ['Templates'],
      summary: 'What a render of this template accepts, as JSON Schema',
      description:
        "Every layer by name with its kind's override properties and their ranges, the variables with their defaults, and the output options: the body of POST /api/generate for this template. Built from the same schemas the server validates with. `version` gives the contract of a saved version.",
      security: keyOrSession,
      requestParams: {
        path: idParam,
        query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
      responses: {
        '200': {
          description: 'A JSON Schema (2020-12) document.',
          content: { 'application/schema+json': { schema: z.record(z.string(), z.unknown()) } },
        },
        ...errors(401, 404, 422),
      },
    },
  },
  '/api/templates/{id}/versions/{version}/restore': {
    post: {
      tags: ['Templates'],
      summary: 'Make a new version equal to an old one',
      description:
        'History is never rewritten: the old version is copied into a new current version (201). Restoring content equal to the current version changes nothing (200, X-Template-Status: unchanged). If-Match is honoured as for PUT.',
      security: keyOrSession,
      requestParams: { path: idParam.extend({ version: z.coerce.number().int().min(1) }) },
      responses: {
        '200': { ...json(TemplateSchema, 'Nothing to change.'), headers: etagHeader },
        '201': { ...json(TemplateSchema, 'The new version.'), headers: etagHeader },
        ...errors(401, 404, 412),
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
        '200': json(TemplateVersionSchema),
        ...errors(401, 404),
      },
    },
  },
};
