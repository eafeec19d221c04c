// Response headers shared by every way a render or stored image is served.
import type { Context } from 'koa';
import type { StoredRender } from '../render/render.repository';

/** Stored images never change: cache them for a year anywhere. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Bytes we produced or checked, served as exactly that type and nothing a browser may run. */
export function setImageHeaders(ctx: Context, file: { mime: string; etag: string; bytes: number }): void {
  ctx.type = file.mime;
  ctx.set('ETag', file.etag);
  ctx.set('X-Content-Type-Options', 'nosniff');
  // An SVG opened directly must not run anything or load anything.
  ctx.set('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  ctx.length = file.bytes;
}

export function setRenderHeaders(
  ctx: Context,
  render: Pick<StoredRender, 'etag'>,
  cached: boolean,
  generationMs: number,
): void {
  ctx.set('X-Cache', cached ? 'HIT' : 'MISS');
  ctx.set('X-Render-Time-Ms', String(generationMs));
  ctx.set('ETag', render.etag);
}

/** True when the client already holds this entity (If-None-Match). */
export function isFresh(ctx: Context, etag: string): boolean {
  const header = ctx.get('if-none-match');
  if (!header) return false;
  return header === '*' || header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
