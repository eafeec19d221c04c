// Icons from the toolbar: the picker searched and an icon chosen, recoloured and restyled in
// the inspector, saved as an image layer whose src is the recoloured SVG, and drawn in that
// colour by the server as by the editor's canvas.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  designerReady,
  signedInContext,
} from './harness';

interface HookLayer {
  id: string;
  name: string;
  type: string;
  src?: string;
}
interface Hook {
  ready: boolean;
  doc: { layers: HookLayer[] };
  exportCanvas(): string | null;
}

const STEP = 120_000;
const ICON_BOX = { x: 352, y: 202, width: 96, height: 96 };
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

const hook = <T>(fn: (h: Hook) => T) => page.evaluate(`(${fn.toString()})(window.__layercast)`) as Promise<T>;
const docLayers = () => hook((h) => h.doc.layers.map((l) => l as unknown as Record<string, unknown>));
const ready = () => designerReady(page);
const svgOf = (src: unknown) => decodeURIComponent(String(src).slice('data:image/svg+xml,'.length));

function meanChannelDiff(a: Pixels, b: Pixels): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

/** Pixels within 24 per channel of `rgb`, inside and outside `box`. */
function countColour(p: Pixels, rgb: [number, number, number], box: typeof ICON_BOX) {
  let inside = 0;
  let outside = 0;
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) {
      const i = (y * p.width + x) * 4;
      const near = rgb.every((c, k) => Math.abs(p.data[i + k]! - c) <= 24);
      if (!near) continue;
      const inBox = x >= box.x && x < box.x + box.width && y >= box.y && y < box.y + box.height;
      if (inBox) inside++;
      else outside++;
    }
  return { inside, outside };
}

async function serverRender(layers?: Record<string, unknown>): Promise<Pixels> {
  const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
    templateId,
    format: 'png',
    ...(layers ? { layers } : {}),
  });
  return decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
}

describe('icons in the editor', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Icons',
      jsonData: { version: 3, canvas: { width: 800, height: 500, background: '#ffffff' }, layers: [] },
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
    'searches the picker, adds a heart, recolours it in the inspector, and the server draws it in that colour',
    async () => {
      // The set is not part of the designer's code: it is fetched when the picker opens.
      const fetched: string[] = [];
      page.on('request', (r) => fetched.push(r.url()));
      expect(fetched.some((u) => u.includes('lucide'))).toBe(false);
      await page.click('[data-testid="add-icon"]');
      const picker = page.locator('[data-testid="icon-picker"][open]');
      await picker.locator('.icon-grid button').first().waitFor();
      expect(fetched.some((u) => /lucide-static-.*\.js/.test(u))).toBe(true);
      // The search field has the focus: typing searches.
      await page.keyboard.type('heart');
      await expect.poll(() => picker.locator('.icon-grid button').first().getAttribute('aria-label')).toBe('heart');
      // Every button in the grid is named by its icon.
      const names = await picker
        .locator('.icon-grid button')
        .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label')));
      expect(names.length).toBeGreaterThan(3);
      expect(names.every((n) => n && /heart/.test(n)) || names.includes('heart')).toBe(true);
      expect(names.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
      await page.screenshot({ path: screenshotPath('icon-picker.png') });
      await picker.getByRole('button', { name: 'heart', exact: true }).click();
      await expect.poll(() => picker.count()).toBe(0);

      await expect.poll(docLayers).toMatchObject([{ type: 'image', name: 'icon', objectFit: 'contain', ...ICON_BOX }]);
      let [layer] = await docLayers();
      let svg = svgOf(layer!.src);
      expect(svg).toContain('data-layercast-icon="heart"');
      expect(svg).toContain('stroke="#111827"');
      expect(svg).toContain('viewBox="0 0 24 24"');
      expect(svg).toContain('stroke-width="2"');
      expect(svg).not.toContain('currentColor');
      // Adding it was one undo step.
      await page.click('[data-testid="undo"]');
      await expect.poll(docLayers).toEqual([]);
      await page.click('[data-testid="redo"]');
      await expect.poll(docLayers).toMatchObject([{ name: 'icon' }]);
      await page.click('[data-testid="layer-row-icon"]');

      // The inspector offers the icon's colour; the brand swatches come with the field.
      await page.fill('[data-testid="icon-colour"]', '#e11d48');
      await page.press('[data-testid="icon-colour"]', 'Enter');
      await expect.poll(async () => svgOf((await docLayers())[0]!.src)).toContain('stroke="#e11d48"');
      await page.keyboard.press('Escape');
      await page.click('[data-testid="zoom-100"]');
      await ready();
      await page.screenshot({ path: screenshotPath('icon-layer.png') });

      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      const saved = await api<{ jsonData: { layers: HookLayer[] } }>(
        app.url,
        session,
        'GET',
        `/api/templates/${templateId}`,
      );
      expect(saved.jsonData.layers).toMatchObject([{ type: 'image', name: 'icon', objectFit: 'contain', ...ICON_BOX }]);
      svg = svgOf(saved.jsonData.layers[0]!.src);
      expect(saved.jsonData.layers[0]!.src!.startsWith('data:image/svg+xml,')).toBe(true);
      expect(svg).toMatch(/^<svg [^>]*data-layercast-icon="heart"/);
      expect(svg).toContain('stroke="#e11d48"');
      expect(svg).not.toContain('#111827');

      // The server draws the heart in that colour, inside the icon's box only.
      const server = await serverRender();
      const red = countColour(server, [0xe1, 0x1d, 0x48], ICON_BOX);
      expect(red.inside).toBeGreaterThan(300);
      expect(red.outside).toBe(0);
      // And the editor's canvas draws the same picture.
      const canvas = await decodeImage(dataUrlBytes((await hook((h) => h.exportCanvas())) ?? ''));
      expect([canvas.width, canvas.height]).toEqual([server.width, server.height]);
      expect(meanChannelDiff(canvas, server)).toBeLessThanOrEqual(1);
      [layer] = await docLayers();
      expect(layer!.src).toBe(saved.jsonData.layers[0]!.src);

      // A render recolours the icon with the image filters' tint (luma × colour): no red is
      // left, the heart is drawn in shades of blue.
      const tinted = await serverRender({ icon: { filters: { tint: { color: '#2563eb' } } } });
      expect(countColour(tinted, [0xe1, 0x1d, 0x48], ICON_BOX).inside).toBe(0);
      let blue = 0;
      for (let i = 0; i < tinted.data.length; i += 4)
        if (tinted.data[i + 2]! > tinted.data[i]! + 40 && tinted.data[i + 2]! > tinted.data[i + 1]! + 20) blue++;
      expect(blue).toBeGreaterThan(300);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'changes the line width and replaces the icon, keeping colour and width; a second icon gets its own name',
    async () => {
      await page.click('[data-testid="layer-row-icon"]');
      await expect(page.locator('[data-testid="icon-fields"]').isVisible()).resolves.toBe(true);
      await page.fill('[data-testid="icon-line-width"]', '3');
      await page.press('[data-testid="icon-line-width"]', 'Enter');
      await expect.poll(async () => svgOf((await docLayers())[0]!.src)).toContain('stroke-width="3"');
      await page.click('[data-testid="replace-icon"]');
      const picker = page.locator('[data-testid="icon-picker"][open]');
      await picker.getByRole('searchbox', { name: 'Search icons' }).fill('star');
      await picker.getByRole('button', { name: 'star', exact: true }).click();
      await expect.poll(async () => svgOf((await docLayers())[0]!.src)).toContain('data-layercast-icon="star"');
      const svg = svgOf((await docLayers())[0]!.src);
      expect(svg).toContain('stroke="#e11d48"');
      expect(svg).toContain('stroke-width="3"');
      await expect(page.locator('[data-testid="icon-line-width"]').inputValue()).resolves.toBe('3');

      await page.click('[data-testid="add-icon"]');
      const adder = page.locator('[data-testid="icon-picker"][open]');
      await adder.getByRole('searchbox', { name: 'Search icons' }).fill('heart');
      await adder.getByRole('searchbox', { name: 'Search icons' }).press('Enter');
      await expect.poll(async () => (await docLayers()).map((l) => l.name)).toEqual(['icon', 'icon_2']);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
