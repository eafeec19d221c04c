// Text limits in Chromium: the first text box fits its text on one line on every size
// preset (in the editor's layout and in the server's render of the saved template); a
// character counter appears near the model's limit; a refused render names the layer.
import type { Browser, Page } from 'playwright-core';
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

interface TextNodeView {
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  fontSize: number;
  truncated: boolean;
  lines: { text: string; width: number }[];
}

const STEP = 240_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];

async function open(jsonData: unknown): Promise<string> {
  const t = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', { name: 'Text limits', jsonData });
  await page.goto(`${app.url}/#/templates/${t.id}`);
  await designerReady(page);
  return t.id;
}

describe('text limits', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session);
    page = await context.newPage();
    errors = watchErrors(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'sizes the first text box to its text on every preset, in the editor and in the server render',
    async () => {
      const id = await open({ version: 2, canvas: { width: 1200, height: 630 }, layers: [] });
      // Every preset the canvas inspector offers ("Story · 1080×1920").
      const presets = await page.$$eval('select[aria-label="Size preset"] option', (options) =>
        options.flatMap((o) => {
          const m = /^(.*) · (\d+)×(\d+)$/.exec(o.textContent ?? '');
          return m
            ? [{ id: (o as HTMLOptionElement).value, label: m[1]!, width: Number(m[2]), height: Number(m[3]) }]
            : [];
        }),
      );
      expect(presets.length).toBeGreaterThanOrEqual(7);
      for (const preset of presets) {
        await page.getByLabel('Size preset').selectOption(preset.id);
        await page.click('[data-testid="add-text"]');
        await page.waitForFunction(
          () =>
            (window as unknown as { __layercast: { scene: { nodes: unknown[] }; ready: boolean } }).__layercast.scene
              .nodes.length === 1,
        );
        const node = await page.evaluate(
          () =>
            (window as unknown as { __layercast: { scene: { nodes: TextNodeView[] } } }).__layercast.scene.nodes[0]!,
        );
        const where = `${preset.label} ${preset.width}×${preset.height}`;
        expect(
          node.lines.map((l) => l.text),
          where,
        ).toEqual(['Your text here']);
        expect(node.truncated, where).toBe(false);
        expect(node.lines[0]!.width, where).toBeLessThanOrEqual(node.width);
        expect(node.x, where).toBeGreaterThanOrEqual(0);
        expect(node.x + node.width, where).toBeLessThanOrEqual(preset.width);
        await page.click('[data-testid="save"]');
        await page.waitForSelector('.save-status.is-saved');
        const render = await api<{ diagnostics: { layers: Record<string, { lines: number; truncated: boolean }> } }>(
          app.url,
          session,
          'POST',
          '/api/generate',
          { templateId: id, format: 'png' },
        );
        expect(render.diagnostics.layers.text, where).toMatchObject({ lines: 1, truncated: false });
        await page.keyboard.press('Delete');
      }
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'counts characters near the limit and stops at it',
    async () => {
      await open({
        version: 2,
        canvas: { width: 1200, height: 630 },
        layers: [{ type: 'text', name: 'title', x: 40, y: 40, width: 1120, height: 550, text: 'Short', fontSize: 12 }],
      });
      await page.click('[data-testid="layer-row-title"] .layer-name');
      const field = page.locator('[data-testid="text-input"]');
      expect(await page.locator('[data-testid="text-count"]').count()).toBe(0);
      await field.fill('a'.repeat(1900));
      await expect(page.locator('[data-testid="text-count"]').textContent()).resolves.toBe('1,900 / 2,000 characters');
      // Typing (or pasting) past the limit stops at it, and the counter says so.
      await field.fill('b'.repeat(2100));
      expect((await field.inputValue()).length).toBe(2000);
      await expect(page.locator('[data-testid="text-count"]').textContent()).resolves.toBe(
        '2,000 / 2,000 characters: the limit',
      );
      const described = await field.getAttribute('aria-describedby');
      expect(described).toBe('inspector-text-count');
    },
    STEP,
  );

  it(
    'names the layer when the server refuses a trial text that is too long',
    async () => {
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      await page.click('[data-testid="preview-tab"]');
      await page.fill('[data-testid="trial-title"]', 'c'.repeat(2001));
      await page.click('[data-testid="render-preview"]');
      await page.waitForSelector('[data-testid="render-error"]');
      await expect(page.locator('[data-testid="render-error"]').textContent()).resolves.toBe(
        'title: text is longer than 2,000 characters',
      );
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
