// Accessibility and page layout in Chromium: axe-core (injected into the page) finds no
// serious or critical violation on the gallery, the designer with a text layer selected,
// the API keys, fonts and Bulk pages; the designer fills the window at laptop sizes and
// never scrolls as a page (its panels scroll inside themselves, the toolbar with Save stays
// in view).
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  type RunningLayercast,
  api,
  launchChromium,
  signupViaApi,
  startLayercast,
  designerReady,
  signedInContext,
} from './harness';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const STEP = 120_000;

let app: RunningLayercast;
let browser: Browser;
let context: BrowserContext;
let session: ApiSession;
let templateId = '';

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical axe violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function openDesigner(page: Page) {
  await page.goto(`${app.url}/#/templates/${templateId}`);
  await designerReady(page);
  await page.click('[data-testid="layer-row-title"] .layer-name');
  await page.waitForSelector('[data-testid="layer-inspector"]');
}

describe('accessibility and layout of the editor', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Accessible card',
      jsonData: {
        version: 2,
        canvas: { width: 1200, height: 630, background: '#0f172a' },
        layers: [
          // Enough layers that the layers panel must scroll at 720 px.
          ...Array.from({ length: 30 }, (_, i) => ({
            type: 'ellipse',
            name: `dot_${i + 1}`,
            x: 20 + i * 38,
            y: 590,
            width: 24,
            height: 24,
            fill: '#38bdf8',
          })),
          { type: 'rect', name: 'panel', x: 60, y: 60, width: 1080, height: 510, fill: '#1e293b', cornerRadius: 24 },
          {
            type: 'text',
            name: 'title',
            x: 120,
            y: 200,
            width: 960,
            height: 200,
            text: 'Readable by everyone',
            fontSize: 80,
            color: '#ffffff',
            stroke: '#000000',
            strokeWidth: 2,
            shadow: { color: 'rgba(0,0,0,0.4)', blur: 10, offsetX: 0, offsetY: 4 },
          },
        ],
      },
    });
    templateId = template.id;
    // A second version, for the History panel.
    await api(app.url, session, 'PUT', `/api/templates/${templateId}`, { name: 'Accessible card (v2)' });
    await api(app.url, session, 'POST', '/api/keys', { name: 'ci' });
    browser = await launchChromium();
    context = await signedInContext(browser, app.url, session, {
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    'has no serious or critical axe violation on the gallery, the designer, the keys, fonts, brand and bulk pages',
    async () => {
      const page = await context.newPage();
      await page.goto(`${app.url}/#/`);
      await page.waitForSelector('[data-testid="gallery"] .thumb img');
      expect(await seriousViolations(page)).toEqual([]);

      await openDesigner(page);
      expect(await seriousViolations(page)).toEqual([]);

      // The icon picker, open on a search.
      await page.click('[data-testid="add-icon"]');
      await page.fill('[data-testid="icon-search"]', 'arrow');
      await page.waitForSelector('[data-testid="icon-picker"] .icon-grid button[aria-label="arrow-right"]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('[data-testid="icon-picker"]').getByRole('button', { name: 'Close' }).click();
      await page.waitForSelector('[data-testid="icon-picker"][open]', { state: 'detached' });

      // History: the versions list, a version open read-only, and the comparison dialog.
      await page.click('[data-testid="history-tab"]');
      await page.waitForSelector('.version-thumb canvas[data-drawn="true"]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('button', { name: /^Open version v1\b/ }).click();
      await page.waitForSelector('[data-testid="version-banner"]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('checkbox', { name: 'Compare version 1' }).check();
      await page.getByRole('checkbox', { name: 'Compare version 2' }).check();
      await page.getByRole('button', { name: 'Compare v1 and v2' }).click();
      await page.waitForSelector('[data-testid="diff-share"][data-share]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await page.locator('[data-testid="version-banner"]').getByRole('button', { name: 'Back', exact: true }).click();
      await page.waitForSelector('[data-testid="version-banner"]', { state: 'detached' });

      await page.goto(`${app.url}/#/keys`);
      await page.waitForSelector('[data-testid="keys-table"]');
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`${app.url}/#/fonts`);
      await page.waitForSelector('[data-testid="font-drop"]');
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto(`${app.url}/#/brand`);
      await page.waitForSelector('[data-testid="brand-add-colour"]');
      expect(await seriousViolations(page)).toEqual([]);

      // The Bulk page with a finished job, a CSV read (one column naming nothing) and its previews.
      const job = await api<{ jobId: string }>(app.url, session, 'POST', `/api/bulk?templateId=${templateId}`, {
        rows: [{ layers: { title: { text: 'One' } } }, { layers: { title: { fontSize: 'big' } } }],
      });
      await page.goto(`${app.url}/#/bulk?template=${templateId}&job=${job.jobId}`);
      await page.fill('#bulk-csv', 'title.text,headline.text\nHello,World\n');
      await page.waitForSelector('[data-testid="bulk-column"] .field-error');
      await page.getByRole('img', { name: 'Row 1 preview' }).waitFor();
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="bulk-progress"]') as HTMLProgressElement | null)?.value === 100,
      );
      await page.waitForSelector('[data-testid="bulk-failed-row"]');
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    },
    STEP,
  );

  it(
    'names every button in words, links errors to their fields, and names fields once per section',
    async () => {
      const page = await context.newPage();
      await openDesigner(page);
      // Icon buttons are named in words ("Hide title", "Align left"), not by their glyphs.
      const unnamed = await page.evaluate(() =>
        Array.from(document.querySelectorAll('button')).flatMap((b) => {
          const name = (b.getAttribute('aria-label') ?? b.textContent ?? '').trim();
          return /\p{L}{2}/u.test(name) ? [] : [b.outerHTML.slice(0, 120)];
        }),
      );
      expect(unnamed).toEqual([]);
      // No emoji or symbol glyphs stand in for icons: they are drawn as SVG.
      const glyphs = await page.evaluate(
        () => Array.from(document.querySelectorAll('.layer-row .icon-btn')).filter((b) => b.textContent?.trim()).length,
      );
      expect(glyphs).toBe(0);

      // Within one inspector section no two controls share an accessible name.
      const duplicates = await page.evaluate(() => {
        const nameOf = (el: Element) =>
          el.getAttribute('aria-label') ??
          (el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent?.trim() : null) ??
          el.closest('label')?.textContent?.trim() ??
          '';
        return Array.from(document.querySelectorAll('.inspector-section')).flatMap((section) => {
          const names = Array.from(section.querySelectorAll('input, select, textarea, [role="radiogroup"]')).map(
            nameOf,
          );
          return names
            .filter((n, i) => names.indexOf(n) !== i)
            .map((n) => `${section.querySelector('h3')?.textContent}: ${n}`);
        });
      });
      expect(duplicates).toEqual([]);

      // An out-of-range number is refused with a message the field points to.
      const size = page.getByRole('textbox', { name: 'Font size', exact: true });
      await size.fill('5000');
      await size.press('Enter');
      const described = await size.evaluate((el) => {
        const ids = el.getAttribute('aria-describedby')?.split(' ') ?? [];
        return {
          invalid: el.getAttribute('aria-invalid'),
          text: ids.map((id) => document.getElementById(id)?.textContent).join(' '),
        };
      });
      expect(described).toEqual({ invalid: 'true', text: 'Enter 1 to 1000' });
      await size.press('Escape');
      await page.close();
    },
    STEP,
  );

  for (const height of [720, 900]) {
    it(
      `fills a 1280×${height} window without scrolling as a page; the panels scroll inside`,
      async () => {
        const page = await context.newPage();
        await page.setViewportSize({ width: 1280, height });
        await openDesigner(page);
        const size = () =>
          page.evaluate(() => ({
            scrollHeight: document.scrollingElement?.scrollHeight ?? 0,
            scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
          }));
        expect(await size()).toEqual({ scrollHeight: height, scrollWidth: 1280 });
        // Scrolling the inspector to its end moves the inspector, not the page.
        const inspector = page.locator('.sidebar-scroll');
        await inspector.hover();
        await page.mouse.wheel(0, 4000);
        await expect.poll(() => inspector.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(0);
        const save = await page.locator('[data-testid="save"]').boundingBox();
        expect(save?.y).toBeGreaterThanOrEqual(0);
        expect((save?.y ?? 0) + (save?.height ?? 0)).toBeLessThanOrEqual(60);
        // The layers panel scrolls inside itself too.
        const list = page.locator('[data-testid="layers-panel"]');
        await list.hover();
        await page.mouse.wheel(0, 2000);
        if (height === 720) await expect.poll(() => list.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
        expect(await page.evaluate(() => document.scrollingElement?.scrollTop)).toBe(0);
        // The last field of the inspector can be reached.
        const last = page.locator('.sidebar-scroll .inspector-section').last();
        const box = await last.boundingBox();
        expect((box?.y ?? 0) + (box?.height ?? 0)).toBeLessThanOrEqual(height + 1);
        await page.close();
      },
      STEP,
    );
  }
});
