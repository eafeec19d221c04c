// The request helper of the server tests: JSON in, status + JSON out, with a session
// (cookie + CSRF token) or an API key.
import type { Session } from './server';

export type Credentials = Session | { key: string } | undefined;

// biome-ignore lint/suspicious/noExplicitAny: replies are checked by assertions, not by types
export interface Reply<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

type RequestOptions = { as?: Credentials; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer };

/**
 * The one way server tests make a request: credentials as a session (cookie + CSRF token) or
 * an API key, a JSON body or a raw one. Answers the Response untouched.
 */
export function send(baseUrl: string, method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  const as = options.as;
  if (as && 'key' in as) headers.authorization = `Bearer ${as.key}`;
  else if (as) {
    headers.cookie = as.cookie;
    headers['x-csrf-token'] = as.csrf;
  }
  let body: string | Buffer | undefined = options.raw;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  return fetch(`${baseUrl}${path}`, { method, headers, body });
}

/** `send`, then the status, headers and parsed JSON body (the text when it is not JSON). */
// biome-ignore lint/suspicious/noExplicitAny: as above
export async function call<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Reply<T>> {
  const res = await send(baseUrl, method, path, options);
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // Not JSON: keep the text so the assertion shows it.
  }
  return { status: res.status, headers: res.headers, body: parsed as T };
}

/** A minimal valid document with a title text layer. */
export function titleTemplate(text = 'Hello') {
  return {
    version: 2,
    canvas: { width: 400, height: 200, background: '#ffffff' },
    layers: [{ name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 80, text, fontSize: 40 }],
    variables: [],
  };
}
