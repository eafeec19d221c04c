// Size variants in Chromium: "Add size" from the presets, switching sizes, moving a layer in
// one size only, saving; the saved document, the server's renders of each size against
// what the canvas shows, the layers panel's marks and the preview of every size.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meanChannelDiff } from '../parity/compare';
import {
  type ApiSession,
  type Pixels,
  type RunningLayercast,
  api,
  dataUrlBytes,
  decodeImage,
  launchChromium,
  screenshotPath,
  signupViaApi,
  startLayercast,
  watchErrors,
  writeArtifact,
  designerReady,
  signedInContext,
} from './harness';

const STEP = 120_000;
const RED = [0xdc, 0x26, 0x26];
const NAVY = [0x1e, 0x3a, 0x8a];

interface SavedDoc {
  layers: { name: string; x: number; y: number; width: number }[];
  variants: { name: string; width: number; height: number; layers: Record<string, Record<string, number>> }[];
}

let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

function colourAt(p: Pixels, x: number, y: number): number[] {
  const i = (Math.round(y) * p.width + Math.round(x)) * 4;
  return [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
}

function expectColour(p: Pixels, x: number, y: number, rgb: number[]) {
  const got = colourAt(p, x, y);
  for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - rgb[c]!), `(${x}, ${y}) is ${got}`).toBeLessThanOrEqual(3);
}

async function render(variant?: string): Promise<Pixels> {
  const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
    templateId,
    format: 'png',
    ...(variant ? { variant } : {}),
  });
  return decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
}

async function savedDoc(): Promise<SavedDoc> {
  return (await api<{ jsonData: SavedDoc }>(app.url, session, 'GET', `/api/templates/${templateId}`)).jsonData;
}

type Hook = {
  ready: boolean;
  doc: {
    canvas: { width: number; height: number };
    layers: { name: string; x: number; y: number; width: number; height: number }[];
  };
  viewport(): { zoom: number; panX: number; panY: number };
  exportCanvas(): string | null;
};
const hook = () =>
  page.evaluate(() => {
    const h = (window as unknown as { __layercast: Hook }).__layercast;
    return { doc: h.doc, viewport: h.viewport() };
  });

/** Picks an entry of the toolbar's size menu by the start of its label (after the ● of the current one). */
async function sizeMenu(label: string, screenshot?: string) {
  await page.click('[data-testid="size-menu"]');
  if (screenshot) await page.screenshot({ path: screenshotPath(screenshot) });
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('menuitem', { name: new RegExp(`^(● )?${escaped}`) }).click();
}

async function settle() {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await designerReady(page);
}

/** A point of the canvas (in template pixels) on the screen. */
async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const { viewport: v } = await hook();
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

describe('size variants in the editor', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Variants',
      jsonData: {
        version: 4,
        canvas: { width: 1200, height: 630, background: '#ffffff' },
        layers: [
          { type: 'rect', name: 'bg', x: 0, y: 0, width: 1200, height: 630, fill: '#1e3a8a' },
          { type: 'rect', name: 'badge', x: 100, y: 100, width: 100, height: 100, fill: '#dc2626' },
          {
            type: 'text',
            name: 'title',
            x: 300,
            y: 260,
            width: 600,
            height: 110,
            text: 'One design, many sizes',
            fontSize: 48,
            color: '#ffffff',
          },
        ],
        // A size already there, that sets the title only.
        variants: [
          {
            name: 'banner',
            width: 1500,
            height: 500,
            layers: { bg: { width: 1500, height: 500 }, title: { x: 450, y: 200 } },
          },
        ],
      },
    });
    templateId = template.id;
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
    page = await context.newPage();
    errors = watchErrors(page);
    await page.goto(`${app.url}/#/templates/${templateId}`);
    await settle();
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'marks in the layers panel what a size sets',
    async () => {
      await sizeMenu('banner · 1500×500');
      await settle();
      expect((await hook()).doc.canvas).toEqual(expect.objectContaining({ width: 1500, height: 500 }));
      await expect
        .poll(() => page.getAttribute('[data-testid="overridden-title"]', 'aria-label'))
        .toBe('Set for banner: x, y');
      expect(await page.locator('[data-testid="overridden-badge"]').count()).toBe(0);
      // The inspector names what the size sets, and gives the layer its base values back.
      await page.click('[data-testid="layer-row-title"] .layer-name');
      await expect.poll(() => page.textContent('[data-testid="variant-overrides"]')).toContain('Set for banner: x, y');
      const title = () => hook().then((h) => h.doc.layers.find((l) => l.name === 'title')!);
      expect(await title()).toMatchObject({ x: 450, y: 200 });
      await page.screenshot({ path: screenshotPath('variants-inspector.png') });
      await page.click('[data-testid="use-base-values"]');
      await expect.poll(title).toMatchObject({ x: 300, y: 260 });
      expect(await page.locator('[data-testid="variant-overrides"]').count()).toBe(0);
      expect(await page.locator('[data-testid="overridden-title"]').count()).toBe(0);
      expect(await page.getAttribute('[data-testid="size-menu"]', 'data-variant')).toBe('banner');
      // One undo step brings the size's own position back.
      await page.click('[data-testid="undo"]');
      await expect.poll(title).toMatchObject({ x: 450, y: 200 });
      await page.keyboard.press('Escape');
      await sizeMenu('Base · 1200×630');
      await settle();
      expect(await page.locator('[data-testid^="overridden-"]').count()).toBe(0);
    },
    STEP,
  );

  it(
    'adds a size from the presets, moves a layer in it only, and saves',
    async () => {
      await sizeMenu('Add size: Instagram post · 1080×1080', 'variants-size-menu.png');
      await settle();
      expect(await page.getAttribute('[data-testid="size-menu"]', 'data-variant')).toBe('instagram');
      // The sizes the design has (the base's 1200×630, the new 1080×1080) are not offered again.
      await page.click('[data-testid="size-menu"]');
      const offered = (await page.getByRole('menuitem').allTextContents()).filter((l) => l.startsWith('Add size'));
      expect(offered.length).toBeGreaterThan(2);
      expect(offered.filter((l) => /1200×630|1080×1080/.test(l))).toEqual([]);
      await page.keyboard.press('Escape');
      const before = (await hook()).doc;
      expect(before.canvas).toEqual(expect.objectContaining({ width: 1080, height: 1080 }));
      const badge = before.layers.find((l) => l.name === 'badge')!;
      // Sizes scale by min(1080/1200, 1080/630) = 0.9; the badge keeps to the top-left corner.
      expect(badge).toMatchObject({ x: 90, width: 90, height: 90 });
      const bg = before.layers.find((l) => l.name === 'bg')!;
      expect(bg).toMatchObject({ x: 0, y: 0, width: 1080, height: 1080 });

      // Drag the badge down and to the right.
      const from = await screen(badge.x + 45, badge.y + 45);
      const to = await screen(badge.x + 45 + 400, badge.y + 45 + 500);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 10 });
      await page.mouse.up();
      await settle();
      const moved = (await hook()).doc.layers.find((l) => l.name === 'badge')!;
      expect(moved.x).toBeGreaterThan(400);
      expect(moved.y).toBeGreaterThan(500);

      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      const saved = await savedDoc();
      // The base design is as it was; the new size holds the move.
      expect(saved.layers.find((l) => l.name === 'badge')).toMatchObject({ x: 100, y: 100, width: 100 });
      const instagram = saved.variants.find((v) => v.name === 'instagram')!;
      expect(instagram).toMatchObject({ width: 1080, height: 1080 });
      expect(instagram.layers.badge).toMatchObject({ x: moved.x, y: moved.y, width: 90, height: 90 });
      expect(saved.variants.find((v) => v.name === 'banner')!.layers).toEqual({
        bg: { width: 1500, height: 500 },
        title: { x: 450, y: 200 },
      });
      await expect
        .poll(() => page.getAttribute('[data-testid="overridden-badge"]', 'aria-label'))
        .toMatch(/^Set for instagram: .*x, y/);
      await page.screenshot({ path: screenshotPath('variants-editor.png') });

      // The server's render of the size is what the canvas shows.
      await page.click('[data-testid="zoom-100"]');
      await settle();
      const png = await page.evaluate(() => (window as unknown as { __layercast: Hook }).__layercast.exportCanvas());
      const drawn = await decodeImage(dataUrlBytes(png!));
      const server = await render('instagram');
      if (process.env.VARIANTS_SAVE)
        writeArtifact(process.env.VARIANTS_SAVE, 'editor-instagram.png', dataUrlBytes(png!));
      expect([server.width, server.height]).toEqual([1080, 1080]);
      expect([drawn.width, drawn.height]).toEqual([1080, 1080]);
      expect(meanChannelDiff(drawn, server)).toBeLessThanOrEqual(1);
      expectColour(server, moved.x + 45, moved.y + 45, RED);
      expectColour(server, badge.x + 45, badge.y + 45, NAVY);

      // The base renders as before.
      const base = await render();
      expect([base.width, base.height]).toEqual([1200, 630]);
      expectColour(base, 150, 150, RED);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'renders every size in the preview',
    async () => {
      await page.click('[data-testid="preview-tab"]');
      await page.click('[data-testid="render-preview"]');
      await page.waitForSelector('[data-testid="preview-image"]');
      for (const name of ['banner', 'instagram']) {
        const img = page.locator(`[data-testid="preview-variant-${name}"] img`);
        await img.waitFor();
        await expect
          .poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
          .toBe(name === 'banner' ? 1500 : 1080);
      }
      await page.screenshot({ path: screenshotPath('variants-preview.png') });
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
