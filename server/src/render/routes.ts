// Render routes (session B replaces this placeholder).
import type Router from '@koa/router';
import type { AppDeps } from '../deps';

export function mountRenderRoutes(_router: Router, _deps: AppDeps): void {}
