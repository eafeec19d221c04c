// /api/auth/*: accounts for the editor.
import { z } from 'zod';

export const CredentialsSchema = z.strictObject({
  email: z.email({ error: 'expected an email address' }).max(254, { error: 'expected at most 254 characters' }),
  password: z
    .string({ error: 'expected a string' })
    .min(8, { error: 'expected at least 8 characters' })
    .max(256, { error: 'expected at most 256 characters' }),
});

export const AccountSchema = z.object({ id: z.string(), email: z.string(), createdAt: z.string() });

const csrfToken = z.string().meta({ description: 'Send as X-CSRF-Token on cookie-authenticated writes.' });

/** Sign-up and login: a session was started, so there is always a CSRF token. */
export const SessionSchema = z.object({ account: AccountSchema, csrfToken }).meta({ id: 'Session' });

/** GET /api/auth/me: the token only for a session; an API key has none to give. */
export const MeSchema = z
  .object({
    account: AccountSchema,
    csrfToken: csrfToken.optional().meta({ description: 'Only when signed in by a session cookie.' }),
  })
  .meta({ id: 'Me' });

export type Credentials = z.infer<typeof CredentialsSchema>;
export type Account = z.infer<typeof AccountSchema>;
/** The answer of signup and login: the account and the session's CSRF token. */
export type AuthSession = z.infer<typeof SessionSchema>;
/** GET /api/auth/me; `csrfToken` is absent when the caller authenticated with an API key. */
export type MeResponse = z.infer<typeof MeSchema>;
