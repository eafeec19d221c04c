// Crop mode and image filters in the editor: a double-click on an image enters crop mode,
// a handle resizes the crop, dragging moves the image under it, Enter commits one undo
// step, Escape cancels. The saved document holds the crop fractions and the server's render
// equals the editor's canvas; grayscale set in the inspector turns both grey.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  type Pixels,
  ROOT,
  type RunningLayercast,
  api,
  dataUrlBytes,
  decodeImage,
  launchChromium,
  screenshotPath,
  signupViaApi,
  startLayercast,
  watchErrors,
  designerReady,
  signedInContext,
} from './harness';

interface HookLayer {
  id: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  crop?: { x: number; y: number; width: number; height: number };
  filters?: Record<string, unknown>;
}
interface Hook {
  ready: boolean;
  doc: { layers: HookLayer[] };
  viewport(): { zoom: number; panX: number; panY: number };
  exportCanvas(): string | null;
}

const STEP = 120_000;
const PHOTO = `data:image/png;base64,${readFileSync(join(ROOT, 'engine/test/fixtures/assets/avatar-jane.png')).toString('base64')}`;
/** The photo layer's box before cropping, in canvas pixels. */
const BOX = { x: 100, y: 80, width: 320, height: 320 };

let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

const hook = <T>(fn: (h: Hook) => T) => page.evaluate(`(${fn.toString()})(window.__layercast)`) as Promise<T>;
const photo = () => hook((h) => h.doc.layers.find((l) => l.name === 'photo')!);
const ready = () => designerReady(page);

async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const v = await hook((h) => h.viewport());
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

async function drag(from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 8 });
  await page.mouse.up();
}

async function canvasPixels(): Promise<Pixels> {
  await ready();
  return decodeImage(dataUrlBytes((await hook((h) => h.exportCanvas())) ?? ''));
}

async function serverPixels(): Promise<Pixels> {
  await page.click('[data-testid="save"]');
  await page.waitForSelector('.save-status.is-saved');
  const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', { templateId, format: 'png' });
  return decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
}

function meanChannelDiff(a: Pixels, b: Pixels): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/** The largest difference between a pixel's channels inside a box: 0 for grey. */
function colourfulness(p: Pixels, box: { x: number; y: number; width: number; height: number }): number {
  let most = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * p.width + x) * 4;
      const [r, g, b] = [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
      most = Math.max(most, Math.abs(r - g), Math.abs(g - b), Math.abs(r - b));
    }
  }
  return most;
}

describe('image crop mode and filters in the editor', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Crop',
      jsonData: {
        version: 4,
        canvas: { width: 640, height: 480, background: '#ffffff' },
        layers: [{ type: 'image', name: 'photo', ...BOX, src: PHOTO, objectFit: 'fill' }],
      },
    });
    templateId = t.id;
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${app.url}/#/templates/${templateId}`);
    await ready();
    await page.click('[data-testid="zoom-100"]');
    await ready();
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'Escape leaves crop mode without changing the image, and other keys wait',
    async () => {
      const before = await photo();
      const centre = await screen(BOX.x + BOX.width / 2, BOX.y + BOX.height / 2);
      await page.mouse.dblclick(centre.x, centre.y);
      const corner = await screen(BOX.x + BOX.width, BOX.y + BOX.height);
      await drag(corner, { x: corner.x - 100, y: corner.y - 100 });
      // Crop mode is modal: an arrow key does not move the layer meanwhile.
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Escape');
      expect(await photo()).toEqual(before);
    },
    STEP,
  );

  it(
    'crops by a handle and a drag of the image, commits with Enter as one undo step, and the server draws the same',
    async () => {
      const centre = await screen(BOX.x + BOX.width / 2, BOX.y + BOX.height / 2);
      await page.mouse.dblclick(centre.x, centre.y);
      // The bottom-right handle in by 120 px: a 200×200 crop of the top left of the image.
      const corner = await screen(BOX.x + BOX.width, BOX.y + BOX.height);
      await drag(corner, { x: corner.x - 120, y: corner.y - 120 });
      // The image dragged up and left by (60, 40) under the crop: the crop moves right and down.
      const inCrop = await screen(BOX.x + 100, BOX.y + 100);
      await drag(inCrop, { x: inCrop.x - 60, y: inCrop.y - 40 });
      await page.screenshot({ path: screenshotPath('crop-mode.png') });
      await page.keyboard.press('Enter');

      const cropped = await photo();
      expect(cropped).toMatchObject({ x: BOX.x, y: BOX.y, width: 200, height: 200 });
      expect(cropped.crop!.x).toBeCloseTo(60 / 320, 2);
      expect(cropped.crop!.y).toBeCloseTo(40 / 320, 2);
      expect(cropped.crop!.width).toBeCloseTo(200 / 320, 2);
      expect(cropped.crop!.height).toBeCloseTo(200 / 320, 2);

      // One undo step undoes the whole crop, redo brings it back.
      await page.click('[data-testid="undo"]');
      await expect.poll(async () => (await photo()).crop).toBeUndefined();
      expect(await photo()).toMatchObject(BOX);
      await page.click('[data-testid="redo"]');
      await expect.poll(async () => (await photo()).crop).toEqual(cropped.crop);

      const canvas = await canvasPixels();
      await page.screenshot({ path: screenshotPath('crop-committed.png') });
      const server = await serverPixels();
      const saved = await api<{ jsonData: { layers: HookLayer[] } }>(
        app.url,
        session,
        'GET',
        `/api/templates/${templateId}`,
      );
      expect(saved.jsonData.layers[0]!.crop).toEqual(cropped.crop);
      expect([server.width, server.height]).toEqual([canvas.width, canvas.height]);
      expect(meanChannelDiff(canvas, server)).toBeLessThan(1);
      // The crop shows the photo's face: the cropped area is colourful, not empty.
      expect(colourfulness(server, { x: BOX.x, y: BOX.y, width: 200, height: 200 })).toBeGreaterThan(60);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'grayscale set in the inspector turns the canvas and the server render grey',
    async () => {
      const inner = { x: BOX.x + 4, y: BOX.y + 4, width: 192, height: 192 };
      expect(colourfulness(await canvasPixels(), inner)).toBeGreaterThan(60);
      const centre = await screen(BOX.x + 100, BOX.y + 100);
      await page.mouse.click(centre.x, centre.y);
      await page.fill('[data-testid="filter-grayscale"]', '1');
      await expect.poll(async () => (await photo()).filters).toEqual({ grayscale: 1 });
      const canvas = await canvasPixels();
      expect(colourfulness(canvas, inner)).toBeLessThanOrEqual(2);
      await page.screenshot({ path: screenshotPath('crop-grayscale.png') });
      const server = await serverPixels();
      expect(colourfulness(server, inner)).toBeLessThanOrEqual(2);
      expect(meanChannelDiff(canvas, server)).toBeLessThan(1);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'the Crop button enters crop mode and a click away commits; the ellipse mask from the inspector matches the server',
    async () => {
      const before = await photo();
      await page.click('[data-testid="crop-button"]');
      // The bottom handle up by 50 px: the crop loses the bottom quarter of what showed.
      const bottom = await screen(before.x + before.width / 2, before.y + before.height);
      await drag(bottom, { x: bottom.x, y: bottom.y - 50 });
      await page.screenshot({ path: screenshotPath('crop-mode-grey.png') });
      const away = await screen(560, 440);
      await page.mouse.click(away.x, away.y);
      await expect.poll(async () => (await photo()).height).toBe(before.height - 50);
      const after = await photo();
      expect(after.crop!.height).toBeCloseTo((before.crop!.height * 150) / 200, 3);
      expect(after.crop!.y).toBeCloseTo(before.crop!.y, 5);

      const centre = await screen(after.x + after.width / 2, after.y + after.height / 2);
      await page.mouse.click(centre.x, centre.y);
      await page.getByRole('radio', { name: 'Ellipse mask' }).click();
      await expect.poll(async () => (await photo()) as unknown as { mask: string }).toMatchObject({ mask: 'ellipse' });
      const canvas = await canvasPixels();
      // Outside the ellipse, at the box's corner, the white canvas shows.
      const corner = ((after.y + 2) * canvas.width + after.x + 2) * 4;
      expect([...canvas.data.subarray(corner, corner + 3)]).toEqual([255, 255, 255]);
      await page.screenshot({ path: screenshotPath('crop-ellipse.png') });
      const server = await serverPixels();
      expect(meanChannelDiff(canvas, server)).toBeLessThan(1);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
