// Align and distribute in Chromium, from the toolbar's menu and the right-click menu; each
// result is checked in the document the server saved and in the pixels the server renders.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  type Pixels,
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

interface SavedLayer {
  name: string;
  x: number;
  y: number;
  visible: boolean;
  locked: boolean;
}

const STEP = 120_000;
const RED = [0xef, 0x44, 0x44];
const GREEN = [0x22, 0xc5, 0x5e];
const BLUE = [0x3b, 0x82, 0xf6];
const WHITE = [0xff, 0xff, 0xff];
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

async function save() {
  await page.click('[data-testid="save"]');
  await page.waitForSelector('.save-status.is-saved');
}

/** The layers as the server stores them, by name. */
async function saved(): Promise<Record<string, SavedLayer>> {
  const t = await api<{ jsonData: { layers: SavedLayer[] } }>(app.url, session, 'GET', `/api/templates/${templateId}`);
  return Object.fromEntries(t.jsonData.layers.map((l) => [l.name, l]));
}

/** The saved template rendered by the server. */
async function render(): Promise<Pixels> {
  const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', { templateId, format: 'png' });
  return decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
}

function colourAt(p: Pixels, x: number, y: number): number[] {
  const i = (y * p.width + x) * 4;
  return [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
}

function expectColour(p: Pixels, x: number, y: number, rgb: number[]) {
  const got = colourAt(p, x, y);
  for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - rgb[c]!), `(${x}, ${y}) is ${got}`).toBeLessThanOrEqual(3);
}

async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const v = await page.evaluate(() =>
    (
      window as unknown as { __layercast: { viewport(): { zoom: number; panX: number; panY: number } } }
    ).__layercast.viewport(),
  );
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

async function menuItem(name: string) {
  await page.getByRole('menuitem', { name, exact: true }).click();
}

describe('align and distribute', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const rect = (name: string, x: number, y: number, width: number, height: number, fill: string) => ({
      type: 'rect',
      name,
      x,
      y,
      width,
      height,
      fill,
    });
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Arrange',
      jsonData: {
        version: 2,
        canvas: { width: 1200, height: 630, background: '#ffffff' },
        layers: [
          rect('a', 100, 100, 100, 80, '#ef4444'),
          rect('b', 300, 250, 200, 60, '#22c55e'),
          rect('c', 800, 400, 50, 120, '#3b82f6'),
        ],
      },
    });
    templateId = template.id;
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
    'aligns the selection to its left edge from the toolbar',
    async () => {
      await page.keyboard.press('Control+a');
      await page.click('[data-testid="align-menu"]');
      await page.screenshot({ path: screenshotPath('align-menu.png') });
      await menuItem('Align left');
      await save();
      const layers = await saved();
      expect([layers.a!.x, layers.b!.x, layers.c!.x]).toEqual([100, 100, 100]);
      expect([layers.a!.y, layers.b!.y, layers.c!.y]).toEqual([100, 250, 400]);
      const img = await render();
      expectColour(img, 105, 140, RED);
      expectColour(img, 105, 280, GREEN);
      expectColour(img, 105, 460, BLUE);
      // Where b and c were is background now.
      expectColour(img, 400, 280, WHITE);
      expectColour(img, 825, 460, WHITE);
    },
    STEP,
  );

  it(
    'distributes three layers with equal gaps, as one undo step',
    async () => {
      await page.keyboard.press('Control+z');
      await page.click('[data-testid="align-menu"]');
      await menuItem('Distribute horizontally');
      await save();
      const layers = await saved();
      // 100..850 holds 350 px of boxes: two gaps of 200, so b starts at 400.
      expect([layers.a!.x, layers.b!.x, layers.c!.x]).toEqual([100, 400, 800]);
      const img = await render();
      expectColour(img, 405, 280, GREEN);
      expectColour(img, 595, 280, GREEN);
      expectColour(img, 350, 280, WHITE);
      await page.keyboard.press('Control+z');
      const back = await page.evaluate(() =>
        (window as unknown as { __layercast: { doc: { layers: SavedLayer[] } } }).__layercast.doc.layers.map(
          (l) => l.x,
        ),
      );
      expect(back).toEqual([100, 300, 800]);
    },
    STEP,
  );

  it(
    'centres one layer on the canvas, locks and hides it from the right-click menu',
    async () => {
      await page.keyboard.press('Escape');
      const c = await screen(825, 460);
      await page.mouse.click(c.x, c.y, { button: 'right' });
      await page.waitForSelector('[data-testid="context-menu"]');
      await page.screenshot({ path: screenshotPath('context-menu.png') });
      await menuItem('Align centre to canvas');
      const moved = await screen(600, 460);
      await page.mouse.click(moved.x, moved.y, { button: 'right' });
      await menuItem('Align middle to canvas');
      await save();
      let layers = await saved();
      expect([layers.c!.x, layers.c!.y]).toEqual([575, 255]);
      let img = await render();
      expectColour(img, 600, 315, BLUE);
      expectColour(img, 825, 460, WHITE);

      const centre = await screen(600, 315);
      await page.mouse.click(centre.x, centre.y, { button: 'right' });
      await menuItem('Send to back');
      await page.mouse.click(centre.x, centre.y, { button: 'right' });
      await menuItem('Lock');
      // Hidden layers are not on the canvas: the layers panel has the same menu.
      await page.click('[data-testid="layer-row-c"] .layer-name', { button: 'right' });
      await menuItem('Hide');
      await save();
      layers = await saved();
      expect(Object.keys(layers)).toEqual(['c', 'a', 'b']);
      expect(layers.c).toMatchObject({ locked: true, visible: false });
      img = await render();
      expectColour(img, 600, 315, WHITE);
      // Escape closes the menu without doing anything.
      await page.click('[data-testid="layer-row-c"] .layer-name', { button: 'right' });
      await page.keyboard.press('Escape');
      expect(await page.locator('[data-testid="context-menu"]').count()).toBe(0);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
