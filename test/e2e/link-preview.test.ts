// A card from a URL in the editor: the Link preview starter, a page URL in the Preview panel,
// and the server's render made from the page's metadata (a loopback page server, reached
// through LAYERCAST_FETCH_ALLOW as local development would).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningLayercast,
  api,
  launchChromium,
  screenshotPath,
  signupViaApi,
  startLayercast,
  watchErrors,
  designerReady,
  signedInContext,
} from './harness';

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let errors: string[];
let pages: http.Server;
let origin = '';

describe('a link preview from a page URL', () => {
  beforeAll(async () => {
    const hero = await sharp({ create: { width: 60, height: 60, channels: 3, background: '#f97316' } })
      .png()
      .toBuffer();
    pages = http.createServer((req, res) => {
      if (req.url === '/post') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end(`<title>x</title><meta property="og:title" content="Orange launch notes">
          <meta property="og:description" content="Everything that shipped this week">
          <meta property="og:image" content="/hero.png"><meta property="og:site_name" content="Orange Blog">`);
      } else if (req.url === '/hero.png') res.writeHead(200, { 'content-type': 'image/png' }).end(hero);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const port = (pages.address() as AddressInfo).port;
    origin = `http://127.0.0.1:${port}`;
    app = await startLayercast({ LAYERCAST_FETCH_ALLOW: `127.0.0.1:${port}` });
    const session = await signupViaApi(app.url);
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', { starter: 'link-preview' });
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session, { viewport: { width: 1440, height: 900 } });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${app.url}/#/templates/${template.id}`);
    await designerReady(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await new Promise((resolve) => pages?.close(resolve));
  });

  it(
    'renders the card from the page the Preview panel names',
    async () => {
      await page.click('[data-testid="preview-tab"]');
      await page.fill('[data-testid="trial-page-url"]', `${origin}/post`);
      await page.click('[data-testid="render-preview"]');
      await page.waitForSelector('[data-testid="preview-image"]');
      await expect(page.textContent('[data-testid="preview-source"]')).resolves.toBe('Orange launch notes');
      const src = await page.getAttribute('[data-testid="preview-image"]', 'src');
      const png = Buffer.from(await (await fetch(new URL(src ?? '', app.url))).arrayBuffer());
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      const i = (315 * info.width + 890) * info.channels;
      // The page's orange image fills the card's image layer.
      expect(Array.from(data.subarray(i, i + 3))).toEqual([0xf9, 0x73, 0x16]);
      await page.screenshot({ path: screenshotPath('link-preview.png') });
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
