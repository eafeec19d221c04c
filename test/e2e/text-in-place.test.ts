// Editing text in place: a double-click opens an editor over the layer, the engine lays
// the text out again at every keystroke (the wrapping the server draws), Escape or a
// click elsewhere commits, and the edit is one undo step.
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

interface Hook {
  doc: { layers: { name: string; text?: string }[] };
  scene: { nodes: { name: string; lines?: { text: string }[] }[] };
  viewport(): { zoom: number; panX: number; panY: number };
}

const STEP = 120_000;
const ORIGINAL = 'Double-click to edit';
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

const state = () =>
  page.evaluate(() => {
    const h = (window as unknown as { __layercast: Hook }).__layercast;
    const title = h.doc.layers.find((l) => l.name === 'title');
    const node = h.scene.nodes.find((n) => n.name === 'title');
    return { text: title?.text, lines: node?.lines?.map((l) => l.text) ?? [], viewport: h.viewport() };
  });

async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const { viewport: v } = await state();
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

describe('editing text in place', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'In place',
      jsonData: {
        version: 2,
        canvas: { width: 1000, height: 500, background: '#ffffff' },
        layers: [
          {
            type: 'text',
            name: 'title',
            x: 100,
            y: 100,
            width: 500,
            height: 300,
            text: ORIGINAL,
            fontSize: 48,
            fontWeight: 700,
            color: '#0f172a',
          },
        ],
      },
    });
    templateId = t.id;
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${app.url}/#/templates/${templateId}`);
    await designerReady(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'types over the layer with the engine wrapping as it goes; Escape commits one undo step',
    async () => {
      const at = await screen(200, 140);
      await page.mouse.dblclick(at.x, at.y);
      const editor = page.locator('[data-testid="text-editor"]');
      await editor.waitFor();
      // Over the layer's box, focused, the text selected to type over.
      const box = (await editor.boundingBox())!;
      const topLeft = await screen(100, 100);
      const { viewport } = await state();
      expect(Math.abs(box.x - topLeft.x)).toBeLessThan(1.5);
      expect(Math.abs(box.y - topLeft.y)).toBeLessThan(1.5);
      expect(Math.abs(box.width - 500 * viewport.zoom)).toBeLessThan(1.5);
      await expect(editor.evaluate((el) => el === document.activeElement)).resolves.toBe(true);

      await page.keyboard.type('Typed on the canvas itself, long enough to wrap');
      // The engine has laid it out again: several lines inside the 500 px box.
      const live = await state();
      expect(live.text).toBe('Typed on the canvas itself, long enough to wrap');
      expect(live.lines.length).toBeGreaterThan(1);
      expect(live.lines.join(' ')).toBe('Typed on the canvas itself, long enough to wrap');
      await page.screenshot({ path: screenshotPath('text-in-place.png') });

      await page.keyboard.press('Escape');
      await expect(editor.count()).resolves.toBe(0);
      // One undo step for the whole edit, and one redo.
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await state()).text).toBe(ORIGINAL);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(async () => (await state()).text).toBe('Typed on the canvas itself, long enough to wrap');

      // The server draws the same lines.
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      const render = await api<{ diagnostics: { layers: { title: { lines: number } } } }>(
        app.url,
        session,
        'POST',
        '/api/generate',
        { templateId, format: 'png' },
      );
      expect(render.diagnostics.layers.title.lines).toBe((await state()).lines.length);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'commits on a click elsewhere',
    async () => {
      const at = await screen(200, 140);
      await page.mouse.dblclick(at.x, at.y);
      await page.locator('[data-testid="text-editor"]').waitFor();
      await page.keyboard.type('Short');
      const away = await screen(900, 450);
      await page.mouse.click(away.x, away.y);
      await expect(page.locator('[data-testid="text-editor"]').count()).resolves.toBe(0);
      expect((await state()).text).toBe('Short');
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await state()).text).toBe('Typed on the canvas itself, long enough to wrap');
    },
    STEP,
  );
});
