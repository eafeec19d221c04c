// End to end in real Chromium against the real server and the built editor: a new user
// signs up, designs a card, saves it, makes it public and gets it back from the API.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type RunningLayercast,
  decodeImage,
  launchChromium,
  screenshotPath,
  startLayercast,
  watchErrors,
  designerReady,
} from './harness';

interface EditorHook {
  doc: { canvas: { width: number; height: number }; layers: Record<string, unknown>[] };
  ready: boolean;
  viewport(): { zoom: number; panX: number; panY: number };
}

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let errors: string[];
let templateId = '';

async function hook(): Promise<EditorHook> {
  await designerReady(page, 30_000);
  return page.evaluate(() => {
    const h = (window as unknown as { __layercast: EditorHook }).__layercast;
    return { doc: h.doc, ready: h.ready, viewport: h.viewport() } as unknown as EditorHook;
  });
}

async function layer(name: string): Promise<Record<string, unknown>> {
  const { doc } = await hook();
  const found = doc.layers.find((l) => l.name === name);
  if (!found) throw new Error(`no layer ${name}; layers: ${doc.layers.map((l) => l.name).join(', ')}`);
  return found;
}

/** Screen position of a canvas point. */
async function toScreen(x: number, y: number): Promise<{ x: number; y: number }> {
  const box = await page.locator('[data-testid="stage"]').boundingBox();
  const v = (await hook()).viewport as unknown as { zoom: number; panX: number; panY: number };
  if (!box) throw new Error('no stage');
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

async function zoom(): Promise<number> {
  return ((await hook()).viewport as unknown as { zoom: number }).zoom;
}

async function blurField() {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

/** Pixels within `tol` of the colour, as a share of the image. */
function shareOfColour(img: { data: Buffer }, [r, g, b]: number[], tol = 24): number {
  let n = 0;
  for (let i = 0; i < img.data.length; i += 4) {
    if (
      Math.abs(img.data[i]! - r!) <= tol &&
      Math.abs(img.data[i + 1]! - g!) <= tol &&
      Math.abs(img.data[i + 2]! - b!) <= tol
    )
      n++;
  }
  return n / (img.data.length / 4);
}

describe('the editor, end to end in Chromium', () => {
  beforeAll(async () => {
    app = await startLayercast();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    // Under a loaded machine the first clicks after a dialog opens can wait longer than
    // Playwright's default 30 s.
    page.setDefaultTimeout(90_000);
    errors = watchErrors(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'signs up and lands on an empty gallery',
    async () => {
      await page.goto(`${app.url}/#/signup`);
      await page.fill('#email', `e2e-${Date.now()}@example.com`);
      await page.fill('#password', 'correct horse battery');
      await page.click('button[type=submit]');
      await page.waitForSelector('[data-testid="gallery-empty"]');
    },
    STEP,
  );

  it(
    'creates a template from the Open Graph preset',
    async () => {
      await page.click('[data-testid="new-template"]');
      // Starter thumbnails are drawn by the engine as they come into view: the ones on screen
      // now, the last one once it is scrolled to.
      const starters = page.locator('[data-testid^="starter-"] canvas');
      await expect
        .poll(() => page.locator('[data-testid^="starter-"] canvas[data-drawn="true"]').count())
        .toBeGreaterThan(0);
      await starters.last().scrollIntoViewIfNeeded();
      await expect.poll(() => starters.last().getAttribute('data-drawn')).toBe('true');
      await page.click('[data-testid="preset-og"]');
      await page.fill('#template-name', 'Launch card');
      await page.click('[data-testid="create-template"]');
      await page.waitForURL(/#\/templates\/[0-9a-f-]+$/);
      templateId = page.url().split('/').pop() ?? '';
      const { doc } = await hook();
      expect(doc.canvas).toMatchObject({ width: 1200, height: 630 });
      expect(doc.layers).toEqual([]);
    },
    STEP,
  );

  it(
    'adds a text layer, renames it title and types its text',
    async () => {
      await page.click('[data-testid="add-text"]');
      await page.dblclick('[data-testid="layer-row-text"] .layer-name');
      // A name with a space is refused with the reason, before the server sees it.
      await page.fill('[data-testid="rename-input"]', 'my title');
      await expect(page.locator('.rename .field-error').textContent()).resolves.toMatch(/letters, digits/);
      await page.fill('[data-testid="rename-input"]', 'title');
      await page.press('[data-testid="rename-input"]', 'Enter');
      await page.waitForSelector('[data-testid="layer-row-title"]');
      await page.fill('[data-testid="text-input"]', 'Hello from the editor');
      expect(await layer('title')).toMatchObject({ type: 'text', text: 'Hello from the editor' });
    },
    STEP,
  );

  it(
    'moves the layer and resizes its box with the mouse; the font size stays',
    async () => {
      await blurField();
      const before = await layer('title');
      const z = await zoom();
      const { x, y, width, height, fontSize } = before as {
        x: number;
        y: number;
        width: number;
        height: number;
        fontSize: number;
      };
      const centre = await toScreen(x + width / 2, y + height / 2);
      await page.mouse.move(centre.x, centre.y);
      await page.mouse.down();
      await page.mouse.move(centre.x - 60, centre.y - 40, { steps: 5 });
      await page.mouse.move(centre.x - 130, centre.y - 80, { steps: 10 });
      await page.mouse.up();
      const moved = (await layer('title')) as typeof before & { x: number; y: number };
      // Snapping may pull the box up to 6 screen pixels towards a guide.
      expect(Math.abs(moved.x - x + 130 / z)).toBeLessThanOrEqual(7 / z);
      expect(Math.abs(moved.y - y + 80 / z)).toBeLessThanOrEqual(7 / z);

      // The transformer's right-middle handle sits on the box's right edge.
      const handle = await toScreen(moved.x + width, moved.y + height / 2);
      await page.mouse.move(handle.x, handle.y);
      await page.mouse.down();
      await page.mouse.move(handle.x + 50, handle.y, { steps: 5 });
      await page.mouse.move(handle.x + 120, handle.y, { steps: 5 });
      await page.mouse.up();
      const resized = (await layer('title')) as typeof before & {
        width: number;
        height: number;
        fontSize: number;
        x: number;
        y: number;
      };
      expect(Math.abs(resized.width - width - 120 / z)).toBeLessThanOrEqual(7 / z);
      expect(resized.height).toBeCloseTo(height, 1);
      expect(resized.x).toBeCloseTo(moved.x, 1);
      expect(resized.fontSize).toBe(fontSize);
      // Mouse gestures at a fractional zoom still land on whole pixels.
      expect(z).not.toBe(1);
      for (const v of [moved.x, moved.y, resized.x, resized.y, resized.width, resized.height])
        expect(Number.isInteger(v), String(v)).toBe(true);
    },
    STEP,
  );

  it(
    'changes font size and colour in the inspector, then undoes and redoes',
    async () => {
      await page.fill('[data-testid="font-size"]', '72');
      await page.press('[data-testid="font-size"]', 'Enter');
      await page.fill('[data-testid="text-color"]', '#e11d48');
      await page.press('[data-testid="text-color"]', 'Enter');
      expect(await layer('title')).toMatchObject({ fontSize: 72, color: '#e11d48' });
      await blurField();
      await page.keyboard.press('Control+z');
      expect(await layer('title')).toMatchObject({ fontSize: 72, color: '#111827' });
      await page.keyboard.press('Control+z');
      expect((await layer('title')).fontSize).not.toBe(72);
      await page.keyboard.press('Control+Shift+z');
      await page.keyboard.press('Control+Shift+z');
      expect(await layer('title')).toMatchObject({ fontSize: 72, color: '#e11d48' });
    },
    STEP,
  );

  it(
    'saves, and after a reload finds the design as it was',
    async () => {
      const before = await layer('title');
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      await page.reload();
      const after = await layer('title');
      expect(after).toEqual(before);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'makes it public and renders it from /api/render with a different title',
    async () => {
      const unauthenticated = await fetch(`${app.url}/api/render?templateId=${templateId}`);
      expect(unauthenticated.status).toBe(404);
      await page.locator('.toolbar .toggle', { hasText: 'Public' }).click();
      await expect
        .poll(async () => (await fetch(`${app.url}/api/render?templateId=${templateId}`)).status, { timeout: 10_000 })
        .toBe(200);

      const render = async (text: string) => {
        const layers = encodeURIComponent(JSON.stringify({ title: { text } }));
        const res = await fetch(`${app.url}/api/render?templateId=${templateId}&layers=${layers}`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('image/png');
        return decodeImage(Buffer.from(await res.arrayBuffer()));
      };
      const a = await render('Rendered by the API');
      const b = await render('Another title entirely');
      expect([a.width, a.height]).toEqual([1200, 630]);
      // The title is drawn in the colour chosen in the inspector, and its text changes the pixels.
      expect(shareOfColour(a, [0xe1, 0x1d, 0x48])).toBeGreaterThan(0.002);
      expect(a.data.equals(b.data)).toBe(false);
    },
    STEP,
  );

  it(
    'creates an API key and uses it for POST /api/generate',
    async () => {
      await page.goto(`${app.url}/#/keys`);
      await page.fill('#key-name', 'e2e');
      await page.click('button[type=submit]');
      const secret = (await page.locator('[data-testid="created-key-secret"]').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^lc_/);
      const createdId = (await page.locator('[data-testid="created-key-id"]').textContent())?.trim();
      await page.getByRole('button', { name: 'Done' }).click();
      await page.waitForSelector('[data-testid="keys-table"]');
      // The key id (the kid of signed URLs) stays findable after the dialog closes.
      await expect(page.locator('[data-testid="key-id"]').allTextContents()).resolves.toContain(createdId);
      // A key made here may do everything; the table says so.
      await expect(page.locator('[data-testid="key-scopes"]').allTextContents()).resolves.toContain('everything');

      const res = await fetch(`${app.url}/api/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
        body: JSON.stringify({ templateId, layers: { title: { text: 'From CI' } } }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { success: boolean; imageUrl: string; width: number };
      expect(body).toMatchObject({ success: true, width: 1200 });
      const image = await fetch(body.imageUrl);
      expect(image.headers.get('content-type')).toBe('image/png');
    },
    STEP,
  );

  it(
    'previews trial overrides through the server beside the canvas',
    async () => {
      await page.goto(`${app.url}/#/templates/${templateId}`);
      await hook();
      await page.click('[data-testid="preview-tab"]');
      await page.fill('[data-testid="trial-title"]', 'Trial from the preview panel');
      await expect(page.locator('[data-testid="raw-overrides"]').inputValue()).resolves.toContain(
        'Trial from the preview panel',
      );
      await page.click('[data-testid="render-preview"]');
      await page.waitForSelector('[data-testid="preview-image"]');
      await expect(page.locator('[data-testid="diagnostics"]').textContent()).resolves.toMatch(/title.*72 px/);
      const fullSize = page.locator('[data-testid="preview-full-size"]');
      await expect(fullSize.textContent()).resolves.toContain('1200×630');
      expect(
        (await fetch(new URL((await fullSize.getAttribute('href')) ?? '', app.url))).headers.get('content-type'),
      ).toBe('image/png');
      await expect(page.locator('[data-testid="public-url"]').textContent()).resolves.toContain(
        `/api/render?templateId=${templateId}`,
      );
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'opens a starter design; screenshots of the designer with a selection and of the preview',
    async () => {
      await page.goto(`${app.url}/#/`);
      await page.click('[data-testid="new-template"]');
      await page.click('[data-testid="starter-blog-post"]');
      await page.click('[data-testid="create-template"]');
      await page.waitForURL(/#\/templates\/[0-9a-f-]+$/);
      const title = (await layer('title')) as { x: number; y: number; width: number; height: number };
      const at = await toScreen(title.x + title.width / 2, title.y + title.height / 2);
      await page.mouse.click(at.x, at.y);
      await expect
        .poll(() =>
          page.evaluate(
            () => (window as unknown as { __layercast: { selection(): string[] } }).__layercast.selection().length,
          ),
        )
        .toBe(1);
      await page.screenshot({ path: screenshotPath('designer.png') });
      await page.click('[data-testid="preview-tab"]');
      await page.fill('[data-testid="trial-title"]', 'Rendered by the server with a trial title');
      await page.click('[data-testid="render-preview"]');
      await page.waitForSelector('[data-testid="preview-image"]');
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="preview-image"]') as HTMLImageElement | null)?.complete === true,
      );
      await page.locator('.preview-figure').scrollIntoViewIfNeeded();
      await page.screenshot({ path: screenshotPath('preview.png') });
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'shows the template in the gallery with a server-rendered thumbnail',
    async () => {
      const renders = () =>
        page.evaluate(async () => ((await (await fetch('/api/usage')).json()) as { renders: number }).renders);
      const before = await renders();
      await page.goto(`${app.url}/#/`);
      await page.waitForSelector('[data-testid="gallery"] .thumb img');
      // Every card's thumbnail, not only the first to arrive, before the screenshot.
      await page.waitForFunction(() => {
        const thumbs = document.querySelectorAll('[data-testid="gallery"] .thumb');
        const images = Array.from(document.querySelectorAll<HTMLImageElement>('[data-testid="gallery"] .thumb img'));
        return images.length === thumbs.length && images.every((i) => i.complete && i.naturalWidth > 0);
      });
      // Small, and free: browsing the gallery uses none of the account's renders.
      const widths = await page.$$eval('[data-testid="gallery"] .thumb img', (images) =>
        images.map((i) => (i as HTMLImageElement).naturalWidth),
      );
      for (const w of widths) expect(w).toBeLessThanOrEqual(480);
      expect(await renders()).toBe(before);
      await page.screenshot({ path: screenshotPath('gallery.png') });
    },
    STEP,
  );
});
