// Uploads sent as the request body itself (an image, a font): read whole, refused as soon as
// they pass the cap, before anything is buffered beyond it.
import type { Context } from 'koa';
import { ApiError } from '../errors';

/** The raw request body; a 413 naming `what` and the limit once it passes `limit` bytes. */
export async function readRawBody(ctx: Context, limit: number, what: string): Promise<Buffer> {
  const tooLarge = () => new ApiError(413, 'payload_too_large', `the ${what} is larger than ${limit / 1024 / 1024} MB`);
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of ctx.req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > limit) {
      ctx.req.destroy();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
