// The brand kit in Chromium: colours and a logo saved on the Brand page are offered in the
// designer's inspector and applied in one click; the saved document and the server's render
// carry them.
import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  type RunningLayercast,
  api,
  decodeImage,
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
let session: ApiSession;
let errors: string[];

interface Kit {
  brand: { colors: { name?: string; value: string }[]; logos: { assetId: string; name?: string; url: string }[] };
}

describe('the brand kit', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session, { viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    errors = watchErrors(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'saves a named colour and an uploaded logo from the Brand page',
    async () => {
      // Every save reaches the server 300 ms late, as on a slow link: an edit made while the
      // one before it is still saving must build on it, not on the server's last answer.
      const slowSaves = '**/api/brand';
      await page.route(slowSaves, async (route) => {
        if (route.request().method() === 'PUT') await new Promise((resolve) => setTimeout(resolve, 300));
        await route.continue();
      });
      await page.goto(`${app.url}/#/`);
      await page.click('nav >> text=Brand');
      await page.click('[data-testid="brand-add-colour"]');
      await page.waitForSelector('[data-testid="brand-colour-row"]');
      const colour = page.getByLabel('Brand colour 1', { exact: true });
      await colour.fill('#ff5500');
      await colour.press('Enter');
      const name = page.getByLabel('Name of brand colour 1');
      await name.fill('Signal');
      await name.press('Enter');
      const logo = await sharp({ create: { width: 80, height: 40, channels: 4, background: '#10b981' } })
        .png()
        .toBuffer();
      await page.setInputFiles('[data-testid="brand-logo-file"]', {
        name: 'mark.png',
        mimeType: 'image/png',
        buffer: logo,
      });
      await page.waitForSelector('[data-testid="brand-logo-row"]');
      await expect
        .poll(async () => (await api<Kit>(app.url, session, 'GET', '/api/brand')).brand, { timeout: 10_000 })
        .toMatchObject({ colors: [{ name: 'Signal', value: '#ff5500' }], logos: [{ name: 'mark' }] });
      await page.unroute(slowSaves);
      await expect.poll(() => page.getByLabel('Name of brand colour 1').inputValue()).toBe('Signal');
      await page.screenshot({ path: screenshotPath('brand-kit.png') });
    },
    STEP,
  );

  it(
    'applies the colour and the logo in one click each in the designer, as the server renders them',
    async () => {
      const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
        name: 'Brand card',
        jsonData: {
          version: 3,
          canvas: { width: 600, height: 300, background: '#ffffff' },
          layers: [
            { type: 'rect', name: 'panel', x: 0, y: 0, width: 300, height: 300, fill: '#111827' },
            { type: 'image', name: 'logo', x: 380, y: 110, width: 160, height: 80, src: '', objectFit: 'fill' },
          ],
        },
      });
      await page.goto(`${app.url}/#/templates/${template.id}`);
      await designerReady(page);

      await page.click('[data-testid="layer-row-panel"]');
      const fill = page.getByRole('group', { name: 'Brand colours for fill colour' });
      const swatch = fill.getByRole('button', { name: 'Use brand colour Signal' });
      await swatch.click();
      await expect.poll(() => swatch.getAttribute('aria-pressed')).toBe('true');

      await page.click('[data-testid="layer-row-logo"]');
      await page.getByRole('button', { name: 'Use brand logo mark' }).click();
      await page.screenshot({ path: screenshotPath('brand-kit-designer.png') });
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');

      const kit = (await api<Kit>(app.url, session, 'GET', '/api/brand')).brand;
      const saved = await api<{ jsonData: { layers: { name: string; fill?: string; src?: string }[] } }>(
        app.url,
        session,
        'GET',
        `/api/templates/${template.id}`,
      );
      expect(saved.jsonData.layers.find((l) => l.name === 'panel')?.fill).toBe('#ff5500');
      expect(saved.jsonData.layers.find((l) => l.name === 'logo')?.src).toBe(kit.logos[0]!.url);

      const generated = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
        templateId: template.id,
      });
      const image = await decodeImage(Buffer.from(await (await fetch(generated.imageUrl)).arrayBuffer()));
      const at = (x: number, y: number) => [
        ...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 3),
      ];
      expect(at(150, 150)).toEqual([0xff, 0x55, 0x00]);
      expect(at(460, 150)).toEqual([0x10, 0xb9, 0x81]);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
