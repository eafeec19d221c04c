// The origin a client reached us at. Koa 3's `ctx.origin` is the Origin request header,
// not this; with trustProxy, protocol and host come from X-Forwarded-*.
import type { Context } from 'koa';

export function requestOrigin(ctx: Context): string {
  return `${ctx.protocol}://${ctx.host}`;
}
