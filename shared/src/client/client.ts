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
import type {
  ApiKey,
  AssetUploadResponse,
  AuthSession,
  BatchItem,
  BatchResponse,
  CreatedApiKey,
  Credentials,
  FontFamilyEntry,
  FontListResponse,
  GenerateRequest,
  GenerateResponse,
  MeResponse,
  SigningSecret,
  TemplateInput,
  TemplateResource,
  TemplateSummary,
  TemplateUpdate,
  TemplateVersionSummary,
  TemplateVersionsResponse,
  UploadedAsset,
  Usage,
} from './types';

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
  const { request, setCsrfToken } = createTransport(options);

  const withEtag = ({ data }: Reply<TemplateResource>): TemplateWithEtag => ({
    ...data,
    etag: templateVersionTag(data.version),
  });

  const startSession = async (route: 'signup' | 'login', credentials: Credentials): Promise<AuthSession> => {
    const { data } = await request<AuthSession>('POST', `/api/auth/${route}`, { json: credentials });
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
        await request('POST', '/api/auth/logout');
        setCsrfToken(null);
      },
      /** Who is signed in; a 401 LayercastApiError when no one is. */
      async me(): Promise<MeResponse> {
        const { data } = await request<MeResponse>('GET', '/api/auth/me');
        if (data.csrfToken) setCsrfToken(data.csrfToken);
        return data;
      },
    },

    /** API keys; these routes need a signed-in session, not a key. */
    keys: {
      async list(): Promise<ApiKey[]> {
        return (await request<{ keys: ApiKey[] }>('GET', '/api/keys')).data.keys;
      },
      /** The answer is the only time `key` is ever shown. */
      async create(input: { name: string }): Promise<CreatedApiKey> {
        return (await request<CreatedApiKey>('POST', '/api/keys', { json: input })).data;
      },
      /** Immediate: the key and the URLs it signed stop working. */
      async revoke(id: string): Promise<void> {
        await request('DELETE', path`/api/keys/${id}`);
      },
      async signingSecret(id: string): Promise<SigningSecret> {
        return (await request<SigningSecret>('GET', path`/api/keys/${id}/signing-secret`)).data;
      },
    },

    /** This month's renders against the quota, and the per-minute rate. */
    async usage(): Promise<Usage> {
      return (await request<Usage>('GET', '/api/usage')).data;
    },

    assets: {
      /**
       * Uploads image bytes (PNG, JPEG, WebP or GIF, at most 10 MB). The server types them by
       * their magic bytes; `contentType` defaults to the Blob's own type. `created` is false
       * when the same bytes were uploaded before (the same asset comes back).
       */
      async upload(
        data: Blob | ArrayBuffer | Uint8Array,
        contentType?: string,
      ): Promise<UploadedAsset & { created: boolean }> {
        const type = contentType || (data instanceof Blob && data.type) || 'application/octet-stream';
        const { data: body, response } = await request<AssetUploadResponse>('POST', '/api/assets', {
          bytes: data,
          contentType: type,
        });
        return { ...body.asset, created: response.status === 201 };
      },
    },

    /** Every font family the renderer draws with, with its files' URLs and metrics. */
    async fonts(): Promise<FontFamilyEntry[]> {
      return (await request<FontListResponse>('GET', '/api/fonts')).data.families;
    },

    /** The font list with the code point coverage of the fonts (what an editor lays out with). */
    async fontCatalog(): Promise<Pick<FontListResponse, 'families' | 'coverage'>> {
      const { families, coverage } = (await request<FontListResponse>('GET', '/api/fonts')).data;
      return { families, coverage };
    },

    /** Renders and stores an image; `imageUrl` is permanent. */
    async generate(req: GenerateRequest): Promise<GenerateResponse> {
      return (await request<GenerateResponse>('POST', '/api/generate', { json: req })).data;
    },

    /** Up to 20 renders; each item succeeds or fails on its own. */
    async batch(items: BatchItem[]): Promise<BatchResponse> {
      return (await request<BatchResponse>('POST', '/api/generate/batch', { json: { items } })).data;
    },

    templates: {
      async list(): Promise<TemplateSummary[]> {
        return (await request<{ templates: TemplateSummary[] }>('GET', '/api/templates')).data.templates;
      },
      async get(id: string): Promise<TemplateWithEtag> {
        return withEtag(await request<TemplateResource>('GET', path`/api/templates/${id}`));
      },
      async create(input: TemplateInput): Promise<TemplateWithEtag> {
        return withEtag(await request<TemplateResource>('POST', '/api/templates', { json: input }));
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
        const result = await request<TemplateResource>(
          'PUT',
          path`/api/templates/${id}`,
          { json: change },
          ifMatch ? { 'if-match': ifMatch } : {},
        );
        return { ...withEtag(result), changed: result.response.headers.get('x-template-status') !== 'unchanged' };
      },
      async delete(id: string): Promise<void> {
        await request('DELETE', path`/api/templates/${id}`);
      },
      /** Newest first. */
      async versions(id: string): Promise<TemplateVersionSummary[]> {
        return (await request<TemplateVersionsResponse>('GET', path`/api/templates/${id}/versions`)).data.versions;
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
