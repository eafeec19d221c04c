// Saving a template through a proxy that changes ETags on the way (a real HTTP proxy in
// front of the real app). Compressing proxies weaken the tag (nginx gzip: `W/"v3"`) or
// append the coding (Apache mod_deflate: `"v3-gzip"`); others drop it, send it empty or put
// their own in its place. The typed client sends back the version it read from the body,
// so every one of them saves, and a stale save is still a 412.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LayercastApiError, createClient } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../support/server';
import { call, titleTemplate } from '../support/client';

type Rewrite = (etag: string) => string | undefined;

const PROXIES: Record<string, Rewrite> = {
  'weakens it (nginx gzip)': (etag) => `W/${etag}`,
  'appends -gzip inside the quotes (Apache mod_deflate)': (etag) => etag.replace(/"$/, '-gzip"'),
  'weakens and suffixes it': (etag) => `W/${etag.replace(/"$/, ';gzip"')}`,
  'drops it': () => undefined,
  'sends it empty': () => '',
  'puts its own in its place': () => '"cdn-5f3a9c"',
};

let server: TestServer;
let key: string;
let proxy: Server;
let proxyUrl: string;
let rewrite: Rewrite = (etag) => etag;

beforeAll(async () => {
  server = await startTestServer();
  key = (await server.createKey(await server.signup())).key;
  // Forwards every request to the app and rewrites the ETag of the answer.
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.entries(req.headers).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && !['host', 'connection', 'content-length'].includes(entry[0]),
    );
    const upstream = await fetch(`${server.url}${req.url}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const out: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (
        !['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'keep-alive', 'etag'].includes(name)
      )
        out[name] = value;
    });
    const etag = upstream.headers.get('etag');
    const rewritten = etag === null ? undefined : rewrite(etag);
    if (rewritten !== undefined) out.etag = rewritten;
    res.writeHead(upstream.status, out).end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => proxy?.close(() => resolve()));
  await server?.close();
});

describe('templates.update through a proxy that changes the ETag', () => {
  for (const [name, how] of Object.entries(PROXIES)) {
    it(`saves when the proxy ${name}, and still refuses a stale save`, async () => {
      rewrite = how;
      const client = createClient({ baseUrl: proxyUrl, apiKey: key });
      const created = await client.templates.create({ name, jsonData: titleTemplate('a') });
      const read = await client.templates.get(created.id);
      expect(read.etag).toBe('"v1"');

      const saved = await client.templates.update(created.id, { jsonData: titleTemplate('b') }, { ifMatch: read.etag });
      expect(saved).toMatchObject({ version: 2, etag: '"v2"', changed: true });
      // Someone else saved version 2 in between: the first reader's save is a lost update.
      const stale = await client.templates
        .update(created.id, { jsonData: titleTemplate('c') }, { ifMatch: read.etag })
        .catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(LayercastApiError);
      expect(stale).toMatchObject({ status: 412, code: 'precondition_failed', details: { currentVersion: 2 } });
      // The version number from the body works as well.
      expect(
        (await client.templates.update(created.id, { name: 'by version' }, { ifMatch: saved.version })).version,
      ).toBe(3);
      await expect(
        client.templates.update(created.id, { name: 'stale version' }, { ifMatch: 2 }),
      ).rejects.toMatchObject({ status: 412 });
    });
  }

  it('lets a client that echoes the proxied ETag header itself save too (the server compares versions)', async () => {
    rewrite = PROXIES['weakens and suffixes it']!;
    const session = await server.signup();
    const created = await call(proxyUrl, 'POST', '/api/templates', {
      as: session,
      body: { name: 'raw', jsonData: titleTemplate() },
    });
    const got = await call(proxyUrl, 'GET', `/api/templates/${created.body.id}`, { as: session });
    const proxied = got.headers.get('etag') ?? '';
    expect(proxied).toBe('W/"v1;gzip"');
    const put = (ifMatch: string) =>
      call(proxyUrl, 'PUT', `/api/templates/${created.body.id}`, {
        as: session,
        body: { name: `saved ${ifMatch}` },
        headers: { 'if-match': ifMatch },
      });
    expect((await put(proxied)).status).toBe(200);
    expect((await put(proxied)).status).toBe(412);
  });
});
