// The client's HTTP layer: one fetch per call, credentials attached (Bearer key, or the
// session cookie plus its CSRF token on writes), and every failure turned into a
// LayercastApiError with a message a person can read.
import type { z } from 'zod';
import { LayercastApiError, errorFromResponse, networkError } from './errors';

export interface TransportOptions {
  baseUrl: string;
  apiKey?: string;
  /** A fixed token, or a function read before each write (the caller then owns the token). */
  csrfToken?: string | (() => string | null | undefined);
  fetch?: typeof fetch;
  /** Sent as `X-Layercast-Client` (e.g. `cli`): template versions record what saved them. */
  clientName?: string;
}

export type RequestBody = { json: unknown } | { bytes: Blob | ArrayBuffer | Uint8Array; contentType: string };

export interface Reply<T> {
  data: T;
  response: Response;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function createTransport(options: TransportOptions) {
  const base = options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`;
  // Resolved per call, not at creation: tests and polyfills may replace globalThis.fetch later.
  const doFetch = (input: URL, init: RequestInit) => (options.fetch ?? globalThis.fetch)(input, init);
  let storedCsrf: string | null = typeof options.csrfToken === 'string' ? options.csrfToken : null;

  const csrfToken = (): string | null =>
    typeof options.csrfToken === 'function' ? (options.csrfToken() ?? null) : storedCsrf;

  function toBody(body: RequestBody | undefined, headers: Record<string, string>): BodyInit | undefined {
    if (body === undefined) return undefined;
    if ('json' in body) {
      headers['content-type'] = 'application/json';
      return JSON.stringify(body.json);
    }
    headers['content-type'] = body.contentType;
    // A copy types the bytes as BodyInit whatever buffer backs them (a Node Buffer may sit
    // on a shared pool); uploads are capped at 10 MB, so the copy is cheap.
    return body.bytes instanceof Uint8Array ? new Uint8Array(body.bytes) : body.bytes;
  }

  /** Sends one request; resolves only for a 2xx answer, with the body still unread. */
  async function send(
    method: string,
    path: string,
    body?: RequestBody,
    extraHeaders: Record<string, string> = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...extraHeaders };
    if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
    if (options.clientName) headers['x-layercast-client'] = options.clientName;
    const csrf = SAFE_METHODS.has(method) ? null : csrfToken();
    if (csrf) headers['x-csrf-token'] = csrf;
    const init: RequestInit = { method, headers, body: toBody(body, headers), credentials: 'same-origin' };
    let response: Response;
    try {
      response = await doFetch(new URL(path.replace(/^\//, ''), base), init);
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') throw error;
      throw networkError(error);
    }
    if (!response.ok) throw errorFromResponse(response.status, await readText(response));
    return response;
  }

  /** A 2xx answer with no body (204). */
  async function requestEmpty(method: string, path: string, body?: RequestBody): Promise<Response> {
    const response = await send(method, path, body);
    // Drained so the connection can be reused.
    await readText(response);
    return response;
  }

  /** A 2xx JSON answer, parsed with the schema the API describes it with. */
  async function request<S extends z.ZodType>(
    method: string,
    path: string,
    schema: S,
    body?: RequestBody,
    headers?: Record<string, string>,
  ): Promise<Reply<z.output<S>>> {
    const response = await send(method, path, body, headers);
    const text = await readText(response);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      // A 200 that is not JSON is usually an HTML page from a proxy or a dev server that does
      // not forward /api: say so rather than fail later on a missing field.
      throw new LayercastApiError(
        response.status,
        'invalid_response',
        'The server answered with something other than JSON. Check that the URL points at a Layercast server.',
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first ? ` (${first.path.join('.') || 'body'}: ${first.message})` : '';
      throw new LayercastApiError(
        response.status,
        'invalid_response',
        `The server's answer is not what this client expects${where}. Check that client and server versions match.`,
      );
    }
    return { data: parsed.data, response };
  }

  /** A 2xx answer's body as a stream (a zip of any size), read by the caller. */
  async function requestStream(method: string, path: string): Promise<Reply<ReadableStream<Uint8Array>>> {
    const response = await send(method, path, undefined, { accept: '*/*' });
    if (!response.body) throw new LayercastApiError(response.status, 'invalid_response', 'The server sent no body.');
    return { data: response.body, response };
  }

  return {
    request,
    requestEmpty,
    requestStream,
    csrfToken,
    setCsrfToken(token: string | null): void {
      storedCsrf = token;
    },
  };
}

/** The body as text; a connection dropped mid-body counts as a network failure. */
async function readText(response: Response): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    throw networkError(error);
  }
}
