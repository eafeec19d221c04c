// The designer's direct manipulation in Chromium: marquee and shift-click selection,
// keyboard nudging, copy/paste/delete, z-order, snapping to the canvas centre, locking,
// Ctrl+wheel zoom and undo — each checked through the document the editor would save.
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
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

interface Layer {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  locked: boolean;
}

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

const state = () =>
  page.evaluate(() => {
    const h = (
      window as unknown as {
        __layercast: {
          doc: { layers: Layer[] };
          selection(): string[];
          viewport(): { zoom: number; panX: number; panY: number };
        };
      }
    ).__layercast;
    return { layers: h.doc.layers, selection: h.selection(), viewport: h.viewport() };
  });
const names = async () => (await state()).layers.map((l) => l.name);
const selectedNames = async () => {
  const s = await state();
  return s.layers.filter((l) => s.selection.includes(l.id)).map((l) => l.name);
};
const get = async (name: string) => (await state()).layers.find((l) => l.name === name)!;

async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const { viewport: v } = await state();
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

describe('direct manipulation in the designer', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const rect = (name: string, x: number, y: number) => ({
      type: 'rect',
      name,
      x,
      y,
      width: 100,
      height: 80,
      fill: '#6366f1',
    });
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Interactions',
      jsonData: {
        version: 2,
        canvas: { width: 1200, height: 630 },
        layers: [rect('a', 100, 100), rect('b', 300, 100), rect('c', 800, 400)],
      },
    });
    templateId = template.id;
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
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
    'selects by marquee and by shift-click',
    async () => {
      const from = await screen(60, 60);
      const to = await screen(450, 220);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
      expect(await selectedNames()).toEqual(['a', 'b']);
      const c = await screen(850, 440);
      await page.keyboard.down('Shift');
      await page.mouse.click(c.x, c.y);
      await page.keyboard.up('Shift');
      expect(await selectedNames()).toEqual(['a', 'b', 'c']);
      const empty = await screen(600, 550);
      await page.mouse.click(empty.x, empty.y);
      expect(await selectedNames()).toEqual([]);
    },
    STEP,
  );

  it(
    'nudges with the arrow keys (Shift: 10 px), then undoes',
    async () => {
      const a = await screen(150, 140);
      await page.mouse.click(a.x, a.y);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Shift+ArrowDown');
      expect(await get('a')).toMatchObject({ x: 101, y: 110 });
      await page.keyboard.press('Control+z');
      expect(await get('a')).toMatchObject({ x: 100, y: 100 });
    },
    STEP,
  );

  it(
    'copies, pastes with fresh names and an offset, duplicates and deletes',
    async () => {
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      expect(await names()).toEqual(['a', 'b', 'c', 'a_2']);
      expect(await selectedNames()).toEqual(['a_2']);
      expect(await get('a_2')).toMatchObject({ x: 120, y: 120 });
      await page.keyboard.press('Control+d');
      expect(await names()).toEqual(['a', 'b', 'c', 'a_2', 'a_3']);
      await page.keyboard.press('Delete');
      await page.click('[data-testid="layer-row-a_2"] .layer-name');
      await page.keyboard.press('Delete');
      expect(await names()).toEqual(['a', 'b', 'c']);
    },
    STEP,
  );

  it(
    'changes the z-order from the keyboard and the toolbar',
    async () => {
      await page.click('[data-testid="layer-row-a"] .layer-name');
      await page.keyboard.press('Control+]');
      expect(await names()).toEqual(['b', 'a', 'c']);
      await page.getByRole('button', { name: 'Bring to front' }).click();
      expect(await names()).toEqual(['b', 'c', 'a']);
      await page.keyboard.press('Control+Shift+[');
      expect(await names()).toEqual(['a', 'b', 'c']);
    },
    STEP,
  );

  it(
    'snaps a dragged layer onto the canvas centre',
    async () => {
      const c = await get('c');
      const start = await screen(c.x + 50, c.y + 40);
      // Aim 3 canvas px off the centre (600, 315); the snap closes the gap.
      const target = await screen(603, 312);
      await page.mouse.move(start.x, start.y);
      await page.mouse.down();
      await page.mouse.move(target.x, target.y, { steps: 12 });
      await page.mouse.up();
      expect(await get('c')).toMatchObject({ x: 550, y: 275 });
    },
    STEP,
  );

  it(
    'lets clicks through a locked layer and selects it from the panel only',
    async () => {
      await page.getByRole('button', { name: 'Lock b' }).click();
      expect(await get('b')).toMatchObject({ locked: true });
      const b = await screen(350, 140);
      await page.mouse.click(b.x, b.y);
      expect(await selectedNames()).toEqual([]);
      await page.click('[data-testid="layer-row-b"] .layer-name');
      expect(await selectedNames()).toEqual(['b']);
      await page.keyboard.press('ArrowRight');
      expect(await get('b')).toMatchObject({ x: 300 });
    },
    STEP,
  );

  it(
    'uploads an image file dropped on the canvas and places it as an image layer',
    async () => {
      const png = await sharp({ create: { width: 240, height: 120, channels: 4, background: '#10b981' } })
        .png()
        .toBuffer();
      // Drag events carry whole screen pixels: drop at the one nearest to canvas (900, 150).
      const near = await screen(900, 150);
      const at = { x: Math.round(near.x), y: Math.round(near.y) };
      const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
      const { viewport: v } = await state();
      const fell = { x: (at.x - box.x - v.panX) / v.zoom, y: (at.y - box.y - v.panY) / v.zoom };
      await page.evaluate(
        ({ base64, x, y }) => {
          const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
          const dt = new DataTransfer();
          dt.items.add(new File([bytes], 'logo.png', { type: 'image/png' }));
          const stage = document.querySelector('[data-testid="stage"]')!;
          stage.dispatchEvent(
            new DragEvent('dragover', { dataTransfer: dt, clientX: x, clientY: y, bubbles: true, cancelable: true }),
          );
          stage.dispatchEvent(
            new DragEvent('drop', { dataTransfer: dt, clientX: x, clientY: y, bubbles: true, cancelable: true }),
          );
        },
        { base64: png.toString('base64'), x: at.x, y: at.y },
      );
      await expect.poll(names).toContain('image');
      const image = (await get('image')) as Layer & { src?: string };
      // Centred where it fell (within a screen pixel of canvas (900, 150)).
      expect(image).toMatchObject({
        width: 240,
        height: 120,
        x: Math.round(fell.x - 120),
        y: Math.round(fell.y - 60),
      });
      expect(Math.abs(image.x - 780)).toBeLessThanOrEqual(1);
      expect(Math.abs(image.y - 90)).toBeLessThanOrEqual(1);
      expect(image.src).toMatch(/^\/api\/assets\//);
      // The uploaded file is drawn: the editor's scene has a draw box for it.
      await expect
        .poll(() =>
          page.evaluate(() => {
            const h = (window as unknown as { __layercast: { scene: { nodes: { name: string; draw?: unknown }[] } } })
              .__layercast;
            return h.scene.nodes.find((n) => n.name === 'image')?.draw != null;
          }),
        )
        .toBe(true);
    },
    STEP,
  );

  it(
    'on a save that lost a race (412) offers reload or overwrite, and overwrite wins',
    async () => {
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      // Someone else saves the template in between (another tab, or CI pushing it).
      const current = await api<{ jsonData: { layers: unknown[] } }>(
        app.url,
        session,
        'GET',
        `/api/templates/${templateId}`,
      );
      await api(app.url, session, 'PUT', `/api/templates/${templateId}`, {
        name: 'Changed elsewhere',
        jsonData: { ...current.jsonData, layers: current.jsonData.layers.slice(0, 1) },
      });
      await page.click('[data-testid="layer-row-a"] .layer-name');
      await page.keyboard.press('ArrowDown');
      await page.click('[data-testid="save"]');
      await page.waitForSelector('[data-testid="conflict-dialog"][open]');
      await expect(page.locator('[data-testid="conflict-dialog"]').textContent()).resolves.toMatch(
        /changed since you read it/,
      );
      await page.getByRole('button', { name: 'Overwrite with mine' }).click();
      await page.waitForSelector('.save-status.is-saved');
      const saved = await api<{ jsonData: { layers: { name: string }[] } }>(
        app.url,
        session,
        'GET',
        `/api/templates/${templateId}`,
      );
      expect(saved.jsonData.layers.map((l) => l.name)).toEqual(await names());
    },
    STEP,
  );

  it(
    'guards unsaved changes when leaving the designer',
    async () => {
      await page.keyboard.press('ArrowDown');
      let asked = '';
      page.once('dialog', (d) => {
        asked = d.message();
        void d.dismiss();
      });
      await page.getByRole('link', { name: 'Back to templates' }).click();
      expect(asked).toMatch(/unsaved changes/);
      expect(page.url()).toContain(`/templates/${templateId}`);
      await page.keyboard.press('Control+z');
    },
    STEP,
  );

  it(
    'saves design changes made after switching the template public or renaming it (no false conflict)',
    async () => {
      const version = async () =>
        await api<{ version: number; isPublic: boolean; name: string }>(
          app.url,
          session,
          'GET',
          `/api/templates/${templateId}`,
        );
      const before = await version();
      await page.locator('.toolbar .toggle', { hasText: 'Public' }).click();
      await expect.poll(async () => (await version()).isPublic).toBe(!before.isPublic);
      await page.click('[data-testid="layer-row-a"] .layer-name');
      await page.keyboard.press('ArrowRight');
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      expect(await page.locator('[data-testid="conflict-dialog"][open]').count()).toBe(0);
      const after = await version();
      // The public switch and the design save are two versions, both ours.
      expect(after.version).toBe(before.version + 2);
      expect(after.isPublic).toBe(!before.isPublic);
      // Someone else saving in between is still caught: the next save is a conflict.
      await api(app.url, session, 'PUT', `/api/templates/${templateId}`, { name: 'Renamed elsewhere' });
      await page.keyboard.press('ArrowRight');
      await page.click('[data-testid="save"]');
      await page.waitForSelector('[data-testid="conflict-dialog"][open]');
      await page.getByRole('button', { name: 'Overwrite with mine' }).click();
      await page.waitForSelector('.save-status.is-saved');
    },
    STEP,
  );

  it(
    'edits the canvas background as a CSS gradient string, kept as written and drawn as CSS draws it',
    async () => {
      await page.keyboard.press('Escape');
      const background = () =>
        page.evaluate(
          () =>
            (window as unknown as { __layercast: { doc: { canvas: { background: unknown } } } }).__layercast.doc.canvas
              .background,
        );
      await page.getByLabel('Fill type').selectOption('css');
      const field = page.getByLabel('CSS gradient');
      await expect(field.inputValue()).resolves.toMatch(/^linear-gradient\(/);
      await field.fill('linear-gradient(to top right, #000000, #ffffff)');
      await field.press('Enter');
      await expect.poll(background).toBe('linear-gradient(to top right, #000000, #ffffff)');
      // On the 1200×630 canvas "to top right" puts black exactly in the bottom-left corner
      // and white in the top-right one (not a 45° band).
      const url = await page.evaluate(() =>
        (window as unknown as { __layercast: { exportCanvas(): string } }).__layercast.exportCanvas(),
      );
      const { data, info } = await sharp(Buffer.from(url.split(',')[1]!, 'base64'))
        .raw()
        .toBuffer({ resolveWithObject: true });
      const red = (x: number, y: number) => data[(y * info.width + x) * info.channels] ?? -1;
      expect(red(2, info.height - 3)).toBeLessThan(12);
      expect(red(info.width - 3, 2)).toBeGreaterThan(243);
      // Anything that is not a gradient is refused where it was typed, and changes nothing.
      await field.fill('linear-gradient(sideways, red)');
      await field.press('Enter');
      await expect(page.getByRole('alert').filter({ hasText: 'Use a CSS gradient' }).isVisible()).resolves.toBe(true);
      expect(await background()).toBe('linear-gradient(to top right, #000000, #ffffff)');
      // Undo works on the document, not in the text field: leave the field first.
      await field.fill('linear-gradient(to top right, #000000, #ffffff)');
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('Control+z');
      await page.keyboard.press('Control+z');
      await expect.poll(background).toBe('#ffffff');
    },
    STEP,
  );

  it(
    'zooms with Ctrl+wheel around the pointer and back to fit',
    async () => {
      const before = (await state()).viewport.zoom;
      const p = await screen(600, 315);
      await page.mouse.move(p.x, p.y);
      await page.keyboard.down('Control');
      await page.mouse.wheel(0, -100);
      await page.keyboard.up('Control');
      await expect.poll(async () => (await state()).viewport.zoom).toBeGreaterThan(before * 1.2);
      // The point under the pointer stays put.
      const after = await screen(600, 315);
      expect(Math.abs(after.x - p.x)).toBeLessThan(2);
      await page.click('[data-testid="zoom-fit"]');
      await expect.poll(async () => (await state()).viewport.zoom).toBeCloseTo(before, 5);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
