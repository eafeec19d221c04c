// OpenAPI paths of /api/auth, from the schemas the routes validate with.
import { CredentialsSchema, MeSchema, SessionSchema } from '@layercast/shared';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { errors, json, jsonBody, keyOrSession, sessionOnly } from '../openapi/common';

export const authPaths: ZodOpenApiPathsObject = {
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
};
