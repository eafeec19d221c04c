// "Preview data": the trial overrides and variables drawn on the canvas by the same engine
// as the server's render of them, without changing the template.
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

interface Hook {
  doc: { layers: { name: string; text?: string }[] };
  scene: { nodes: { name: string; lines?: { text: string }[] }[] };
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
const linesOf = (name: string) =>
  page.evaluate(
    (n) =>
      (window as unknown as { __layercast: Hook }).__layercast.scene.nodes
        .find((node) => node.name === n)
        ?.lines?.map((l) => l.text)
        .join(' '),
    name,
  );

function meanChannelDiff(a: Pixels, b: Pixels): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

describe('sample data on the canvas', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Sample data',
      jsonData: {
        version: 2,
        canvas: { width: 800, height: 400, background: '#ffffff' },
        variables: [{ name: 'author', default: 'Jane' }],
        layers: [
          { type: 'text', name: 'title', x: 40, y: 40, width: 720, height: 160, text: 'Template title', fontSize: 64 },
          { type: 'text', name: 'byline', x: 40, y: 200, width: 720, height: 60, text: 'by {{author}}', fontSize: 32 },
          { type: 'rect', name: 'badge', x: 40, y: 290, width: 200, height: 80, fill: '#6366f1' },
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
    'draws the trial values on the canvas as the server renders them, leaving the template as it is',
    async () => {
      await page.click('[data-testid="preview-tab"]');
      // A fill field shows the layer's current fill.
      await expect(page.locator('[data-testid="trial-badge"]').getAttribute('placeholder')).resolves.toBe('#6366f1');
      await page.fill('[data-testid="trial-title"]', 'Sample from the data');
      await page.fill('[data-testid="trial-badge"]', '#10b981');
      await page.fill('[data-testid="trial-var-author"]', 'Ada');
      expect(await linesOf('title')).toBe('Template title');
      await page.locator('.toggle', { hasText: 'Preview data on the canvas' }).click();
      await expect.poll(() => linesOf('title')).toBe('Sample from the data');
      await expect.poll(() => linesOf('byline')).toBe('by Ada');
      await page.waitForFunction(
        () => (window as unknown as { __layercast: { ready: boolean } }).__layercast.ready === true,
      );
      await page.screenshot({ path: screenshotPath('preview-data.png') });

      const canvas = await decodeImage(dataUrlBytes((await hook((h) => h.exportCanvas())) ?? ''));
      const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
        templateId,
        layers: { title: { text: 'Sample from the data' }, badge: { fill: '#10b981' } },
        variables: { author: 'Ada' },
        format: 'png',
      });
      const server = await decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
      expect([canvas.width, canvas.height]).toEqual([server.width, server.height]);
      // The parity test's threshold: the same engine drew both.
      expect(meanChannelDiff(canvas, server)).toBeLessThan(5);
      const green = (p: Pixels) =>
        Array.from(p.data.subarray((330 * p.width + 140) * 4, (330 * p.width + 140) * 4 + 3));
      expect(green(canvas)).toEqual([0x10, 0xb9, 0x81]);

      // The template itself is unchanged, and nothing is waiting to be saved.
      const title = await hook((h) => h.doc.layers.find((l) => l.name === 'title')?.text);
      expect(title).toBe('Template title');
      await expect(page.locator('.save-status').textContent()).resolves.not.toMatch(/Unsaved/);

      // The switch stays on in the Design tab, and the canvas says so; one click turns it off.
      await page.getByRole('tab', { name: 'Design' }).click();
      await expect(page.locator('[data-testid="sample-pill"]').textContent()).resolves.toContain('Showing sample data');
      await page.getByRole('button', { name: 'Show the template' }).click();
      await expect.poll(() => linesOf('title')).toBe('Template title');
      await expect.poll(() => linesOf('byline')).toBe('by Jane');
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'says why when the trial values cannot be drawn, and draws the template meanwhile',
    async () => {
      await page.click('[data-testid="preview-tab"]');
      await page.fill('[data-testid="raw-overrides"]', '{"title": {"fontSize": 5000}}');
      await page.locator('.toggle', { hasText: 'Preview data on the canvas' }).click();
      await expect(page.locator('[data-testid="sample-pill"]').textContent()).resolves.toContain(
        'title: fontSize: expected a number from 1 to 1000',
      );
      expect(await linesOf('title')).toBe('Template title');
    },
    STEP,
  );
});
