// Navigating the stage in Chromium as in Figma: the wheel pans, Ctrl+wheel and a trackpad
// pinch (Ctrl+wheel with small deltas) zoom around the pointer, two fingers on a touch
// screen pinch-zoom; the rulers mark the pointer and the corner shows its canvas position.
import type { Browser, Page } from 'playwright-core';
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

interface Viewport {
  zoom: number;
  panX: number;
  panY: number;
}

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let errors: string[];

const viewport = () =>
  page.evaluate(() => (window as unknown as { __layercast: { viewport(): Viewport } }).__layercast.viewport());

async function stageBox() {
  const box = await page.locator('[data-testid="stage"]').boundingBox();
  if (!box) throw new Error('no stage');
  return box;
}

/** Screen position of a canvas point. */
async function screen(x: number, y: number) {
  const box = await stageBox();
  const v = await viewport();
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

/** Canvas point under a screen position. */
async function canvasAt(sx: number, sy: number) {
  const box = await stageBox();
  const v = await viewport();
  return { x: (sx - box.x - v.panX) / v.zoom, y: (sy - box.y - v.panY) / v.zoom };
}

describe('navigating the canvas', () => {
  beforeAll(async () => {
    app = await startLayercast();
    const session = await signupViaApi(app.url);
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Navigation',
      jsonData: {
        version: 2,
        canvas: { width: 1200, height: 630, background: '#f8fafc' },
        layers: [{ type: 'rect', name: 'box', x: 500, y: 250, width: 200, height: 130, fill: '#6366f1' }],
      },
    });
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session, {
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 1,
      hasTouch: true,
    });
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${app.url}/#/templates/${template.id}`);
    await designerReady(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'pans with the wheel, sideways with Shift, without zooming',
    async () => {
      const before = await viewport();
      const p = await screen(600, 315);
      await page.mouse.move(p.x, p.y);
      await page.mouse.wheel(0, 120);
      await expect.poll(async () => (await viewport()).panY).toBeCloseTo(before.panY - 120, 5);
      await page.mouse.wheel(80, 0);
      await expect.poll(async () => (await viewport()).panX).toBeCloseTo(before.panX - 80, 5);
      await page.keyboard.down('Shift');
      await page.mouse.wheel(0, 50);
      await page.keyboard.up('Shift');
      await expect.poll(async () => (await viewport()).panX).toBeCloseTo(before.panX - 130, 5);
      expect((await viewport()).zoom).toBe(before.zoom);
    },
    STEP,
  );

  it(
    'zooms with Ctrl+wheel and a trackpad pinch, keeping the point under the pointer',
    async () => {
      const before = await viewport();
      const at = await screen(600, 315);
      const p = { x: Math.round(at.x), y: Math.round(at.y) };
      await page.mouse.move(p.x, p.y);
      const target = await canvasAt(p.x, p.y);
      await page.keyboard.down('Control');
      // One notch of a mouse wheel: a quarter more.
      await page.mouse.wheel(0, -100);
      await expect.poll(async () => (await viewport()).zoom).toBeCloseTo(before.zoom * Math.exp(0.22), 4);
      // A pinch: many small steps.
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, -4);
      await page.keyboard.up('Control');
      await expect.poll(async () => (await viewport()).zoom).toBeCloseTo(before.zoom * Math.exp(0.22 + 0.4), 4);
      // Within a screen pixel (the stage's offset in the page may be fractional).
      const under = await canvasAt(p.x, p.y);
      const { zoom } = await viewport();
      expect(Math.abs(under.x - target.x) * zoom).toBeLessThan(1);
      expect(Math.abs(under.y - target.y) * zoom).toBeLessThan(1);
      await page.click('[data-testid="zoom-fit"]');
    },
    STEP,
  );

  it(
    'pinch-zooms with two fingers on a touch screen',
    async () => {
      const before = await viewport();
      // Centred on the layer (canvas 600, 315).
      const centre = await screen(600, 315);
      const cx = Math.round(centre.x);
      const cy = Math.round(centre.y);
      const cdp = await page.context().newCDPSession(page);
      const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', spread: number) =>
        cdp.send('Input.dispatchTouchEvent', {
          type,
          touchPoints:
            type === 'touchEnd'
              ? []
              : [
                  { x: cx - spread, y: cy, id: 1 },
                  { x: cx + spread, y: cy, id: 2 },
                ],
        });
      await touch('touchStart', 50);
      for (const spread of [60, 75, 100]) await touch('touchMove', spread);
      await touch('touchEnd', 0);
      // The fingers went from 100 to 200 px apart: twice the zoom, about their midpoint.
      await expect.poll(async () => (await viewport()).zoom).toBeCloseTo(before.zoom * 2, 3);
      // The fingers landed on the layer: a pinch neither moves nor selects it.
      const box = await page.evaluate(
        () =>
          (window as unknown as { __layercast: { doc: { layers: { x: number; y: number }[] } } }).__layercast.doc
            .layers[0],
      );
      expect(box).toMatchObject({ x: 500, y: 250 });
      await page.click('[data-testid="zoom-fit"]');
    },
    STEP,
  );

  it(
    'marks the pointer on the rulers and shows its canvas position',
    async () => {
      const p = await screen(600, 315);
      await page.mouse.move(p.x, p.y);
      await expect(page.locator('[data-testid="cursor-position"]').textContent()).resolves.toBe('X 600 · Y 315');
      const box = await stageBox();
      // The marker is the pink column of the top ruler at the pointer's x (and row of the left one).
      const marker = await page.evaluate(
        ({ x, y }) => {
          // Pink within a pixel of (px, py): the rulers may sit at a fractional offset.
          const pink = (c: HTMLCanvasElement, px: number, py: number) => {
            const d = c.getContext('2d')!.getImageData(px - 1, py - 1, 3, 3).data;
            for (let i = 0; i < d.length; i += 4) if (d[i]! > 200 && d[i + 1]! < 120 && d[i + 2]! > 120) return true;
            return false;
          };
          const top = document.querySelector<HTMLCanvasElement>('[data-testid="ruler-x"]')!;
          const left = document.querySelector<HTMLCanvasElement>('[data-testid="ruler-y"]')!;
          const tb = top.getBoundingClientRect();
          const lb = left.getBoundingClientRect();
          return {
            top: pink(top, Math.round(x - tb.left), 10),
            topElsewhere: pink(top, Math.round(x - tb.left) + 30, 10),
            left: pink(left, 10, Math.round(y - lb.top)),
          };
        },
        { x: p.x, y: p.y },
      );
      expect(marker).toEqual({ top: true, topElsewhere: false, left: true });
      // The stage starts right of and below the rulers.
      const ruler = await page.locator('[data-testid="ruler-x"]').boundingBox();
      expect(Math.round(box.y)).toBe(Math.round((ruler?.y ?? 0) + (ruler?.height ?? 0)));
      await page.click('[data-testid="layer-row-box"] .layer-name');
      await page.mouse.move(p.x, p.y);
      await page.screenshot({ path: screenshotPath('rulers.png') });
      await page.mouse.move(5, 400);
      expect(await page.locator('[data-testid="cursor-position"]').count()).toBe(0);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
