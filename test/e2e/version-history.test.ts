// The designer's History panel in Chromium: the saved versions with who saved them and
// their thumbnails, an old version opened read-only (its pixels are the server's render of
// it), two versions compared with the changed pixels highlighted, and a restore that makes
// a new version equal to the old one.
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

const STEP = 120_000;
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';
let key = '';

interface Doc {
  canvas: { width: number; height: number };
  layers: { name: string; x: number; y: number; fill?: string }[];
}
interface Hook {
  ready: boolean;
  doc: Doc;
  exportCanvas(): string | null;
}

const firstDoc = {
  version: 2,
  canvas: { width: 600, height: 300, background: '#ffffff' },
  layers: [
    { type: 'rect', name: 'box', x: 40, y: 40, width: 160, height: 120, fill: '#f97316' },
    { type: 'ellipse', name: 'dot', x: 400, y: 100, width: 120, height: 120, fill: '#2563eb' },
  ],
};

async function ready() {
  await designerReady(page, 30_000);
}

const editorDoc = () => page.evaluate(() => (window as unknown as { __layercast: Hook }).__layercast.doc);

async function canvasPixels(): Promise<Pixels> {
  await ready();
  const url = await page.evaluate(() => (window as unknown as { __layercast: Hook }).__layercast.exportCanvas());
  if (!url) throw new Error('no canvas to export');
  return decodeImage(dataUrlBytes(url));
}

async function serverRender(version: number): Promise<Pixels> {
  const res = await fetch(`${app.url}/api/render?templateId=${templateId}&version=${version}`, {
    headers: { authorization: `Bearer ${key}` },
  });
  expect(res.status).toBe(200);
  return decodeImage(Buffer.from(await res.arrayBuffer()));
}

/** Share of pixels whose channels differ by more than a little (anti-aliasing aside). */
function differingShare(a: Pixels, b: Pixels): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a.data[i + c]! - b.data[i + c]!) > 48) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

const rows = () => page.locator('[data-testid="version-row"]');

describe('the History panel', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    key = (await api<{ key: string }>(app.url, session, 'POST', '/api/keys', { name: 'release-bot' })).key;
    templateId = (
      await api<{ id: string }>(app.url, session, 'POST', '/api/templates', { name: 'Versions', jsonData: firstDoc })
    ).id;
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
    'lists three versions with who saved them and their thumbnails',
    async () => {
      // v2 from the editor: the box nudged 50 px right.
      await page.goto(`${app.url}/#/templates/${templateId}`);
      await ready();
      await page.click('[data-testid="layer-row-box"] .layer-name');
      for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.click('[data-testid="save"]');
      await page.waitForSelector('.save-status.is-saved');
      // v3 through the API with the key: the dot turns green.
      const v2 = await api<{ jsonData: Doc }>(app.url, session, 'GET', `/api/templates/${templateId}`);
      const third = structuredClone(v2.jsonData);
      third.layers[1]!.fill = '#16a34a';
      const res = await fetch(`${app.url}/api/templates/${templateId}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ jsonData: third }),
      });
      expect(res.status).toBe(200);

      await page.click('[data-testid="history-tab"]');
      await expect.poll(() => rows().count()).toBe(3);
      expect(await rows().evaluateAll((els) => els.map((el) => el.getAttribute('data-version')))).toEqual([
        '3',
        '2',
        '1',
      ]);
      expect(await page.locator('[data-testid="saved-by"]').allTextContents()).toEqual([
        'API key “release-bot”',
        'Editor',
        'Editor',
      ]);
      // Each thumbnail is drawn, and differs where the versions do.
      await page.waitForFunction(
        () => document.querySelectorAll('.version-thumb canvas[data-drawn="true"]').length === 3,
      );
      const dotColours = await page.evaluate(() =>
        Array.from(document.querySelectorAll<HTMLCanvasElement>('.version-thumb canvas')).map((c) => {
          // The dot's centre, (460, 160) of 600 x 300, in the thumbnail's pixels.
          const [r, g, b] = c
            .getContext('2d')!
            .getImageData(Math.round(c.width * (460 / 600)), Math.round(c.height * (160 / 300)), 1, 1).data;
          return [r, g, b];
        }),
      );
      expect(dotColours[0]![1]).toBeGreaterThan(dotColours[0]![2]!); // v3: green
      expect(dotColours[2]![2]).toBeGreaterThan(dotColours[2]![1]!); // v1: blue
    },
    STEP,
  );

  it(
    'opens version 1 read-only with the pixels the server renders for it',
    async () => {
      const before = await editorDoc();
      // By keyboard: the row's button takes focus and Enter opens it.
      await page.focus('[data-testid="version-row"][data-version="1"] .version-open');
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.locator('[data-testid="version-banner"]').textContent())
        .toContain('Viewing version 1 — read only');
      const shown = await canvasPixels();
      const server = await serverRender(1);
      expect(differingShare(shown, server)).toBeLessThan(0.005);
      // And not the current version's pixels (the box moved since).
      expect(differingShare(shown, await serverRender(3))).toBeGreaterThan(0.02);

      // The designer holds version 1 (the box where it was before the nudge), not the edits.
      const v1 = await api<{ jsonData: Doc }>(app.url, session, 'GET', `/api/templates/${templateId}/versions/1`);
      expect((await editorDoc()).layers).toEqual(v1.jsonData.layers);
      expect(before.layers[0]!.x).not.toBe(v1.jsonData.layers[0]!.x);
      // Editing is off: the layers panel and canvas are inert and shortcuts do nothing.
      expect(await page.locator('aside.sidebar-left').getAttribute('inert')).not.toBeNull();
      await page.keyboard.press('Delete');
      await page.keyboard.press('Control+z');
      expect((await editorDoc()).layers).toEqual(v1.jsonData.layers);
      await page.screenshot({ path: screenshotPath('history-panel.png') });

      // Back: the current design as it was, then version 1 again for the steps below.
      await page.click('[data-testid="version-banner"] >> text=Back');
      await expect.poll(editorDoc).toEqual(before);
      await page.click('[data-testid="version-row"][data-version="1"] .version-open');
      await expect.poll(() => editorDoc().then((d) => d.layers)).toEqual(v1.jsonData.layers);
    },
    STEP,
  );

  it(
    'compares version 1 and version 3 with the changed pixels highlighted',
    async () => {
      await page.check('[aria-label="Compare version 1"]');
      await page.check('[aria-label="Compare version 3"]');
      await page.click('[data-testid="compare-versions"]');
      const dialog = page.locator('[data-testid="compare-dialog"]');
      await expect.poll(() => dialog.locator('[data-testid="diff-share"]').getAttribute('data-share')).not.toBeNull();
      const share = Number(await dialog.locator('[data-testid="diff-share"]').getAttribute('data-share'));
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.5);
      expect(await dialog.locator('[data-testid="diff-share"]').textContent()).toMatch(/^\d+\.\d % of pixels differ$/);
      const overlay = dialog.locator('[data-testid="diff-overlay"]');
      expect(await overlay.isVisible()).toBe(true);
      const highlighted = await overlay.evaluate((c: HTMLCanvasElement) => {
        const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n / (c.width * c.height);
      });
      expect(highlighted).toBeCloseTo(share, 3);
      await page.screenshot({ path: screenshotPath('version-compare.png') });
      await page.uncheck('[data-testid="compare-dialog"] .compare-toggle input');
      expect(await overlay.isVisible()).toBe(false);
      await dialog.getByRole('button', { name: 'Close' }).first().click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
    },
    STEP,
  );

  it(
    'restores version 1 as version 4, and asks before dropping unsaved edits',
    async () => {
      const v1 = await api<{ jsonData: Doc }>(app.url, session, 'GET', `/api/templates/${templateId}/versions/1`);
      await page.click('[data-testid="version-banner"] >> text=Restore');
      await expect.poll(() => rows().count()).toBe(4);
      await expect.poll(() => page.locator('[data-testid="version-banner"]').count()).toBe(0);
      const v4 = await api<{ jsonData: Doc }>(app.url, session, 'GET', `/api/templates/${templateId}/versions/4`);
      expect(v4.jsonData).toEqual(v1.jsonData);
      expect((await editorDoc()).layers).toEqual(v1.jsonData.layers);
      expect(differingShare(await serverRender(4), await serverRender(1))).toBe(0);

      // An unsaved edit: opening another version asks first, and "Cancel" keeps the editor as it is.
      await page.click('[data-testid="layer-row-box"] .layer-name');
      await page.keyboard.press('Shift+ArrowDown');
      const asked: string[] = [];
      page.once('dialog', (d) => {
        asked.push(d.message());
        void d.dismiss();
      });
      await page.click('[data-testid="version-row"][data-version="2"] .version-open');
      await expect.poll(() => asked.length).toBe(1);
      expect(asked[0]).toContain('unsaved changes');
      expect(await page.locator('[data-testid="version-banner"]').count()).toBe(0);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'draws thumbnails only for the rows scrolled into view',
    async () => {
      for (let i = 0; i < 16; i++) {
        await api(app.url, session, 'PUT', `/api/templates/${templateId}`, { name: `Versions ${i}` });
      }
      page.once('dialog', (d) => void d.accept());
      await page.reload();
      await ready();
      await page.click('[data-testid="history-tab"]');
      await expect.poll(() => rows().count()).toBe(20);
      const drawn = () => page.locator('.version-thumb canvas[data-drawn="true"]').count();
      await expect.poll(drawn).toBeGreaterThan(3);
      const firstScreen = await drawn();
      expect(firstScreen).toBeLessThan(20);
      await rows().last().scrollIntoViewIfNeeded();
      await expect.poll(() => rows().last().locator('canvas[data-drawn="true"]').count()).toBe(1);
    },
    STEP,
  );
});
