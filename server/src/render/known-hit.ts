// The fast path of a repeated GET /api/render: a query answered before, whose cache key still
// holds and whose render is stored, is answered from one read of the template's row and the
// render row (see known-keys.ts for why the key is only ever a guess). The render route asks
// it first; so does the hot lane (http/hot-lane.ts), for anonymous requests, before any other
// middleware runs.
import type { Context } from 'koa';
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { Auth } from '../deps';
import type { HotBytes } from '../images/hot-bytes';
import { setRenderHeaders } from '../images/image-headers';
import { type StoredImageRead, readKeptImage, readStoredImage, sendStoredImage } from '../images/send-image';
import type { BlobStore } from '../storage/blob-store';
import { decideRenderAccess, grantRenderAccess } from './access';
import { readQuery } from './query';
import { type KnownKey, KnownKeys } from './known-keys';
import {
  type ServedRender,
  type TemplateHead,
  findTemplateWithRender,
  findTemplateWithRenderNow,
  imageKey,
} from './render.repository';
import { noteRenderServed, servingChangesRow } from './retention';

export interface KnownHitDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'masterSecret'>;
  storage: BlobStore;
  hot: HotBytes;
}

/**
 * Public: shared caches may keep it a while (the template can still change). Private: only
 * the client that holds the signature or key.
 */
export const renderCacheControl = (isPublic: boolean) =>
  isPublic ? 'public, max-age=3600, stale-while-revalidate=86400' : 'private, max-age=3600';

export interface KnownHits {
  /** Records the cache key a fully handled query had (its render is stored under it). */
  remember(querystring: string, key: KnownKey): void;
  /**
   * Answers `ctx` when its query is a known hit, as the full path would: the same access
   * decision (a 403 or 404 is thrown, before anything is set on the response), the same
   * headers and bytes. False, with nothing set, when the full path must decide afresh.
   * Most hits are answered without waiting for anything (the result is then a boolean, not
   * a promise): the rows read at once, no signature to check against its key, the bytes in
   * memory, the render's last use recorded recently enough. `query` is the request's parsed
   * query when the caller has it; a known hit needs it only to check a signature.
   */
  answer(ctx: Context, auth: Auth | undefined, query?: Readonly<Record<string, string>>): boolean | Promise<boolean>;
}

export function createKnownHits(deps: KnownHitDeps): KnownHits {
  const { db, storage, hot } = deps;
  const keys = new KnownKeys();

  /** The render `known` names, while the key still holds for `template`; else forgets the key. */
  const stillStored = (
    querystring: string,
    known: KnownKey,
    template: TemplateHead,
    stored: ServedRender | undefined,
  ): ServedRender | undefined => {
    if (stored && template.version === known.templateVersion && template.fontsRevision === known.fontsRevision) {
      return stored;
    }
    keys.delete(querystring);
    return undefined;
  };

  const respond = (ctx: Context, template: TemplateHead, stored: ServedRender, read: StoredImageRead): true => {
    setRenderHeaders(ctx, stored, true, 0);
    sendStoredImage(ctx, read, stored, renderCacheControl(template.isPublic));
    return true;
  };

  const serve = async (ctx: Context, template: TemplateHead, stored: ServedRender): Promise<boolean> => {
    // Bytes gone since the row was stored: the full path renders them again.
    const read = await readStoredImage(ctx, storage, imageKey(stored), stored.etag, hot);
    if (!read) return false;
    await noteRenderServed(db, stored, 'render');
    return respond(ctx, template, stored, read);
  };

  const answerLater = async (
    ctx: Context,
    auth: Auth | undefined,
    query: Readonly<Record<string, string>>,
    known: KnownKey,
  ): Promise<boolean> => {
    const found = await findTemplateWithRender(db, known.templateId, known.cacheKey);
    // Decided on the row as it is now, exactly as the full path decides (403, 404).
    const { template } = await decideRenderAccess(deps, { auth, ip: ctx.ip }, found?.template, query);
    const stored = stillStored(ctx.querystring, known, template, found?.render);
    return stored ? serve(ctx, template, stored) : false;
  };

  return {
    remember: (querystring, key) => keys.set(querystring, key),

    answer(ctx, auth, query) {
      const known = keys.get(ctx.querystring);
      if (!known) return false;
      const now = known.signed ? undefined : findTemplateWithRenderNow(db, known.templateId, known.cacheKey);
      if (!now) return answerLater(ctx, auth, query ?? readQuery(ctx.querystring), known);
      const { template } = grantRenderAccess({ auth, ip: ctx.ip }, now.found?.template, undefined);
      const stored = stillStored(ctx.querystring, known, template, now.found?.render);
      if (!stored) return false;
      const kept = readKeptImage(ctx, imageKey(stored), stored.etag, hot);
      return kept && !servingChangesRow(stored, 'render')
        ? respond(ctx, template, stored, kept)
        : serve(ctx, template, stored);
    },
  };
}
