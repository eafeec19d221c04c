// The guarded fetcher against real listeners. SSRF targets point at a guard listener on
// loopback that must see no TCP connection; the "public internet" is a listener on
// 127.0.0.2, allowed only through the fetcher's test seam.
import dns from 'node:dns';
import type http from 'node:http';
import type { LookupFunction } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createImageFetcher } from '../../src/fetch/guarded-fetch';
import { ImageSourceError } from '../../src/fetch/image-bytes';
import { pngBytes } from '../support/fixtures';
import { type Listener, listen } from '../support/net';

const png = pngBytes(4, 3);

let guard: Listener;
let guard6: Listener | undefined;
let publicServer: Listener;

// A resolver that makes two public-looking names resolve where the test wants; every
// other name (localhost included) goes to the system resolver.
const fakeDns: LookupFunction = (hostname, options, callback) => {
  const table: Record<string, string> = { 'images.example.com': '127.0.0.2', 'sneaky.example.com': '127.0.0.1' };
  const address = table[hostname];
  if (!address) {
    dns.lookup(hostname, options, callback);
    return;
  }
  if ((options as { all?: boolean }).all)
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address, family: 4 },
    ]);
  else callback(null, address, 4);
};

/** Settles when the fetcher hangs up on /slow. */
let slowClosed = closeSignal();
function closeSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = () => {};
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function publicHandler(req: http.IncomingMessage, res: http.ServerResponse) {
  const url = new URL(req.url ?? '/', 'http://x');
  const to = url.searchParams.get('to');
  if (url.pathname === '/redirect' && to) {
    res.writeHead(302, { location: to }).end();
  } else if (url.pathname === '/chain') {
    const n = Number(url.searchParams.get('n'));
    if (n > 0) res.writeHead(301, { location: `/chain?n=${n - 1}` }).end();
    else res.writeHead(200, { 'content-type': 'image/png' }).end(png);
  } else if (url.pathname === '/image.png') {
    res.writeHead(200, { 'content-type': 'image/png' }).end(png);
  } else if (url.pathname === '/html-as-png') {
    res.writeHead(200, { 'content-type': 'image/png' }).end('<html><script>alert(1)</script></html>');
  } else if (url.pathname === '/huge-header') {
    res.writeHead(200, { 'content-type': 'image/png' }).end(pngBytes(6000, 5000, [0, 0, 0, 255], 1));
  } else if (url.pathname === '/oversize') {
    // No Content-Length: the cap must hold while streaming.
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(png);
    const block = Buffer.alloc(1024 * 1024);
    let sent = 0;
    const pump = () => {
      while (sent < 12 && res.write(block)) sent++;
      if (sent < 12) res.once('drain', pump);
      else res.end();
    };
    pump();
  } else if (url.pathname === '/slow') {
    req.socket.once('close', () => slowClosed.resolve());
    res.writeHead(200, { 'content-type': 'image/png' });
    res.write(png.subarray(0, 10));
    // never finishes
  } else {
    res.writeHead(404).end('secret upstream body');
  }
}

beforeAll(async () => {
  guard = await listen('127.0.0.1');
  guard6 = await listen('::1').catch(() => undefined);
  publicServer = await listen('127.0.0.2', publicHandler);
});

afterAll(async () => {
  await guard.close();
  await guard6?.close();
  await publicServer.close();
});

const fetcher = () => createImageFetcher({ allowAddresses: ['127.0.0.2'], lookup: fakeDns, timeoutMs: 1500 });

async function problemOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImageSourceError) return error.problem;
    throw error;
  }
  throw new Error('expected the fetch to fail');
}

describe('guarded image fetcher', () => {
  it('fetches a PNG from an allowed host, typed by magic bytes, with its size', async () => {
    const image = await fetcher().fetchImage(`${publicServer.origin}/image.png`);
    expect(image).toMatchObject({ mime: 'image/png', width: 4, height: 3 });
    expect(image.bytes.equals(png)).toBe(true);
  });

  it('resolves names through DNS and checks the address it connects to', async () => {
    const image = await fetcher().fetchImage(`http://images.example.com:${publicServer.port}/image.png`);
    expect(image.width).toBe(4);
  });

  it('refuses every loopback, private, metadata and mapped form without connecting', async () => {
    const port = guard.port;
    const targets = [
      `http://127.0.0.1:${port}/x.png`,
      `http://localhost:${port}/x.png`,
      `http://0.0.0.0:${port}/x.png`,
      `http://[::1]:${guard6?.port ?? port}/x.png`,
      `http://[::ffff:127.0.0.1]:${port}/x.png`,
      // IPv4-compatible IPv6 (::/96), which the address library calls unicast.
      `http://[::127.0.0.1]:${port}/x.png`,
      `http://[::7f00:1]:${port}/x.png`,
      `http://[::169.254.169.254]/latest/meta-data/`,
      `http://[::10.0.0.1]:${port}/x.png`,
      // NAT64 and 6to4 forms embedding 127.0.0.1.
      `http://[64:ff9b::7f00:1]:${port}/x.png`,
      `http://[2002:7f00:1::1]:${port}/x.png`,
      `http://2130706433:${port}/x.png`,
      `http://0x7f000001:${port}/x.png`,
      `http://017700000001:${port}/x.png`,
      `http://169.254.169.254/latest/meta-data/`,
      `http://10.0.0.1:${port}/x.png`,
      `http://192.168.1.1:${port}/x.png`,
      `http://100.64.0.1:${port}/x.png`,
      `http://sneaky.example.com:${port}/x.png`,
      `http://images.example.com:${publicServer.port}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${port}/x.png`)}`,
      `http://images.example.com:${publicServer.port}/redirect?to=${encodeURIComponent(`http://localhost:${port}/x.png`)}`,
      `http://images.example.com:${publicServer.port}/redirect?to=${encodeURIComponent(`http://sneaky.example.com:${port}/x.png`)}`,
    ];
    const f = fetcher();
    for (const target of targets) {
      expect(await problemOf(f.fetchImage(target)), target).toBe('blocked_address');
    }
    expect(guard.connections).toBe(0);
    expect(guard6?.connections ?? 0).toBe(0);
    // Control: the guard does count connections when loopback is let through.
    await createImageFetcher({ allowAddresses: ['127.0.0.1'] })
      .fetchImage(`http://127.0.0.1:${port}/x.png`)
      .catch(() => undefined);
    expect(guard.connections).toBe(1);
  });

  it('accepts only http and https URLs', async () => {
    const f = fetcher();
    for (const target of [
      'file:///etc/passwd',
      'ftp://example.com/a.png',
      'data:image/png;base64,AAAA',
      '/etc/passwd',
      'gopher://x',
    ]) {
      expect(await problemOf(f.fetchImage(target)), target).toBe('bad_url');
    }
    expect(await problemOf(f.fetchImage(`${publicServer.origin}/redirect?to=file:///etc/passwd`))).toBe('bad_url');
  });

  it('follows up to 3 redirects and refuses a 4th', async () => {
    const f = fetcher();
    expect((await f.fetchImage(`${publicServer.origin}/chain?n=3`)).width).toBe(4);
    expect(await problemOf(f.fetchImage(`${publicServer.origin}/chain?n=4`))).toBe('too_many_redirects');
  });

  it('stops reading past 10 MB', async () => {
    expect(await problemOf(fetcher().fetchImage(`${publicServer.origin}/oversize`))).toBe('too_large');
  });

  it('gives up at the total deadline and hangs up on the server', async () => {
    slowClosed = closeSignal();
    // The body never finishes: only the fetcher's own deadline (1.5 s here) ends this.
    expect(await problemOf(fetcher().fetchImage(`${publicServer.origin}/slow`))).toBe('timeout');
    await slowClosed.promise;
  });

  it('decides the type by magic bytes, not Content-Type', async () => {
    expect(await problemOf(fetcher().fetchImage(`${publicServer.origin}/html-as-png`))).toBe('unsupported_type');
  });

  it('refuses more than 25 megapixels from the header alone', async () => {
    const error = await fetcher()
      .fetchImage(`${publicServer.origin}/huge-header`)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImageSourceError);
    expect((error as ImageSourceError).problem).toBe('too_many_pixels');
    expect((error as ImageSourceError).message).toContain('6000×5000');
  });

  it('reports an upstream error status without its body', async () => {
    const error = (await fetcher()
      .fetchImage(`${publicServer.origin}/missing.png`)
      .catch((e: unknown) => e)) as ImageSourceError;
    expect(error.problem).toBe('http_status');
    expect(error.message).toBe('the image server answered HTTP 404');
  });

  it('serves a repeated URL from its cache', async () => {
    const f = fetcher();
    const before = publicServer.requests.length;
    await Promise.all([
      f.fetchImage(`${publicServer.origin}/image.png?c=1`),
      f.fetchImage(`${publicServer.origin}/image.png?c=1`),
    ]);
    await f.fetchImage(`${publicServer.origin}/image.png?c=1`);
    expect(publicServer.requests.length - before).toBe(1);
  });
});
