// The Fonts page in Chromium: a font file chosen (or dropped) is uploaded, listed and
// previewed in its own face; a bad file says why; the designer's font picker offers the
// family and the canvas draws with it (no fallback); deleting it from the page removes it.
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
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

const require = createRequire(import.meta.url);
const PACIFICO = require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf');
const STEP = 120_000;

let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];

interface SceneText {
  name: string;
  type: string;
  family?: string;
  font?: string;
  lines?: { width: number }[];
}

const scene = () =>
  page.evaluate(
    () =>
      (
        window as unknown as {
          __layercast: {
            scene: { nodes: SceneText[]; diagnostics: { layers: Record<string, { fontFallback?: string }> } };
          };
        }
      ).__layercast.scene,
  );

describe('uploaded fonts in the editor', () => {
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
    'uploads a font from the Fonts page and previews it in its own face',
    async () => {
      await page.goto(`${app.url}/#/fonts`);
      await page.click('nav >> text=Fonts');
      await page.fill('#font-family-name', 'Brand Script');
      await page.setInputFiles('[data-testid="font-file"]', PACIFICO);
      const row = page.locator('[data-testid="font-row"]');
      await row.first().waitFor();
      expect(await row.count()).toBe(1);
      await expect(row.first().textContent()).resolves.toMatch(/Brand Script.*400.*normal.*TTF/);
      const preview = row.first().locator('.font-preview');
      const family = await preview.evaluate((el) => getComputedStyle(el).fontFamily);
      expect(family).toMatch(/^"?Layercast custom [0-9a-f]{20}"?$/);
      // The face loads, and the name is drawn with it: wider than the same text in Inter.
      await page.waitForFunction((f) => document.fonts.check(`16px ${f}`), family);
      const widths = await preview.evaluate((el) => {
        const probe = document.createElement('span');
        probe.textContent = el.textContent;
        probe.style.cssText = `font: 22px "Layercast Inter"; position: absolute; visibility: hidden`;
        document.body.append(probe);
        const result = { own: el.getBoundingClientRect().width, inter: probe.getBoundingClientRect().width };
        probe.remove();
        return result;
      });
      expect(Math.abs(widths.own - widths.inter)).toBeGreaterThan(3);
      await page.screenshot({ path: screenshotPath('fonts-page.png') });
    },
    STEP,
  );

  it(
    'says why a file that is not a font is refused',
    async () => {
      await page.setInputFiles('[data-testid="font-file"]', {
        name: 'logo.ttf',
        mimeType: 'font/ttf',
        buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      });
      await page.waitForSelector('[data-testid="font-upload-error"]');
      await expect(page.textContent('[data-testid="font-upload-error"]')).resolves.toMatch(/not a font file/);
      expect(await page.locator('[data-testid="font-row"]').count()).toBe(1);
    },
    STEP,
  );

  it(
    'offers the family in the designer and draws the canvas with it',
    async () => {
      const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
        name: 'Brand card',
        jsonData: {
          version: 3,
          canvas: { width: 800, height: 420, background: '#ffffff' },
          layers: [
            {
              type: 'text',
              name: 'title',
              x: 40,
              y: 40,
              width: 700,
              height: 200,
              text: 'Welcome to the brand kit',
              fontSize: 64,
            },
          ],
        },
      });
      await page.goto(`${app.url}/#/templates/${template.id}`);
      await designerReady(page);
      await page.click('[data-testid="layer-row-title"]');
      const before = (await scene()).nodes.find((n) => n.name === 'title')!;
      const options = await page.locator('[data-testid="font-family"] option').allTextContents();
      expect(options[0]).toBe('Brand Script (yours)');
      await page.selectOption('[data-testid="font-family"]', 'Brand Script');
      await page.waitForFunction(() => {
        const h = (window as unknown as { __layercast: { ready: boolean; scene: { nodes: SceneText[] } } }).__layercast;
        return h.ready && h.scene.nodes.some((n) => n.name === 'title' && n.family === 'Brand Script');
      });
      const after = await scene();
      const title = after.nodes.find((n) => n.name === 'title')!;
      expect(after.diagnostics.layers.title).not.toHaveProperty('fontFallback');
      // Drawn with the uploaded face first, then the shipped chain.
      expect(title.font).toMatch(/64px "Layercast custom [0-9a-f]{20}", "Layercast Inter"/);
      const own = /"Layercast custom [0-9a-f]{20}"/.exec(title.font ?? '')?.[0];
      await expect(page.evaluate((family) => document.fonts.check(`64px ${family}`, 'W'), own)).resolves.toBe(true);
      expect(Math.abs(title.lines![0]!.width - before.lines![0]!.width)).toBeGreaterThan(5);
      await page.screenshot({ path: screenshotPath('fonts-in-designer.png') });
    },
    STEP,
  );

  it(
    'deletes the font from the Fonts page',
    async () => {
      // Leaving the designer with the unsaved font change: confirm.
      page.once('dialog', (dialog) => dialog.accept());
      await page.goto(`${app.url}/#/fonts`);
      await page.locator('[data-testid="font-row"]').first().waitFor();
      await page.click('[data-testid="font-row"] >> text=Delete');
      await page.click('[data-testid="delete-font"] >> button:has-text("Delete")');
      await page.waitForSelector('[data-testid="fonts-table"]', { state: 'detached' });
      const list = await api<{ custom: unknown[] }>(app.url, session, 'GET', '/api/fonts');
      expect(list.custom).toEqual([]);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
