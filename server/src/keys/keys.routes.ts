// /api/keys: create (the secret is shown once), list, revoke, and the signing secret.
import type Router from '@koa/router';
import { CreateKeySchema } from '@layercast/shared';
import { authOf } from '../auth/auth.middleware';
import type { AppDeps } from '../deps';
import { ApiError } from '../errors';
import { parseJson } from '../http/body';
import { createApiKey, findActiveKeyById, listApiKeys, revokeApiKey } from './keys.repository';
import { signingSecretFor } from './signing-secret';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function mountKeyRoutes(router: Router, deps: AppDeps): void {
  const { db, config } = deps;

  router.post('/api/keys', async (ctx) => {
    const auth = authOf(ctx, 'session');
    const { name, scopes, templateIds } = parseJson(ctx, CreateKeySchema);
    const created = await createApiKey(db, auth.accountId, name, {
      ...(scopes ? { scopes } : {}),
      ...(templateIds ? { templateIds } : {}),
    });
    ctx.status = 201;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { ...created, signingSecret: signingSecretFor(config.masterSecret, created.id) };
  });

  router.get('/api/keys', async (ctx) => {
    const auth = authOf(ctx, 'session');
    ctx.body = { keys: await listApiKeys(db, auth.accountId) };
  });

  router.delete('/api/keys/:id', async (ctx) => {
    const auth = authOf(ctx, 'session');
    const id = ctx.params.id ?? '';
    if (!UUID.test(id) || !(await revokeApiKey(db, auth.accountId, id)))
      throw new ApiError(404, 'not_found', 'API key not found');
    ctx.status = 204;
  });

  router.get('/api/keys/:id/signing-secret', async (ctx) => {
    const auth = authOf(ctx, 'session');
    const id = ctx.params.id ?? '';
    const key = UUID.test(id) ? await findActiveKeyById(db, id) : undefined;
    if (!key || key.account_id !== auth.accountId) throw new ApiError(404, 'not_found', 'API key not found');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { keyId: key.id, signingSecret: signingSecretFor(config.masterSecret, key.id) };
  });
}
