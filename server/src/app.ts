// `createApp(deps)` builds the Koa app; `main.ts` (and the tests) listen.
import Router from '@koa/router';
import Koa from 'koa';
import { authenticate } from './auth/auth.middleware';
import { mountAuthRoutes } from './auth/auth.routes';
import type { AppDeps } from './deps';
import { jsonBodyParser } from './http/body';
import { serveEditor } from './http/editor';
import { mountHealth } from './http/health';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import { mountKeyRoutes } from './keys/keys.routes';
import { mountOpenApiRoutes } from './openapi/routes';
import { mountRenderRoutes } from './render/render.routes';
import { mountTemplateRoutes } from './templates/templates.routes';

export type { AppDeps } from './deps';

export function createApp(deps: AppDeps): Koa {
  // Without maxIpsCount Koa takes the leftmost X-Forwarded-For entry, which the client
  // chooses; with it, the entry the nearest trusted proxy saw.
  const { trustProxy, trustedProxies } = deps.config;
  const app = new Koa({ proxy: trustProxy, maxIpsCount: trustProxy ? trustedProxies : 0 });
  // Errors are rendered by requestContext; Koa's own logger would print stacks to stderr.
  app.silent = true;

  app.use(requestContext(deps.logger));
  app.use(securityHeaders());
  app.use(serveEditor(deps.editorDist));
  // Authenticate before reading a body: an anonymous client cannot make us parse 1 MB.
  app.use(authenticate(deps));
  app.use(jsonBodyParser());

  const router = new Router();
  mountHealth(router, deps);
  mountAuthRoutes(router, deps);
  mountKeyRoutes(router, deps);
  mountTemplateRoutes(router, deps);
  mountOpenApiRoutes(router);
  mountRenderRoutes(router, deps);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
