// The typed Layercast client: `createClient({ baseUrl, apiKey })`. Runs wherever `fetch`
// does (Node 18+, browsers, edge runtimes); the CLI and the editor both talk to the server
// through it, so there is one description of every request and answer.
//
// Two ways to authenticate:
// - an API key (`apiKey`): programs, CI, the CLI;
// - the session cookie (no `apiKey`, browser, same origin): the editor. Writes then need the
//   session's CSRF token. The client remembers the token that `auth.signup`, `auth.login` and
//   `auth.me` return and forgets it on `auth.logout`; `setCsrfToken` sets it by hand, and a
//   `csrfToken` function option hands the token to the caller entirely.
import { LayercastApiError } from './errors';
import {
  type RenderUrlOptions,
  type SignedRenderUrlOptions,
  renderUrl as buildRenderUrl,
  signedRenderUrl as buildSignedRenderUrl,
} from './sign';
import { type Reply, type TransportOptions, createTransport } from './transport';
import {
  AssetUploadResponseSchema,
  FontListResponseSchema,
  FontUploadResponseSchema,
  UsageSchema,
} from '../api/account';
import type {
  CustomFont,
  FontFamilyEntry,
  FontListResponse,
  FontUploadResponse,
  UploadedAsset,
  Usage,
} from '../api/account';
import { MeSchema, SessionSchema } from '../api/auth';
import { BrandKitResponseSchema } from '../api/brand';
import type { BrandKit, BrandKitUpdate } from '../api/brand';
import { BulkPreviewSchema, JobAcceptedSchema, JobListSchema, JobSchema } from '../api/jobs';
import type { BulkPreview, BulkRequest, Job, JobAccepted, JobSummary } from '../api/jobs';
import type { AuthSession, Credentials, MeResponse } from '../api/auth';
import { CreatedKeySchema, KeyListSchema, SigningSecretSchema } from '../api/keys';
import type { ApiKey, CreatedApiKey, SigningSecret } from '../api/keys';
import { BatchResponseSchema, GenerateResponseSchema } from '../api/render';
import type { BatchItem, BatchResponse, GenerateRequest, GenerateResponse } from '../api/render';
import { TemplateListSchema, TemplateSchema, TemplateVersionsSchema } from '../api/templates';
import type {
  TemplateInput,
  TemplateResource,
  TemplateSummary,
  TemplateUpdate,
  TemplateVersionSummary,
} from '../api/templates';

export interface ClientOptions extends TransportOptions {
  /** Origin of the server, e.g. `https://img.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** `lc_live_...`; omit for cookie sessions in the browser. */
  apiKey?: string;
  /**
   * X-CSRF-Token for cookie-authenticated writes. A string is the starting token (replaced by
   * what login/signup/me return); a function is asked before every write and the client then
   * keeps no token of its own.
   */
  csrfToken?: string | (() => string | null | undefined);
  fetch?: typeof fetch;
}

/** One row of a JSON bulk request: a generate body without its templateId. */
export type BulkRow = Omit<GenerateRequest, 'templateId'> & { variant?: string };

export interface TemplateWithEtag extends TemplateResource {
  /**
   * The version's tag to send back as `ifMatch`: `"v<version>"`, the server's ETag for it,
   * built from the body's `version` rather than read from the ETag header, which a proxy
   * may have dropped, emptied, weakened (`W/"v3"`) or suffixed (`"v3-gzip"`).
   */
  etag: string;
}

/** The server's ETag of a template version: what `If-Match` compares against. */
export const templateVersionTag = (version: number) => `"v${version}"`;

const path = (strings: TemplateStringsArray, ...ids: string[]) =>
  strings.reduce((out, s, i) => out + s + (i < ids.length ? encodeURIComponent(ids[i] ?? '') : ''), '');

export function createClient(options: ClientOptions) {
  const { request, requestEmpty, requestStream, setCsrfToken } = createTransport(options);

  // The server sends documents it validated and gave every layer an id: the schema checks
  // the shape, and TemplateResource says what the server guarantees beyond it.
  const withEtag = ({ data }: Reply<unknown>): TemplateWithEtag => {
    const template = data as TemplateResource;
    return { ...template, etag: templateVersionTag(template.version) };
  };

  const startSession = async (route: 'signup' | 'login', credentials: Credentials): Promise<AuthSession> => {
    const { data } = await request('POST', `/api/auth/${route}`, SessionSchema, { json: credentials });
    setCsrfToken(data.csrfToken);
    return data;
  };

  return {
    baseUrl: options.baseUrl,

    /** Sets (or with null, forgets) the CSRF token sent on cookie-authenticated writes. */
    setCsrfToken,

    auth: {
      /** Creates an account and signs in: the server sets the session cookie. */
      signup: (credentials: Credentials) => startSession('signup', credentials),
      login: (credentials: Credentials) => startSession('login', credentials),
      async logout(): Promise<void> {
        await requestEmpty('POST', '/api/auth/logout');
        setCsrfToken(null);
      },
      /** Who is signed in; a 401 LayercastApiError when no one is. */
      async me(): Promise<MeResponse> {
        const { data } = await request('GET', '/api/auth/me', MeSchema);
        if (data.csrfToken) setCsrfToken(data.csrfToken);
        return data;
      },
    },

    /** API keys; these routes need a signed-in session, not a key. */
    keys: {
      async list(): Promise<ApiKey[]> {
        return (await request('GET', '/api/keys', KeyListSchema)).data.keys;
      },
      /** The answer is the only time `key` is ever shown. */
      async create(input: { name: string }): Promise<CreatedApiKey> {
        return (await request('POST', '/api/keys', CreatedKeySchema, { json: input })).data;
      },
      /** Immediate: the key and the URLs it signed stop working. */
      async revoke(id: string): Promise<void> {
        await requestEmpty('DELETE', path`/api/keys/${id}`);
      },
      async signingSecret(id: string): Promise<SigningSecret> {
        return (await request('GET', path`/api/keys/${id}/signing-secret`, SigningSecretSchema)).data;
      },
    },

    /** This month's renders against the quota, and the per-minute rate. */
    async usage(): Promise<Usage> {
      return (await request('GET', '/api/usage', UsageSchema)).data;
    },

    assets: {
      /**
       * Uploads image bytes (PNG, JPEG, WebP or GIF, at most 10 MB; or SVG, at most 1 MB). The server types them by
       * their magic bytes; `contentType` defaults to the Blob's own type. `created` is false
       * when the same bytes were uploaded before (the same asset comes back).
       */
      async upload(
        data: Blob | ArrayBuffer | Uint8Array,
        contentType?: string,
      ): Promise<UploadedAsset & { created: boolean }> {
        const type = contentType || (data instanceof Blob && data.type) || 'application/octet-stream';
        const { data: body, response } = await request('POST', '/api/assets', AssetUploadResponseSchema, {
          bytes: data,
          contentType: type,
        });
        return { ...body.asset, created: response.status === 201 };
      },
    },

    /** Every font family the renderer draws with, with its files' URLs and metrics. */
    async fonts(): Promise<FontFamilyEntry[]> {
      return (await request('GET', '/api/fonts', FontListResponseSchema)).data.families;
    },

    /**
     * The font list with the code point coverage of the fonts (what an editor lays out with),
     * and the account's own faces when the client is authenticated.
     */
    async fontCatalog(): Promise<Pick<FontListResponse, 'families' | 'coverage' | 'custom'>> {
      const { families, coverage, custom } = (await request('GET', '/api/fonts', FontListResponseSchema)).data;
      return { families, coverage, custom };
    },

    /** The account's uploaded fonts. */
    customFonts: {
      async list(): Promise<CustomFont[]> {
        return (await request('GET', '/api/fonts', FontListResponseSchema)).data.custom;
      },
      /**
       * Uploads one font file (TTF, OTF, WOFF or WOFF2, at most 10 MB) as `family` (the file's
       * own family name when omitted). A face of the same family, weight and style is replaced.
       */
      async upload(
        data: Blob | ArrayBuffer | Uint8Array,
        options: { family?: string; weight?: number; style?: 'normal' | 'italic'; contentType?: string } = {},
      ): Promise<FontUploadResponse> {
        const query = new URLSearchParams();
        if (options.family !== undefined) query.set('family', options.family);
        if (options.weight !== undefined) query.set('weight', String(options.weight));
        if (options.style !== undefined) query.set('style', options.style);
        const qs = query.toString();
        const type = options.contentType || (data instanceof Blob && data.type) || 'application/octet-stream';
        return (
          await request('POST', `/api/fonts${qs ? `?${qs}` : ''}`, FontUploadResponseSchema, {
            bytes: data,
            contentType: type,
          })
        ).data;
      },
      async delete(id: string): Promise<void> {
        await requestEmpty('DELETE', path`/api/fonts/${id}`);
      },
    },

    /** The account's brand kit: colours, logos and font families the editor offers in one click. */
    brand: {
      async get(): Promise<BrandKit> {
        return (await request('GET', '/api/brand', BrandKitResponseSchema)).data.brand;
      },
      /** Replaces the whole kit; logos are ids of the account's uploads (`assets.upload`). */
      async put(kit: BrandKitUpdate): Promise<BrandKit> {
        return (await request('PUT', '/api/brand', BrandKitResponseSchema, { json: kit })).data.brand;
      },
    },

    /** Renders and stores an image; `imageUrl` is permanent. */
    async generate(req: GenerateRequest): Promise<GenerateResponse> {
      return (await request('POST', '/api/generate', GenerateResponseSchema, { json: req })).data;
    },

    /** Up to 20 renders; each item succeeds or fails on its own. */
    async batch(items: BatchItem[]): Promise<BatchResponse> {
      return (await request('POST', '/api/generate/batch', BatchResponseSchema, { json: { items } })).data;
    },

    // Bulk renders and background jobs.

    /**
     * Queues a bulk render: CSV text (a header row of `layer.property`, `{{variable}}`,
     * `format`, `variant`, `url` columns) or JSON rows (generate bodies without templateId).
     * Whole-request problems (a column naming nothing of the template, too many rows) are
     * errors here; a bad row fails alone, in the job.
     */
    async bulk(
      templateId: string,
      csvOrRows: string | BulkRow[] | Omit<BulkRequest, 'templateId'>,
      opts: { webhookUrl?: string } = {},
    ): Promise<JobAccepted> {
      if (typeof csvOrRows === 'string') {
        const query = new URLSearchParams({ templateId });
        if (opts.webhookUrl) query.set('webhookUrl', opts.webhookUrl);
        return (
          await request('POST', `/api/bulk?${query}`, JobAcceptedSchema, {
            bytes: new TextEncoder().encode(csvOrRows),
            contentType: 'text/csv; charset=utf-8',
          })
        ).data;
      }
      const body = Array.isArray(csvOrRows) ? { rows: csvOrRows } : csvOrRows;
      const json = { ...body, templateId, ...(opts.webhookUrl ? { webhookUrl: opts.webhookUrl } : {}) };
      return (await request('POST', path`/api/bulk?templateId=${templateId}`, JobAcceptedSchema, { json })).data;
    },

    /** How the server reads this CSV: each column's target and the first rows; nothing is queued. */
    async bulkPreview(templateId: string, csv: string): Promise<BulkPreview> {
      return (
        await request('POST', path`/api/bulk/preview?templateId=${templateId}`, BulkPreviewSchema, {
          bytes: new TextEncoder().encode(csv),
          contentType: 'text/csv; charset=utf-8',
        })
      ).data;
    },

    /** One job with its items (`offset`/`limit` page them). */
    async job(id: string, page: { offset?: number; limit?: number } = {}): Promise<Job> {
      const query = new URLSearchParams();
      if (page.offset !== undefined) query.set('offset', String(page.offset));
      if (page.limit !== undefined) query.set('limit', String(page.limit));
      const qs = query.toString();
      return (await request('GET', `${path`/api/jobs/${id}`}${qs ? `?${qs}` : ''}`, JobSchema)).data;
    },

    /** The account's recent jobs, newest first, without their items. */
    async jobs(): Promise<JobSummary[]> {
      return (await request('GET', '/api/jobs', JobListSchema)).data.jobs;
    },

    /**
     * A finished job's zip, streamed: `0001.png`… and `manifest.csv` (409 while the job
     * runs). `new Response(stream).arrayBuffer()` gives the bytes.
     */
    async jobArchive(id: string): Promise<ReadableStream<Uint8Array>> {
      return (await requestStream('GET', path`/api/jobs/${id}/archive`)).data;
    },

    templates: {
      async list(): Promise<TemplateSummary[]> {
        return (await request('GET', '/api/templates', TemplateListSchema)).data.templates;
      },
      async get(id: string): Promise<TemplateWithEtag> {
        return withEtag(await request('GET', path`/api/templates/${id}`, TemplateSchema));
      },
      async create(input: TemplateInput): Promise<TemplateWithEtag> {
        return withEtag(await request('POST', '/api/templates', TemplateSchema, { json: input }));
      },
      /**
       * Changes the given fields; with `ifMatch` (the `etag` of what you read, or its
       * `version` number), fails with 412 if someone saved in between.
       */
      async update(
        id: string,
        change: TemplateUpdate,
        opts: { ifMatch?: string | number } = {},
      ): Promise<TemplateWithEtag & { changed: boolean }> {
        const ifMatch = typeof opts.ifMatch === 'number' ? templateVersionTag(opts.ifMatch) : opts.ifMatch;
        const result = await request(
          'PUT',
          path`/api/templates/${id}`,
          TemplateSchema,
          { json: change },
          ifMatch ? { 'if-match': ifMatch } : {},
        );
        return { ...withEtag(result), changed: result.response.headers.get('x-template-status') !== 'unchanged' };
      },
      async delete(id: string): Promise<void> {
        await requestEmpty('DELETE', path`/api/templates/${id}`);
      },
      /** Newest first. */
      async versions(id: string): Promise<TemplateVersionSummary[]> {
        return (await request('GET', path`/api/templates/${id}/versions`, TemplateVersionsSchema)).data.versions;
      },
    },

    /** A render URL for a public template (no credentials in it). */
    renderUrl(opts: Omit<RenderUrlOptions, 'baseUrl'>): string {
      return buildRenderUrl({ ...opts, baseUrl: options.baseUrl });
    },

    /** A signed render URL for a private template (kid, exp, sig). */
    signedRenderUrl(opts: Omit<SignedRenderUrlOptions, 'baseUrl'>): Promise<string> {
      return buildSignedRenderUrl({ ...opts, baseUrl: options.baseUrl });
    },
  };
}

export type LayercastClient = ReturnType<typeof createClient>;

/** Whether an error is the client's error with this status (e.g. 401 for "signed out"). */
export function isApiError(error: unknown, status?: number): error is LayercastApiError {
  return error instanceof LayercastApiError && (status === undefined || error.status === status);
}
