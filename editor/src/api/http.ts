// The editor's HTTP layer: same-origin fetch with the session cookie, the CSRF token on
// writes, and the server's one error shape turned into an Error whose message is the
// server's (never a stack or a status line alone).

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: unknown;
}

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

let csrfToken: string | null = null;

/** Set from /api/auth/me, login or signup; cookie-authenticated writes carry it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiResponse<T> {
  data: T;
  headers: Headers;
  status: number;
}

async function errorFrom(res: Response): Promise<ApiRequestError> {
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: ApiErrorBody } | undefined)?.error;
  if (error && typeof error.message === 'string') return new ApiRequestError(res.status, error.code ?? 'error', error.message, error.details);
  const fallback =
    res.status === 401 ? 'You are signed out. Log in again.' : res.status >= 500 ? 'The server had a problem. Try again.' : `The request failed (${res.status}).`;
  return new ApiRequestError(res.status, 'http_error', fallback);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof Blob || options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiRequestError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  if (!res.ok) throw await errorFrom(res);
  const type = res.headers.get('content-type') ?? '';
  const data = (res.status === 204 ? undefined : type.includes('json') ? await res.json() : await res.blob()) as T;
  return { data, headers: res.headers, status: res.status };
}

export const getJson = async <T>(path: string, signal?: AbortSignal) => (await request<T>('GET', path, { signal })).data;
