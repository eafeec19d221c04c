// The one way the server fetches a URL a user gave it. Every connection goes
// through request-filtering-agent, which checks the address the socket actually connects
// to (after DNS), so a public-looking name that resolves to loopback is refused as surely
// as a literal 127.0.0.1. Redirects are followed by hand so each hop is checked again.
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { LRUCache } from 'lru-cache';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { type CheckedImage, ImageSourceError, MAX_IMAGE_BYTES, inspectImage } from './image-bytes';

export interface ImageFetcherOptions {
  /** Total time for all hops and the body. */
  timeoutMs?: number;
  maxRedirects?: number;
  maxBytes?: number;
  /** Bytes of fetched images kept in memory, and for how long. */
  cacheBytes?: number;
  cacheTtlMs?: number;
  /**
   * Bytes of fetched images all leases together may hold (requests in flight, from the
   * first downloaded byte until the request is done); past it a fetch fails as `busy`.
   */
  maxBytesInFlight?: number;
  /**
   * Test seams: addresses (IPs or CIDRs) allowed although private, and a DNS resolver.
   * Production passes neither.
   */
  allowAddresses?: string[];
  lookup?: LookupFunction;
  /**
   * `host:port` pairs reached without the address check (LAYERCAST_FETCH_ALLOW): for tests
   * and local development, never in production.
   */
  allowHostPorts?: readonly string[];
}

/**
 * What one request holds of the fetcher's in-flight byte budget: every byte it downloads
 * (counted as it arrives), and the whole size of images it got from the cache or from a
 * download another request started. Released when the request is done.
 */
export interface FetchLease {
  readonly bytes: number;
  /** Counts `n` more bytes; throws ImageSourceError `busy` past the budget or once released. */
  take(n: number): void;
  /** Gives every byte back; safe to call more than once. */
  release(): void;
}

/** What a non-image download is: the noun its errors use, what it asks for, how large it may be. */
export interface FileKind {
  noun: string;
  accept: string;
  maxBytes: number;
  /** Keep the first `maxBytes` of a longer body instead of failing (an HTML page's head is enough). */
  truncate?: boolean;
}

export interface ImageFetcher {
  /** Fetches and checks an http(s) image, counting its bytes on `lease`; throws ImageSourceError. */
  fetchImage(url: string, lease?: FetchLease): Promise<CheckedImage>;
  /**
   * Fetches another kind of file (a font) under the same rules (address checks on every hop,
   * deadline, size cap, byte budget), cached by URL; the caller checks the bytes.
   */
  fetchFile(url: string, kind: FileKind, lease?: FetchLease): Promise<Buffer>;
  /**
   * POSTs `body` (a webhook) under the same address checks and deadline. Redirects are not
   * followed (a 3xx is the answer); the response body is discarded. Answers the status;
   * throws ImageSourceError when no answer came.
   */
  post(url: string, body: string, headers: Readonly<Record<string, string>>): Promise<{ status: number }>;
  /** A new lease on the budget of bytes held by requests in flight. */
  lease(): FetchLease;
  close(): void;
}

export const DEFAULT_MAX_BYTES_IN_FLIGHT = 128 * 1024 * 1024;

const USER_AGENT = 'Layercast/0.1 (+image fetcher)';
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function parseHttpUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new ImageSourceError('bad_url', 'expected an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ImageSourceError('bad_url', `expected an http or https URL, not ${url.protocol}`);
  }
  if (url.username || url.password) throw new ImageSourceError('bad_url', 'URLs with credentials are not fetched');
  return url;
}

/** Errors from the agent's address check, told apart from other network failures. */
function isBlocked(error: unknown): boolean {
  return error instanceof Error && /is not allowed\. Because/.test(error.message);
}

interface Hop {
  status: number;
  location?: string;
  body?: Buffer;
}

export function createImageFetcher(options: ImageFetcherOptions = {}): ImageFetcher {
  const timeoutMs = options.timeoutMs ?? 5000;
  const maxRedirects = options.maxRedirects ?? 3;
  const maxBytes = options.maxBytes ?? MAX_IMAGE_BYTES;
  const filter = {
    allowIPAddressList: options.allowAddresses ?? [],
    // IPv4-compatible IPv6 addresses (::a.b.c.d, deprecated since 2006, never used on the
    // internet) count as unicast in the address library, whatever IPv4 address they embed:
    // refuse the whole block. Mapped, NAT64 and 6to4 forms are already outside unicast.
    denyIPAddressList: ['::/96'],
    keepAlive: false,
  };
  const agents = { 'http:': new RequestFilteringHttpAgent(filter), 'https:': new RequestFilteringHttpsAgent(filter) };
  const allowed = new Set(options.allowHostPorts ?? []);
  const plainAgents = {
    'http:': new http.Agent({ keepAlive: false }),
    'https:': new https.Agent({ keepAlive: false }),
  };
  /** The exact host:port pairs the operator allowed skip the address check; nothing else does. */
  const agentFor = (url: URL) => {
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    const key = `${url.hostname.toLowerCase()}:${port}`;
    const table = allowed.has(key) ? plainAgents : agents;
    return table[url.protocol as 'http:' | 'https:'];
  };
  const cache = new LRUCache<string, CheckedImage>({
    maxSize: options.cacheBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (image) => Math.max(1, image.bytes.byteLength),
    ttl: options.cacheTtlMs ?? 10 * 60 * 1000,
  });
  // Other files (fonts named by URL for a render), by kind and URL.
  const files = new LRUCache<string, Buffer>({
    maxSize: 32 * 1024 * 1024,
    sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
    ttl: options.cacheTtlMs ?? 10 * 60 * 1000,
  });
  // Concurrent requests for one URL share one download.
  const inflight = new Map<string, Promise<CheckedImage>>();

  const maxBytesInFlight = options.maxBytesInFlight ?? DEFAULT_MAX_BYTES_IN_FLIGHT;
  let bytesInFlight = 0;
  const busy = () => new ImageSourceError('busy', 'the server is holding too many fetched images at once');

  function lease(): FetchLease {
    let bytes = 0;
    let released = false;
    return {
      get bytes() {
        return bytes;
      },
      take(n) {
        if (released || bytesInFlight + n > maxBytesInFlight) throw busy();
        bytesInFlight += n;
        bytes += n;
      },
      release() {
        if (released) return;
        released = true;
        bytesInFlight -= bytes;
        bytes = 0;
      },
    };
  }

  const IMAGE: FileKind = {
    noun: 'image',
    accept: 'image/png,image/jpeg,image/webp,image/gif,image/svg+xml',
    maxBytes,
  };

  function requestOnce(url: URL, signal: AbortSignal, kind: FileKind, onBytes?: (n: number) => void): Promise<Hop> {
    const tooLarge = () =>
      new ImageSourceError('too_large', `the ${kind.noun} is larger than ${kind.maxBytes / 1024 / 1024} MB`);
    const client = url.protocol === 'https:' ? https : http;
    return new Promise<Hop>((resolve, reject) => {
      const req = client.request(
        url,
        {
          method: 'GET',
          agent: agentFor(url),
          signal,
          headers: { 'user-agent': USER_AGENT, accept: kind.accept },
          ...(options.lookup ? { lookup: options.lookup } : {}),
        },
        (res) => {
          const status = res.statusCode ?? 0;
          if (REDIRECTS.has(status)) {
            res.resume();
            resolve({ status, location: res.headers.location });
            return;
          }
          if (status < 200 || status >= 300) {
            res.resume();
            resolve({ status });
            return;
          }
          const declared = Number(res.headers['content-length']);
          if (Number.isFinite(declared) && declared > kind.maxBytes && !kind.truncate) {
            res.destroy();
            reject(tooLarge());
            return;
          }
          const chunks: Buffer[] = [];
          let total = 0;
          res.on('data', (chunk: Buffer) => {
            total += chunk.byteLength;
            if (total > kind.maxBytes) {
              res.destroy();
              if (!kind.truncate) {
                reject(tooLarge());
                return;
              }
              const kept = chunk.subarray(0, chunk.byteLength - (total - kind.maxBytes));
              onBytes?.(kept.byteLength);
              chunks.push(kept);
              resolve({ status, body: Buffer.concat(chunks) });
              return;
            }
            try {
              onBytes?.(chunk.byteLength);
            } catch (error) {
              res.destroy();
              reject(error);
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve({ status, body: Buffer.concat(chunks) }));
          res.on('error', reject);
          // An abort mid-body may close the stream without 'error'; settle either way.
          res.on('close', () => {
            if (!res.complete) reject(new ImageSourceError('network', `the ${kind.noun} server closed the connection`));
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  async function download(raw: string, kind: FileKind, onBytes?: (n: number) => void): Promise<Buffer> {
    const signal = AbortSignal.timeout(timeoutMs);
    let url = parseHttpUrl(raw);
    for (let hop = 0; ; hop++) {
      let result: Hop;
      try {
        result = await requestOnce(url, signal, kind, onBytes);
      } catch (error) {
        if (error instanceof ImageSourceError) throw error;
        if (signal.aborted)
          throw new ImageSourceError('timeout', `the ${kind.noun} did not arrive within ${timeoutMs / 1000} s`);
        if (isBlocked(error)) {
          throw new ImageSourceError('blocked_address', 'the URL leads to a private, loopback or reserved address');
        }
        throw new ImageSourceError('network', `the ${kind.noun} server could not be reached`);
      }
      if (result.body) return result.body;
      if (result.location === undefined) {
        throw new ImageSourceError('http_status', `the ${kind.noun} server answered HTTP ${result.status}`);
      }
      if (hop >= maxRedirects) throw new ImageSourceError('too_many_redirects', `more than ${maxRedirects} redirects`);
      url = parseHttpUrl(result.location, url);
    }
  }

  async function post(raw: string, body: string, headers: Readonly<Record<string, string>>) {
    const signal = AbortSignal.timeout(timeoutMs);
    const url = parseHttpUrl(raw);
    const client = url.protocol === 'https:' ? https : http;
    try {
      return await new Promise<{ status: number }>((resolve, reject) => {
        const req = client.request(
          url,
          {
            method: 'POST',
            agent: agentFor(url),
            signal,
            headers: {
              'user-agent': USER_AGENT,
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
              ...headers,
            },
            ...(options.lookup ? { lookup: options.lookup } : {}),
          },
          (res) => {
            res.resume();
            resolve({ status: res.statusCode ?? 0 });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    } catch (error) {
      if (signal.aborted) throw new ImageSourceError('timeout', `no answer within ${timeoutMs / 1000} s`);
      if (isBlocked(error)) {
        throw new ImageSourceError('blocked_address', 'the URL leads to a private, loopback or reserved address');
      }
      throw new ImageSourceError('network', 'the server could not be reached');
    }
  }

  return {
    post,
    async fetchImage(raw, held) {
      const hit = cache.get(raw);
      if (hit) {
        held?.take(hit.bytes.byteLength);
        return hit;
      }
      // Bytes this call counted while downloading; a shared download or a cache hit is
      // counted whole once it arrives.
      let counted = 0;
      let pending = inflight.get(raw);
      if (!pending) {
        const onBytes = held
          ? (n: number) => {
              held.take(n);
              counted += n;
            }
          : undefined;
        pending = download(raw, IMAGE, onBytes)
          .then(async (body) => ({ ...(await inspectImage(body)), bytes: body }))
          .finally(() => inflight.delete(raw));
        inflight.set(raw, pending);
      }
      const image = await pending;
      cache.set(raw, image);
      if (held && image.bytes.byteLength > counted) held.take(image.bytes.byteLength - counted);
      return image;
    },
    async fetchFile(raw, kind, held) {
      const key = `${kind.noun}\n${raw}`;
      const hit = files.get(key);
      if (hit) {
        held?.take(hit.byteLength);
        return hit;
      }
      let counted = 0;
      const onBytes = held
        ? (n: number) => {
            held.take(n);
            counted += n;
          }
        : undefined;
      const body = await download(raw, kind, onBytes);
      files.set(key, body);
      if (held && body.byteLength > counted) held.take(body.byteLength - counted);
      return body;
    },
    lease,
    close() {
      agents['http:'].destroy();
      agents['https:'].destroy();
      plainAgents['http:'].destroy();
      plainAgents['https:'].destroy();
      cache.clear();
      files.clear();
    },
  };
}
