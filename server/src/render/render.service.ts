// One render, whoever asked: validate against the template, answer from the cache when
// the same request was rendered before, otherwise charge the payer, gather images, run
// the job in a child and store the result. Every route (generate, batch, GET render,
// thumbnail) is a thin shell around `produce`. Nothing here knows HTTP: failures are
// domain errors (`Overloaded`, `LimitReached`, ...) that the error middleware answers.
import { collectImageSources, type Diagnostics, resolveDocument } from '@layercast/engine';
import { DEFAULT_QUALITY, MAX_OUTPUT_PIXELS } from '@layercast/engine/limits';
import {
  type GenerateResponse,
  loadTemplate,
  type Overrides,
  type VariableValues,
  parseColor,
  parseOverrides,
  parseVariables,
  resolveVariant,
  type TemplateDocument,
} from '@layercast/shared';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import { DomainError, Overloaded, validationError } from '../errors';
import type { FetchLease, ImageFetcher } from '../fetch/guarded-fetch';
import { ImageSourceError } from '../fetch/image-bytes';
import type { Charge, QuotaService } from '../quota/quota.service';
import type { RateLimitState } from '../quota/rate-limit-headers';
import type { FontsService } from '../fonts/fonts.service';
import type { HotBytes } from '../images/hot-bytes';
import { type PagesService, sourceOf, withPageVariables } from '../pages/pages.service';
import type { BlobStore } from '../storage/blob-store';
import { TemplateDocuments } from '../templates/template-documents';
import { type Template, findTemplateById } from '../templates/templates.repository';
import { renderCacheKey } from './cache-key';
import { gatherImages, readDataUrlHeaders } from './gather-images';
import { FORMAT_FILES, type RenderJob } from './job';
import {
  type RenderPool,
  RenderCrashedError,
  RenderOverloadedError,
  type RenderSlot,
  RenderTimeoutError,
} from './pool';
import {
  type NewRender,
  type StoredRender,
  findCachedRender,
  imageKey,
  restoreRender,
  storeRender,
  strongEtag,
} from './render.repository';
import type { RenderOrigin } from './render.table';
import type { RenderParams } from './request';
import { noteRenderServed } from './retention';
import { WARM_UP_DOCUMENT, WARM_UP_OVERRIDES } from './warm-up';

export interface RenderServiceDeps {
  db: Kysely<Database>;
  config: Pick<Config, 'publicUrl' | 'thumbnails'>;
  storage: BlobStore;
  pool: RenderPool;
  fetcher: ImageFetcher;
  quota: QuotaService;
  /** Bytes of recently served renders: a row whose bytes are here needs no store lookup. */
  hot?: HotBytes;
  /** Web pages' metadata, for cards made from a URL. */
  pages: PagesService;
  /** The template owner's uploaded fonts, as a render child takes them. */
  fonts: Pick<FontsService, 'facesForRender' | 'facesFromUrls'>;
}

/**
 * Who pays: an account (quota and rate), the public (the caller's per-IP rate), or the owner
 * of a gallery thumbnail (rate only: rendered small and once per saved version).
 */
export type Payer =
  | { kind: 'account'; accountId: string }
  | { kind: 'public'; ip: string }
  | { kind: 'thumbnail'; accountId: string };

/** Gallery thumbnails are at most this wide (the gallery shows them at about 260 CSS px). */
export const THUMBNAIL_WIDTH = 480;

/** Shown when a template's thumbnail could not be rendered within the budget. */
const PLACEHOLDER_GREY = { r: 229, g: 231, b: 235 };

/** Where a request came from, as far as rendering cares. */
export interface Requester {
  /** The origin the client used (`https://host`): this server's own asset URLs may carry it. */
  origin: string;
  log: pino.Logger;
  /**
   * Run with the charge of an account's render, in its transaction (`trx`), before the render
   * runs: a bulk job notes the charge on its row, so a node that dies at any point leaves the
   * row either charged and noted or neither.
   */
  onCharged?: (trx: Kysely<Database>) => Promise<void>;
}

export interface RenderOutcome {
  render: StoredRender;
  cached: boolean;
  /** Time this request spent rendering; 0 for a cache hit. */
  generationMs: number;
  diagnostics: Diagnostics;
  /** What charging this request decided; absent when nothing was charged (a hit, a thumbnail). */
  limits?: RateLimitState;
  /**
   * The stored render's bytes when this request made them: answered as they are, without
   * reading back what was just written.
   */
  bytes?: Buffer;
}

/** A validated request: what it renders, its cache key, and where it came from. */
export interface Prepared {
  /** The document to render: the template's, or the size variant asked for, resolved. */
  document: TemplateDocument;
  /** Names `document` for the render children (see RenderJob.documentKey). */
  documentKey: string;
  layers: Overrides;
  variables: VariableValues;
  quality: number | null;
  scale: number;
  cacheKey: string;
  origin: RenderOrigin;
  /** A stored row for this request whose bytes are gone: the render is stored under its id. */
  lost?: StoredRender;
  /** The render's deadline when it is not the pool's (thumbnails have a smaller budget). */
  deadlineMs?: number;
}

/**
 * A number for each parsed template document this process renders. Parsed documents are
 * shared and never change (templates/template-documents.ts), so the number, with the
 * variant's name, names what a render child is given.
 */
const documentNumbers = new WeakMap<TemplateDocument, number>();
let lastDocumentNumber = 0;
function documentKeyOf(document: TemplateDocument, variant: string | null): string {
  let number = documentNumbers.get(document);
  if (number === undefined) {
    number = ++lastDocumentNumber;
    documentNumbers.set(document, number);
  }
  return variant === null ? String(number) : `${number}:${variant}`;
}

const RETRY_AFTER_SECONDS = 2;
const busyRendering = () => new Overloaded('the server is busy rendering; retry shortly', RETRY_AFTER_SECONDS);

/** Validates a request against its template and works out its cache key; throws 422s. */
export function prepareRender(template: Template, params: RenderParams, origin: RenderOrigin): Prepared {
  const resolved = resolveVariant(template.document, params.variant);
  if (!resolved.ok) throw validationError('invalid_request', resolved.errors);
  const doc = resolved.value;
  const layers = parseOverrides(doc, params.layers);
  if (!layers.ok) throw validationError('invalid_overrides', layers.errors);
  const variables = parseVariables(doc, params.variables);
  if (!variables.ok) throw validationError('invalid_request', variables.errors);
  const scale = params.scale ?? 1;
  const width = Math.round(doc.canvas.width * scale);
  const height = Math.round(doc.canvas.height * scale);
  if (width * height > MAX_OUTPUT_PIXELS) {
    throw validationError('invalid_request', [
      {
        path: 'scale',
        message: `the output would be ${width}×${height} pixels; at most ${MAX_OUTPUT_PIXELS / 1e6} megapixels`,
      },
    ]);
  }
  const quality =
    params.format in DEFAULT_QUALITY
      ? (params.quality ?? DEFAULT_QUALITY[params.format as keyof typeof DEFAULT_QUALITY])
      : null;
  const cacheKey = renderCacheKey({
    templateId: template.id,
    version: template.version,
    layers: layers.value,
    variables: variables.value,
    format: params.format,
    quality,
    scale,
    ...(resolved.variant !== null ? { variant: resolved.variant } : {}),
    // The owner's fonts as they are now: an upload or a removal makes every key new.
    ...(template.fontsRevision ? { fonts: template.fontsRevision } : {}),
    ...(params.fonts?.length ? { fontUrls: params.fonts } : {}),
  });
  return {
    document: doc,
    documentKey: documentKeyOf(template.document, resolved.variant),
    layers: layers.value,
    variables: variables.value,
    quality,
    scale,
    cacheKey,
    origin,
  };
}

/** The image sources a prepared render draws: its document with the overrides and variables applied. */
export function imageSourcesOf(prepared: Pick<Prepared, 'document' | 'layers' | 'variables'>): string[] {
  return collectImageSources(
    resolveDocument(prepared.document, { layers: prepared.layers, variables: prepared.variables }),
  );
}

/**
 * Parses and validates the warm-up card as a request would (warm-up.ts), so the first
 * request does not pay for building the template schemas' validators (~10 ms); checks its
 * PNG's header as gathering does (file-type's detectors); and, given the database, runs the
 * read-only statements every render starts with (a template and a cached render that do
 * not exist), so their query builders and prepared statements are ready.
 */
export async function warmUpRequests(db?: Kysely<Database>): Promise<void> {
  const now = new Date().toISOString();
  const template: Template = {
    id: 'warm-up',
    accountId: 'warm-up',
    name: 'Warm-up',
    description: '',
    document: loadTemplate(JSON.parse(JSON.stringify(WARM_UP_DOCUMENT))),
    previewUrl: null,
    isPublic: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
    fontsRevision: 0,
  };
  const params: RenderParams = {
    templateId: template.id,
    layers: WARM_UP_OVERRIDES,
    variables: {},
    format: 'png',
    scale: 1,
    force: false,
  };
  const prepared = prepareRender(template, params, 'render');
  await readDataUrlHeaders(imageSourcesOf(prepared));
  if (!db) return;
  await findTemplateById(db, randomUUID(), new TemplateDocuments(1));
  await findCachedRender(db, prepared.cacheKey);
}

export type RenderService = ReturnType<typeof createRenderService>;

export function createRenderService(deps: RenderServiceDeps) {
  const { db, storage, pool, fetcher, quota } = deps;
  /** Renders under way, by cache key, for identical requests to wait on. */
  const inflight = new Map<string, Promise<RenderOutcome>>();

  /** The origins under which this server's own asset URLs may appear in a template. */
  const ownOrigins = (requester: Requester) =>
    [deps.config.publicUrl, requester.origin].filter((o): o is string => Boolean(o));

  /**
   * The stored render for a prepared request: a `hit` when its bytes are stored; `lost` when
   * the row is there but its bytes are not (retention or a person deleted them), which is a
   * miss that renders into that row again. Renders and charges nothing.
   */
  async function lookUp(prepared: Prepared): Promise<{ hit?: RenderOutcome; lost?: StoredRender }> {
    const row = await findCachedRender(db, prepared.cacheKey);
    if (!row) return {};
    if (!deps.hot?.get(imageKey(row), row.etag) && !(await storage.has(imageKey(row)))) return { lost: row };
    return {
      hit: { render: row, cached: true, generationMs: 0, diagnostics: JSON.parse(row.diagnostics) as Diagnostics },
    };
  }

  function charge(payer: Payer, requester: Requester): Promise<Charge> | Charge {
    switch (payer.kind) {
      case 'account':
        return quota.chargeAccount(payer.accountId, Date.now(), requester.onCharged);
      case 'public':
        return quota.chargePublic(payer.ip);
      case 'thumbnail':
        return quota.chargeThumbnail(payer.accountId);
    }
  }

  async function renderFresh(
    template: Template,
    params: RenderParams,
    payer: Payer,
    requester: Requester,
    prepared: Prepared,
  ): Promise<RenderOutcome> {
    // The request takes its place in the pool before it fetches anything, and load is shed
    // before charging: a refused request costs the caller nothing.
    let slot: RenderSlot;
    try {
      slot = pool.reserve(template.accountId);
    } catch (error) {
      if (error instanceof RenderOverloadedError) throw busyRendering();
      throw error;
    }
    const lease = fetcher.lease();
    try {
      const charged = await charge(payer, requester);
      try {
        const outcome = await renderCharged(template, params, requester, { ...prepared, slot, lease });
        return { ...outcome, limits: charged.limits };
      } catch (error) {
        // A render that ran out of time used the machine for all of it: it stays charged.
        // Anything else that failed to deliver gives the unit back.
        const usedTheMachine = error instanceof DomainError && error.code === 'render_timeout';
        if (!usedTheMachine) {
          await charged
            .refund()
            .catch((e: unknown) => requester.log.warn({ err: e }, 'could not refund a failed render'));
        }
        // The answer still reports the charge that was made (and given back).
        if (error instanceof DomainError) error.rateLimits ??= charged.limits;
        throw error;
      }
    } finally {
      lease.release();
      slot.release();
    }
  }

  async function renderCharged(
    template: Template,
    params: RenderParams,
    requester: Requester,
    {
      document: doc,
      documentKey,
      layers,
      variables,
      quality,
      scale,
      cacheKey,
      origin,
      lost,
      deadlineMs,
      slot,
      lease,
    }: Prepared & {
      slot: RenderSlot;
      lease: FetchLease;
    },
  ): Promise<RenderOutcome> {
    const started = performance.now();
    try {
      const input = { layers, variables };
      const sources = imageSourcesOf({ document: doc, ...input });
      const { images, imageErrors, transientFailure } = await gatherImages(sources, {
        fetcher,
        lease,
        storage,
        origins: ownOrigins(requester),
      });
      // Fonts named for this render stand before the owner's uploads of the same family.
      const named = params.fonts?.length ? await deps.fonts.facesFromUrls(params.fonts, fetcher, lease) : [];
      const uploaded = template.fontsRevision ? await deps.fonts.facesForRender(template.accountId) : [];
      const namedFamilies = new Set(named.map((f) => f.family.toLowerCase()));
      const fonts = [...named, ...uploaded.filter((f) => !namedFamilies.has(f.family.toLowerCase()))];
      const job: RenderJob = {
        document: doc,
        documentKey,
        ...input,
        format: params.format,
        ...(quality !== null ? { quality } : {}),
        scale,
        images,
        imageErrors,
        fonts,
      };
      const output = await pool.render(job, slot, { timeoutMs: deadlineMs });
      const generationMs = Math.round(performance.now() - started);
      const file = FORMAT_FILES[params.format];
      const fields: NewRender = {
        account_id: template.accountId,
        template_id: template.id,
        template_version: template.version,
        // An image lost to a passing network fault must not stick: such a render is not reused.
        cache_key: transientFailure ? null : cacheKey,
        format: params.format,
        mime: file.mime,
        ext: file.ext,
        width: output.width,
        height: output.height,
        generation_ms: generationMs,
        diagnostics: JSON.stringify(output.diagnostics),
        origin,
      };
      const etag = strongEtag(output.data);
      const render = lost
        ? await restoreRender(db, storage, lost, fields, output.data, etag)
        : await storeRender(db, storage, fields, output.data, { replaceCached: params.force, etag });
      // Another node may have stored the same request first: its row, and its bytes, win.
      const bytes =
        render.etag === etag
          ? Buffer.from(output.data.buffer, output.data.byteOffset, output.data.byteLength)
          : undefined;
      return { render, cached: false, generationMs, diagnostics: output.diagnostics, ...(bytes ? { bytes } : {}) };
    } catch (error) {
      if (error instanceof RenderOverloadedError) throw busyRendering();
      if (error instanceof ImageSourceError && error.problem === 'busy') {
        throw new Overloaded('the server is busy fetching images; retry shortly', RETRY_AFTER_SECONDS);
      }
      if (error instanceof RenderTimeoutError)
        throw new Overloaded(error.message, RETRY_AFTER_SECONDS, 'render_timeout');
      if (error instanceof RenderCrashedError) {
        requester.log.error({ templateId: template.id }, 'render child crashed');
        throw new DomainError('render_failed', 'the renderer failed on this request; other requests are unaffected');
      }
      throw error;
    }
  }

  return {
    prepare: prepareRender,

    /**
     * A request with `url`: the page's metadata (fetched, or from the cache) under its
     * variables, and the `source` to answer with. Without `url`, the request as it is.
     */
    async withPage(
      template: Template,
      params: RenderParams,
    ): Promise<{ params: RenderParams; source?: GenerateResponse['source'] }> {
      if (!params.url) return { params };
      const lease = fetcher.lease();
      try {
        const meta = await deps.pages.metadata(params.url, lease);
        return {
          params: { ...params, variables: withPageVariables(template.document, meta, params.variables) },
          source: sourceOf(meta),
        };
      } finally {
        lease.release();
      }
    },

    /** The stored render for a prepared request, if its bytes are there; renders and charges nothing. */
    async findReusable(prepared: Prepared): Promise<RenderOutcome | undefined> {
      return (await lookUp(prepared)).hit;
    },

    produce,
    thumbnail,
  };

  async function produce(
    template: Template,
    params: RenderParams,
    payer: Payer,
    requester: Requester,
    origin: RenderOrigin = 'generate',
    deadlineMs?: number,
  ): Promise<RenderOutcome> {
    const prepared = { ...prepareRender(template, params, origin), deadlineMs };
    const { cacheKey } = prepared;

    let lost: StoredRender | undefined;
    if (!params.force) {
      const found = await lookUp(prepared);
      if (found.hit) {
        await noteRenderServed(db, found.hit.render, origin);
        return found.hit;
      }
      lost = found.lost;
      // Identical requests already being rendered (a crawler burst on one og:image URL) wait
      // for that render instead of starting their own; for them it is a cache hit.
      const running = inflight.get(cacheKey);
      if (running) {
        const shared = await running.catch(() => undefined);
        if (shared?.render.cache_key) {
          await noteRenderServed(db, shared.render, origin);
          const { limits: _theirs, ...outcome } = shared;
          return { ...outcome, cached: true, generationMs: 0 };
        }
      }
    }

    const fresh = renderFresh(template, params, payer, requester, { ...prepared, lost });
    inflight.set(cacheKey, fresh);
    try {
      return await fresh;
    } finally {
      if (inflight.get(cacheKey) === fresh) inflight.delete(cacheKey);
    }
  }

  /**
   * The gallery's thumbnail of a template: the saved version with no overrides, at most
   * THUMBNAIL_WIDTH pixels wide, as WebP, charged to the owner's rate (not the monthly quota)
   * and cached per version. A render that takes longer than the thumbnail budget, or fails in
   * its child, is replaced by a flat placeholder stored under the same cache key: a heavy
   * template costs the machine one budget per saved version, however often it is asked for.
   */
  async function thumbnail(template: Template, requester: Requester): Promise<RenderOutcome> {
    const canvas = template.document.canvas;
    const params: RenderParams = {
      templateId: template.id,
      layers: {},
      variables: {},
      format: 'webp',
      quality: 80,
      scale: Math.min(1, THUMBNAIL_WIDTH / canvas.width),
      force: false,
    };
    const payer: Payer = { kind: 'thumbnail', accountId: template.accountId };
    try {
      return await produce(template, params, payer, requester, 'render', deps.config.thumbnails.budgetMs);
    } catch (error) {
      const tooHeavy =
        error instanceof DomainError && (error.code === 'render_timeout' || error.code === 'render_failed');
      if (!tooHeavy) throw error;
      requester.log.warn({ templateId: template.id, version: template.version }, 'thumbnail replaced by a placeholder');
      const prepared = prepareRender(template, params, 'render');
      const width = Math.round(canvas.width * prepared.scale);
      const height = Math.round(canvas.height * prepared.scale);
      const background = typeof canvas.background === 'string' ? parseColor(canvas.background) : null;
      // The Node backend loads with the first placeholder, not at start (docs/server.md, "Start-up").
      const { placeholderWebp } = await import('@layercast/engine/node');
      const data = await placeholderWebp({ width, height, color: background ?? PLACEHOLDER_GREY });
      const diagnostics: Diagnostics = {
        layers: {},
        missingGlyphs: [],
        warnings: ['placeholder: the template did not render within the thumbnail budget'],
      };
      const file = FORMAT_FILES.webp;
      const render = await storeRender(
        db,
        storage,
        {
          account_id: template.accountId,
          template_id: template.id,
          template_version: template.version,
          cache_key: prepared.cacheKey,
          format: 'webp',
          mime: file.mime,
          ext: file.ext,
          width,
          height,
          generation_ms: 0,
          diagnostics: JSON.stringify(diagnostics),
          origin: 'render',
        },
        data,
      );
      return { render, cached: false, generationMs: 0, diagnostics };
    }
  }
}
