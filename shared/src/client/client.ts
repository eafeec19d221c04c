// The typed Layercast client: `createClient({ baseUrl, apiKey })`. Runs wherever `fetch`
// does (Node 18+, browsers, edge runtimes); used by the CLI and the editor.
import {
  type RenderUrlOptions,
  type SignedRenderUrlOptions,
  renderUrl as buildRenderUrl,
  signedRenderUrl as buildSignedRenderUrl,
} from './sign';
import type {
  ApiErrorBody,
  BatchItem,
  BatchResponse,
  GenerateRequest,
  GenerateResponse,
  TemplateInput,
  TemplateResource,
  TemplateSummary,
  TemplateUpdate,
  TemplateVersionSummary,
} from './types';

export interface ClientOptions {
  /** Origin of the server, e.g. `https://img.example.com` (a path prefix is kept). */
  baseUrl: string;
  /** `lc_live_...`; omit for cookie sessions in the browser. */
  apiKey?: string;
  /** Sent as X-CSRF-Token on writes: needed when authenticating by session cookie. */
  csrfToken?: string;
  fetch?: typeof fetch;
}

/** A non-2xx answer, with the server's stable code and, for 422, each problem's path. */
export class LayercastApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'LayercastApiError';
  }
}

export interface TemplateWithEtag extends TemplateResource {
  /** The ETag to send back as `ifMatch`. */
  etag: string;
}

export function createClient(options: ClientOptions) {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ data: T; response: Response }> {
    const h: Record<string, string> = { accept: 'application/json', ...headers };
    if (options.apiKey) h.authorization = `Bearer ${options.apiKey}`;
    if (options.csrfToken && method !== 'GET') h['x-csrf-token'] = options.csrfToken;
    if (body !== undefined) h['content-type'] = 'application/json';
    const response = await doFetch(new URL(path.replace(/^\//, ''), base), {
      method,
      headers: h,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const error = (parsed as ApiErrorBody | undefined)?.error;
      throw new LayercastApiError(
        response.status,
        error?.code ?? 'http_error',
        error?.message ?? `HTTP ${response.status} from ${method} ${path}`,
        error?.details,
      );
    }
    return { data: parsed as T, response };
  }

  const withEtag = ({ data, response }: { data: TemplateResource; response: Response }): TemplateWithEtag => ({
    ...data,
    etag: response.headers.get('etag') ?? `"v${data.version}"`,
  });

  return {
    baseUrl: options.baseUrl,

    /** Renders and stores an image; `imageUrl` is permanent. */
    async generate(req: GenerateRequest): Promise<GenerateResponse> {
      return (await request<GenerateResponse>('POST', '/api/generate', req)).data;
    },

    /** Up to 20 renders; each item succeeds or fails on its own. */
    async batch(items: BatchItem[]): Promise<BatchResponse> {
      return (await request<BatchResponse>('POST', '/api/generate/batch', { items })).data;
    },

    templates: {
      async list(): Promise<TemplateSummary[]> {
        return (await request<{ templates: TemplateSummary[] }>('GET', '/api/templates')).data.templates;
      },
      async get(id: string): Promise<TemplateWithEtag> {
        return withEtag(await request<TemplateResource>('GET', `/api/templates/${encodeURIComponent(id)}`));
      },
      async create(input: TemplateInput): Promise<TemplateWithEtag> {
        return withEtag(await request<TemplateResource>('POST', '/api/templates', input));
      },
      /** Changes the given fields; with `ifMatch`, fails with 412 if someone saved in between. */
      async update(id: string, change: TemplateUpdate, opts: { ifMatch?: string } = {}): Promise<TemplateWithEtag & { changed: boolean }> {
        const result = await request<TemplateResource>(
          'PUT',
          `/api/templates/${encodeURIComponent(id)}`,
          change,
          opts.ifMatch ? { 'if-match': opts.ifMatch } : {},
        );
        return { ...withEtag(result), changed: result.response.headers.get('x-template-status') !== 'unchanged' };
      },
      async delete(id: string): Promise<void> {
        await request('DELETE', `/api/templates/${encodeURIComponent(id)}`);
      },
      async versions(id: string): Promise<TemplateVersionSummary[]> {
        return (await request<{ versions: TemplateVersionSummary[] }>('GET', `/api/templates/${encodeURIComponent(id)}/versions`)).data
          .versions;
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
