// /api/keys: API keys (the secret is shown once) and their URL-signing secrets.
import { z } from 'zod';

export const CreateKeySchema = z.strictObject({
  name: z
    .string({ error: 'expected a string' })
    .trim()
    .min(1, { error: 'expected a name of 1 to 100 characters' })
    .max(100, { error: 'expected a name of 1 to 100 characters' }),
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
