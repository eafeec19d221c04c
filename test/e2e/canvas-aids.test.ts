// Canvas aids in Chromium: distance labels while dragging (the gaps from the moving layer
// to its neighbours and the canvas edges, while the mouse is down only) and scrollbars that
// appear when the canvas reaches past the view and pan it when dragged.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningLayercast,
  api,
  launchChromium,
  screenshotPath,
  signupViaApi,
  startLayercast,
  designerReady,
  signedInContext,
} from './harness';

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;

interface Measure {
  axis: 'x' | 'y';
  from: number;
  to: number;
  length: number;
}

const hook = () =>
  page.evaluate(() => {
    const h = (
      window as unknown as {
        __layercast: {
          doc: { layers: { name: string; x: number; y: number }[] };
          measures(): Measure[];
          viewport(): { zoom: number; panX: number; panY: number };
        };
      }
    ).__layercast;
    return { layers: h.doc.layers, measures: h.measures(), viewport: h.viewport() };
  });

async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const { viewport: v } = await hook();
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

describe('distances while dragging', () => {
  beforeAll(async () => {
    app = await startLayercast();
    const session = await signupViaApi(app.url);
    const rect = (name: string, x: number, y: number) => ({
      type: 'rect',
      name,
      x,
      y,
      width: 100,
      height: 80,
      fill: name === 'a' ? '#6366f1' : '#f59e0b',
    });
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Distances',
      jsonData: {
        version: 3,
        canvas: { width: 1200, height: 630, background: '#ffffff' },
        layers: [rect('a', 100, 300), rect('b', 600, 260)],
      },
    });
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
    page = await context.newPage();
    await page.goto(`${app.url}/#/templates/${template.id}`);
    await designerReady(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'labels the gaps to the neighbour and the canvas edges during the drag only',
    async () => {
      const from = await screen(150, 340);
      const to = await screen(250, 340); // a moves 100 px right: x 200..300
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 10 });
      const during = (await hook()).measures;
      expect(during).toEqual([
        expect.objectContaining({ axis: 'x', from: 0, to: 200, length: 200 }),
        expect.objectContaining({ axis: 'x', from: 300, to: 600, length: 300 }),
        expect.objectContaining({ axis: 'y', from: 0, to: 300, length: 300 }),
        expect.objectContaining({ axis: 'y', from: 380, to: 630, length: 250 }),
      ]);
      await page.screenshot({ path: screenshotPath('distance-labels.png') });
      await page.mouse.up();
      const after = await hook();
      expect(after.measures).toEqual([]);
      expect(after.layers.find((l) => l.name === 'a')).toMatchObject({ x: 200, y: 300 });
    },
    STEP,
  );

  it(
    'shows scrollbars when zoomed in, and dragging the thumb pans the view',
    async () => {
      expect(await page.locator('[data-testid="scrollbar-x"]').count()).toBe(0);
      for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
      const bar = page.locator('[data-testid="scrollbar-x"] .scrollbar-thumb');
      await bar.waitFor();
      const before = (await hook()).viewport;
      expect(before.zoom).toBeGreaterThan(1);
      const thumb = (await bar.boundingBox())!;
      const stage = (await page.locator('[data-testid="stage"]').boundingBox())!;
      // The thumb is shorter than the track: the view shows part of the canvas.
      expect(thumb.width).toBeLessThan(stage.width - 20);
      await page.mouse.move(thumb.x + thumb.width / 2, thumb.y + thumb.height / 2);
      await page.mouse.down();
      await page.mouse.move(thumb.x + thumb.width / 2 + 60, thumb.y + thumb.height / 2, { steps: 6 });
      await page.mouse.up();
      const after = (await hook()).viewport;
      // Thumb right → view right → the canvas moves left on screen, more than the thumb did.
      expect(after.panX).toBeLessThan(before.panX - 60);
      expect(after.panY).toBe(before.panY);
      expect(after.zoom).toBe(before.zoom);
      const moved = (await bar.boundingBox())!;
      expect(moved.x).toBeCloseTo(thumb.x + 60, 0);
      await page.screenshot({ path: screenshotPath('scrollbars.png') });
    },
    STEP,
  );
});
