// Signed render URLs. The canonical string is every query parameter but `sig`:
// each name and value (as decoded from the URL) percent-encoded as RFC 3986 unreserved
// characters only, joined as `name=value`, sorted by the encoded name, joined with `&`.
// Encoding is what makes it unambiguous: with raw values, `title=Hi&zz=PWNED` signed as one
// value verified as two parameters. `sig` is the hex HMAC-SHA256 of the string. Web Crypto
// only, so the same code signs in browsers, Node and edge runtimes.

import type { RenderFormat } from '../api/render';

/** The longest validity the server accepts, in seconds. */
export const MAX_SIGNATURE_TTL_SECONDS = 30 * 24 * 60 * 60;
export const DEFAULT_SIGNATURE_TTL_SECONDS = 7 * 24 * 60 * 60;

/** Query parameters with a meaning of their own; every other one is shorthand for a layer. */
export const RESERVED_RENDER_PARAMS = [
  'templateId',
  'layers',
  'variables',
  'format',
  'quality',
  'scale',
  'version',
  'variant',
  'kid',
  'exp',
  'sig',
] as const;

export interface RenderUrlOptions {
  /** Origin (and optional path prefix) of the Layercast server, e.g. `https://img.example.com`. */
  baseUrl: string;
  templateId: string;
  /** Overrides by layer name: `{ title: { text: 'Hello' } }`. */
  layers?: Record<string, Record<string, unknown>>;
  variables?: Record<string, string>;
  format?: RenderFormat;
  quality?: number;
  scale?: number;
  /** A saved version of the template; the current one when left out. */
  version?: number;
  /** A size variant (or a platform name that picks one); the base design when left out. */
  variant?: string;
}

export interface SignedRenderUrlOptions extends RenderUrlOptions {
  /** The API key's id (`kid` in the URL). */
  keyId: string;
  /** The key's signing secret, returned beside the key at creation. */
  signingSecret: string;
  /**
   * Expiry as unix seconds or a Date; defaults to `expiresInSeconds` from now. `null` makes a
   * permanent URL (no `exp`): valid until the key is revoked, for an og:image that must last.
   */
  expiresAt?: number | Date | null;
  expiresInSeconds?: number;
  /** Clock for tests and for callers that keep their own time, in milliseconds. */
  now?: number;
}

/** The decoded parameters of a render URL, in insertion order. */
export function renderParams(options: RenderUrlOptions): Record<string, string> {
  const params: Record<string, string> = { templateId: options.templateId };
  if (options.layers && Object.keys(options.layers).length > 0) params.layers = JSON.stringify(options.layers);
  if (options.variables && Object.keys(options.variables).length > 0)
    params.variables = JSON.stringify(options.variables);
  if (options.format !== undefined) params.format = options.format;
  if (options.quality !== undefined) params.quality = String(options.quality);
  if (options.scale !== undefined) params.scale = String(options.scale);
  if (options.version !== undefined) params.version = String(options.version);
  if (options.variant !== undefined) params.variant = options.variant;
  return params;
}

function buildUrl(baseUrl: string, params: Record<string, string>): string {
  const url = new URL('api/render', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** An unsigned render URL: enough for public templates. */
export function renderUrl(options: RenderUrlOptions): string {
  return buildUrl(options.baseUrl, renderParams(options));
}

/** RFC 3986 percent-encoding: everything but `A-Z a-z 0-9 - . _ ~`, as UTF-8 bytes. */
export function rfc3986Encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * `a=1&b=x%20y`: every parameter but `sig`, name and value RFC 3986-encoded, sorted by the
 * encoded name (plain ASCII, so code-unit order is byte order in every runtime).
 */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((name) => name !== 'sig')
    .map((name) => [rfc3986Encode(name), rfc3986Encode(params[name] ?? '')] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

const encoder = new TextEncoder();

export async function hmacSha256Hex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(message)));
  let hex = '';
  for (const byte of mac) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** The `sig` value for a set of parameters (which must already hold `kid` and `exp`). */
export function signParams(secret: string, params: Readonly<Record<string, string>>): Promise<string> {
  return hmacSha256Hex(secret, canonicalQuery(params));
}

/**
 * A render URL for a private template, valid until `exp` (at most 30 days ahead), or for as
 * long as the key lives when `expiresAt` is null.
 */
export async function signedRenderUrl(options: SignedRenderUrlOptions): Promise<string> {
  if (options.expiresAt === null) {
    const params = { ...renderParams(options), kid: options.keyId };
    return buildUrl(options.baseUrl, { ...params, sig: await signParams(options.signingSecret, params) });
  }
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const exp =
    options.expiresAt instanceof Date
      ? Math.floor(options.expiresAt.getTime() / 1000)
      : (options.expiresAt ?? nowSeconds + (options.expiresInSeconds ?? DEFAULT_SIGNATURE_TTL_SECONDS));
  if (!Number.isSafeInteger(exp) || exp <= nowSeconds) throw new RangeError('expiresAt must be in the future');
  if (exp - nowSeconds > MAX_SIGNATURE_TTL_SECONDS) {
    throw new RangeError('a signed URL can be valid for at most 30 days');
  }
  const params = { ...renderParams(options), kid: options.keyId, exp: String(exp) };
  const sig = await signParams(options.signingSecret, params);
  return buildUrl(options.baseUrl, { ...params, sig });
}
