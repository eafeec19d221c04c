// The undo history survives a reload of the same template in the same tab, and is dropped
// when someone else saved the template in between.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  type RunningLayercast,
  api,
  launchChromium,
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
let templateId = '';

async function ready() {
  await designerReady(page);
}

const position = () =>
  page.evaluate(() => {
    const l = (window as unknown as { __layercast: { doc: { layers: { x: number; y: number }[] } } }).__layercast.doc
      .layers[0]!;
    return [l.x, l.y];
  });

async function save() {
  await page.click('[data-testid="save"]');
  await page.waitForSelector('.save-status.is-saved');
}

describe('undo history across a reload', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'History',
      jsonData: {
        version: 2,
        canvas: { width: 800, height: 400 },
        layers: [{ type: 'rect', name: 'box', x: 100, y: 100, width: 100, height: 100, fill: '#f97316' }],
      },
    });
    templateId = t.id;
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${app.url}/#/templates/${templateId}`);
    await ready();
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'undoes and redoes steps made before the reload',
    async () => {
      await page.click('[data-testid="layer-row-box"] .layer-name');
      await page.keyboard.press('Shift+ArrowRight');
      // Nudges within 800 ms merge into one step: wait, so this one is a step of its own.
      await page.waitForTimeout(900);
      await page.keyboard.press('Shift+ArrowDown');
      await save();
      expect(await position()).toEqual([110, 110]);
      await page.reload();
      await ready();
      expect(await position()).toEqual([110, 110]);
      await expect(page.locator('[data-testid="undo"]').isEnabled()).resolves.toBe(true);
      await page.keyboard.press('Control+z');
      await expect.poll(position).toEqual([110, 100]);
      await page.keyboard.press('Control+z');
      await expect.poll(position).toEqual([100, 100]);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(position).toEqual([110, 100]);
      // Back where it was saved: nothing unsaved.
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(position).toEqual([110, 110]);
      await expect(page.locator('.save-status').textContent()).resolves.not.toMatch(/Unsaved/);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'starts a fresh history when the template was saved elsewhere in between',
    async () => {
      const current = await api<{ jsonData: unknown }>(app.url, session, 'GET', `/api/templates/${templateId}`);
      await api(app.url, session, 'PUT', `/api/templates/${templateId}`, {
        name: 'Saved elsewhere',
        jsonData: current.jsonData,
      });
      await page.reload();
      await ready();
      await expect(page.locator('[data-testid="undo"]').isEnabled()).resolves.toBe(false);
      // Another tab has its own history: sessionStorage is per tab.
      const other = await page.context().newPage();
      await other.goto(`${app.url}/#/templates/${templateId}`);
      await designerReady(other);
      await expect(other.locator('[data-testid="undo"]').isEnabled()).resolves.toBe(false);
      await other.close();
    },
    STEP,
  );
});
