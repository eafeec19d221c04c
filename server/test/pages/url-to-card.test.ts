// Cards from a URL (seed 003): the page is fetched through the guarded fetcher, its metadata
// fills the template's page.* variables (explicit ones win), the answer says what the page
// said (`source`), and a repeat costs no fetch. A loopback page server is reached only through
// LAYERCAST_FETCH_ALLOW's exact host:port; every other private address stays refused.
import type http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import { parsePageMetadata } from '../../src/pages/page-metadata';
import { call } from '../support/client';
import { type Listener, listen } from '../support/net';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let pages: Listener;
let other: Listener;
let green: Buffer;

const ARTICLE = `<!doctype html><html><head>
<meta charset="utf-8">
<title>Fallback title | Blog</title>
<meta name="description" content="Plain description">
<meta property="og:title" content="Shipping cards from links">
<meta property="og:description" content="How a URL becomes an image &amp; why it matters">
<meta property="og:image" content="/hero.png">
<meta property="og:site_name" content="Example Blog">
<meta name="twitter:title" content="Twitter title">
<meta name="author" content="Ann Writer">
<meta property="article:published_time" content="2026-11-30T08:00:00Z">
<link rel="icon" href="/favicon.png">
<script type="application/ld+json">{"@type":"BlogPosting","headline":"LD headline","author":{"name":"LD Author"}}</script>
</head><body><h1>Hi</h1></body></html>`;

beforeAll(async () => {
  green = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#22c55e' } })
    .png()
    .toBuffer();
  pages = await listen('127.0.0.1', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === '/article.html') res.writeHead(200, { 'content-type': 'text/html' }).end(ARTICLE);
    else if (req.url === '/hero.png' || req.url === '/favicon.png')
      res.writeHead(200, { 'content-type': 'image/png' }).end(green);
    else res.writeHead(404).end();
  });
  // Another loopback server, not allowed: must never be reached.
  other = await listen('127.0.0.1');
  app = await startRenderServer({}, { fetcherOptions: { allowHostPorts: [`127.0.0.1:${pages.port}`] } });
});

afterAll(async () => {
  await app?.close();
  await pages?.close();
  await other?.close();
});

describe('LAYERCAST_FETCH_ALLOW', () => {
  it('reads host:port pairs and refuses anything else', () => {
    expect(loadConfig({ LAYERCAST_FETCH_ALLOW: '127.0.0.1:8080, LocalHost:3001' }).fetchAllow).toEqual([
      '127.0.0.1:8080',
      'localhost:3001',
    ]);
    expect(loadConfig({}).fetchAllow).toEqual([]);
    expect(() => loadConfig({ LAYERCAST_FETCH_ALLOW: '127.0.0.1' })).toThrow(/host:port/);
  });
});

describe('a card from a URL', () => {
  let templateId: string;
  beforeAll(async () => {
    const created = await call(app.url, 'POST', '/api/templates', { as: app.key, body: { starter: 'link-preview' } });
    expect(created.status).toBe(201);
    templateId = created.body.id;
  });

  it('fills page.* from the page’s metadata and answers with its source', async () => {
    const url = `${pages.origin}/article.html`;
    const res = await call(app.url, 'POST', '/api/generate', { as: app.key, body: { templateId, url } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.source).toEqual({
      url,
      title: 'Shipping cards from links',
      description: 'How a URL becomes an image & why it matters',
      image: `${pages.origin}/hero.png`,
      favicon: `${pages.origin}/favicon.png`,
      siteName: 'Example Blog',
    });
    // The page's image was fetched and drawn in the image layer.
    expect(res.body.diagnostics.layers.cover).toEqual({ type: 'image', loaded: true });
    const png = Buffer.from(await (await fetch(res.body.imageUrl)).arrayBuffer());
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) =>
      Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(at(890, 315)).toEqual([0x22, 0xc5, 0x5e]);

    // A repeat is answered from the page cache and the render cache: no second fetch.
    const fetched = pages.requests.filter((r) => r === '/article.html').length;
    const again = await call(app.url, 'POST', '/api/generate', { as: app.key, body: { templateId, url } });
    expect(again.body.cached).toBe(true);
    expect(pages.requests.filter((r) => r === '/article.html').length).toBe(fetched);
  });

  it('lets explicit variables win over the page', async () => {
    const url = `${pages.origin}/article.html`;
    const mine = await call(app.url, 'POST', '/api/generate', {
      as: app.key,
      body: { templateId, url, variables: { 'page.title': 'My own title' } },
    });
    expect(mine.status).toBe(200);
    expect(mine.body.cached).toBe(false);
    // The same values given by hand are the same render: a cache hit.
    const s = mine.body.source;
    const byHand = await call(app.url, 'POST', '/api/generate', {
      as: app.key,
      body: {
        templateId,
        variables: {
          'page.title': 'My own title',
          'page.description': s.description,
          'page.image': s.image,
          'page.favicon': s.favicon,
          'page.siteName': s.siteName,
          'page.url': s.url,
        },
      },
    });
    expect(byHand.body.cached).toBe(true);
    expect(byHand.body.id).toBe(mine.body.id);
  });

  it('refuses pages it cannot read, and every address not allowed', async () => {
    const cases: [string, RegExp][] = [
      [`${pages.origin}/missing.html`, /url: the page server answered HTTP 404/],
      [`${other.origin}/article.html`, /url: the URL leads to a private, loopback or reserved address/],
      ['http://[::1]:9/x', /url: the URL leads to a private, loopback or reserved address/],
      ['ftp://example.com/x', /url: expected an http or https URL/],
    ];
    for (const [url, message] of cases) {
      const res = await call(app.url, 'POST', '/api/generate', { as: app.key, body: { templateId, url } });
      expect(res.status, url).toBe(422);
      expect(res.body.error.message).toMatch(message);
    }
    expect(other.connections).toBe(0);
  });
});

describe('reading page metadata', () => {
  const base = 'https://blog.example/posts/a';

  it('prefers Open Graph, then Twitter, then <title> and description, then JSON-LD', () => {
    expect(parsePageMetadata(ARTICLE, base)).toMatchObject({
      title: 'Shipping cards from links',
      author: 'Ann Writer',
      publishedAt: '2026-11-30T08:00:00Z',
      image: 'https://blog.example/hero.png',
    });
    const twitter = `<head><title>T</title><meta name="twitter:title" content="Tw"><meta name="twitter:image" content="https://cdn.example/i.jpg"><meta name="twitter:site" content="@exampleblog"></head>`;
    expect(parsePageMetadata(twitter, base)).toMatchObject({
      title: 'Tw',
      image: 'https://cdn.example/i.jpg',
      siteName: 'exampleblog',
      favicon: 'https://blog.example/favicon.ico',
      url: base,
    });
    const plain = `<title>  Plain   title </title><meta name="description" content="D"><link rel="canonical" href="/posts/a?ref=1">
      <script type="application/ld+json">{"@graph":[{"@type":"Article","image":{"url":"/ld.png"},"author":[{"name":"LD Author"}],"datePublished":"2026-01-02"}]}</script>`;
    expect(parsePageMetadata(plain, base)).toMatchObject({
      title: 'Plain title',
      description: 'D',
      image: 'https://blog.example/ld.png',
      author: 'LD Author',
      publishedAt: '2026-01-02',
      url: 'https://blog.example/posts/a?ref=1',
    });
    const hostile = `<meta property="og:image" content="javascript:alert(1)"><script type="application/ld+json">{broken</script><title>x</title>`;
    expect(parsePageMetadata(hostile, base)).toMatchObject({ title: 'x', image: undefined });
  });
});
