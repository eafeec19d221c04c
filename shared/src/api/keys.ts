// /api/keys: API keys (the secret is shown once) and their URL-signing secrets.
import { z } from 'zod';

/** What a key may do. Sessions may do everything; a key without `scopes` too. */
export const KEY_SCOPES = ['render', 'templates:read', 'templates:write', 'assets:write'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

const ScopesSchema = z
  .array(z.enum(KEY_SCOPES, { error: `expected one of ${KEY_SCOPES.join(', ')}` }), {
    error: 'expected a list of scopes',
  })
  .min(1, { error: 'expected at least one scope' })
  .refine((scopes) => new Set(scopes).size === scopes.length, { error: 'expected each scope once' });

export const CreateKeySchema = z.strictObject({
  name: z
    .string({ error: 'expected a string' })
    .trim()
    .min(1, { error: 'expected a name of 1 to 100 characters' })
    .max(100, { error: 'expected a name of 1 to 100 characters' }),
  scopes: ScopesSchema.optional().meta({ description: `Default: all (${KEY_SCOPES.join(', ')}).` }),
  templateIds: z
    .array(z.uuid({ error: 'expected a template id' }), { error: 'expected a list of template ids' })
    .min(1, { error: 'expected at least one template id' })
    .max(100, { error: 'expected at most 100 template ids' })
    .optional()
    .meta({ description: 'Limit the key to these templates (others are 404 to it). Default: all.' }),
});

export const ApiKeySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  prefix: z.string().meta({
    description: '`lc_live_` and the next 8 characters: enough to recognise a key, never to use it.',
    example: 'lc_live_3kT9aQ2x',
  }),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  scopes: z.array(z.enum(KEY_SCOPES)),
  templateIds: z.array(z.string()).nullable().meta({ description: 'null: every template of the account.' }),
});

export const KeyListSchema = z.object({ keys: z.array(ApiKeySchema) });

/** POST /api/keys: the only answer that carries the key itself. */
export const CreatedKeySchema = ApiKeySchema.extend({
  key: z.string().meta({ description: 'The API key. Shown only in this response; store it now.' }),
  signingSecret: z
    .string()
    .meta({ description: 'Secret for signing render URLs with kid = id. Also at GET /api/keys/{id}/signing-secret.' }),
});

export const SigningSecretSchema = z.object({ keyId: z.uuid(), signingSecret: z.string() });

export type ApiKey = z.infer<typeof ApiKeySchema>;
export type CreatedApiKey = z.infer<typeof CreatedKeySchema>;
export type SigningSecret = z.infer<typeof SigningSecretSchema>;
