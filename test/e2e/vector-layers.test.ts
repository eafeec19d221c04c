// New layer kinds from the toolbar: a QR code created, its data edited in the inspector,
// saved, and read back with a QR decoder from both the editor's canvas and the server's
// render; lines, polygons and stars created and drawn by the same engine.
import jsQR from 'jsqr';
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
  data?: string;
}
interface Hook {
  ready: boolean;
  doc: { layers: HookLayer[] };
  scene: { nodes: { name: string; type: string; symbol?: unknown }[] };
  exportCanvas(): string | null;
}

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

const hook = <T>(fn: (h: Hook) => T) => page.evaluate(`(${fn.toString()})(window.__layercast)`) as Promise<T>;
const layers = () => hook((h) => h.doc.layers.map((l) => ({ name: l.name, type: l.type, data: l.data })));
const ready = () => designerReady(page);

function decode(p: Pixels): string | null {
  return jsQR(new Uint8ClampedArray(p.data.buffer, p.data.byteOffset, p.data.length), p.width, p.height)?.data ?? null;
}

function meanChannelDiff(a: Pixels, b: Pixels): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

describe('line, polygon, star and QR layers in the editor', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Vector kinds',
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
    'creates a QR code from the toolbar, edits its data in the inspector, and both sides draw a code that scans',
    async () => {
      await page.click('[data-testid="add-qr"]');
      await expect.poll(layers).toEqual([{ name: 'qr', type: 'qr', data: 'https://example.com' }]);
      await expect(page.locator('[data-testid="layer-inspector"] .inspector-title').textContent()).resolves.toBe(
        'QR code · qr',
      );
      const url = 'https://layercast.dev/launch?ref=e2e';
      await page.fill('[data-testid="qr-data-input"]', url);
      await expect.poll(layers).toEqual([{ name: 'qr', type: 'qr', data: url }]);
      // One undo step for the whole edit, however many keystrokes it took.
      await page.click('[data-testid="undo"]');
      await expect.poll(layers).toEqual([{ name: 'qr', type: 'qr', data: 'https://example.com' }]);
      await page.click('[data-testid="redo"]');
      await expect.poll(layers).toEqual([{ name: 'qr', type: 'qr', data: url }]);
      await ready();

      // The editor's own canvas scans.
      await page.click('[data-testid="zoom-100"]');
      await ready();
      const canvas = await decodeImage(dataUrlBytes((await hook((h) => h.exportCanvas())) ?? ''));
      expect(decode(canvas)).toBe(url);
      await page.screenshot({ path: screenshotPath('qr-layer.png') });

      // Saved, and the server's render of the saved template scans to the same data.
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      const saved = await api<{ jsonData: { layers: HookLayer[] } }>(
        app.url,
        session,
        'GET',
        `/api/templates/${templateId}`,
      );
      expect(saved.jsonData.layers).toMatchObject([{ type: 'qr', name: 'qr', data: url, errorCorrection: 'M' }]);
      const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
        templateId,
        format: 'png',
      });
      const server = await decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
      expect(decode(server)).toBe(url);
      expect(meanChannelDiff(canvas, server)).toBeLessThan(1);

      // An override of the data renders a code of the new data.
      const overridden = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
        templateId,
        layers: { qr: { data: 'https://layercast.dev/other' } },
        format: 'png',
      });
      const other = await decodeImage(Buffer.from(await (await fetch(overridden.imageUrl)).arrayBuffer()));
      expect(decode(other)).toBe('https://layercast.dev/other');
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'creates a line, a polygon and a star from the toolbar, edits them in the inspector and matches the server',
    async () => {
      await page.click('[data-testid="add-line"]');
      await page.locator('[data-testid="prop-end-arrow"]').check({ force: true });
      await page.click('[data-testid="add-polygon"]');
      await page.fill('[data-testid="prop-sides"]', '5');
      await page.press('[data-testid="prop-sides"]', 'Enter');
      await page.click('[data-testid="add-star"]');
      await page.fill('[data-testid="prop-points"]', '7');
      await page.press('[data-testid="prop-points"]', 'Enter');
      // Move the shapes apart so each is seen.
      await page.fill('[data-testid="prop-x"]', '560');
      await page.press('[data-testid="prop-x"]', 'Enter');
      await expect
        .poll(() => hook((h) => h.doc.layers.map((l) => l as unknown as Record<string, unknown>)))
        .toMatchObject([
          { type: 'qr' },
          { type: 'line', name: 'line', endArrow: true },
          { type: 'polygon', name: 'polygon', sides: 5 },
          { type: 'star', name: 'star', points: 7, x: 560 },
        ]);
      await page.keyboard.press('Escape');
      await ready();
      await page.screenshot({ path: screenshotPath('vector-layers.png') });
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      const canvas = await decodeImage(dataUrlBytes((await hook((h) => h.exportCanvas())) ?? ''));
      const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
        templateId,
        format: 'png',
      });
      const server = await decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
      expect([canvas.width, canvas.height]).toEqual([server.width, server.height]);
      expect(meanChannelDiff(canvas, server)).toBeLessThan(5);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'picks a diagonal line along itself; the empty part of its box selects the layer behind',
    async () => {
      const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
        name: 'Line picking',
        jsonData: {
          version: 3,
          canvas: { width: 800, height: 500, background: '#ffffff' },
          layers: [
            { type: 'rect', name: 'behind', x: 100, y: 100, width: 400, height: 300, fill: '#e0e7ff' },
            {
              type: 'line',
              name: 'diagonal',
              x: 100,
              y: 100,
              width: 400,
              height: 300,
              x1: 0,
              y1: 1,
              x2: 1,
              y2: 0,
              strokeWidth: 2,
              endArrow: true,
            },
          ],
        },
      });
      await page.goto(`${app.url}/#/templates/${t.id}`);
      await ready();
      const screen = async (x: number, y: number) => {
        const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
        const v = await hook((h) =>
          (h as unknown as { viewport(): { zoom: number; panX: number; panY: number } }).viewport(),
        );
        return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
      };
      const selected = () =>
        hook((h) => {
          const ids = (h as unknown as { selection(): string[] }).selection();
          return h.doc.layers.filter((l) => ids.includes(l.id)).map((l) => l.name);
        });
      // The top left of the box is far from the line (which runs bottom left to top right).
      let p = await screen(150, 150);
      await page.mouse.click(p.x, p.y);
      await expect.poll(selected).toEqual(['behind']);
      // On the line, 3 px off its centre (a 2 px line is picked within 6 px).
      p = await screen(300, 250 + 3);
      await page.mouse.click(p.x, p.y);
      await expect.poll(selected).toEqual(['diagonal']);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'fits nine add-layer tools in the toolbar without scrolling the page, at 1440 and 1280 px',
    async () => {
      for (const [width, height] of [
        [1440, 900],
        [1280, 720],
      ] as const) {
        await page.setViewportSize({ width, height });
        const overflow = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth - window.innerWidth,
          toolbar: (() => {
            const bar = document.querySelector('.toolbar');
            return bar ? bar.scrollWidth - bar.clientWidth : -1;
          })(),
        }));
        await page.screenshot({ path: screenshotPath(`toolbar-${width}.png`) });
        expect(overflow, `${width} px`).toEqual({ page: 0, toolbar: 0 });
        await expect(page.getByRole('button', { name: 'Add QR code' }).isVisible()).resolves.toBe(true);
      }
    },
    STEP,
  );
});
