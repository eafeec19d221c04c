// The Bulk page in Chromium against the real server and job queue: from the gallery's
// "Bulk…" to a template's example CSV, a dropped CSV of three rows (one bad) with its column
// mapping and row previews drawn by the engine, the job's progress to the end, the failed
// row with its reason, and the zip with each row's own image.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzip } from '../../server/test/support/jobs';
import {
  type ApiSession,
  type RunningLayercast,
  api,
  decodeImage,
  launchChromium,
  screenshotPath,
  signupViaApi,
  startLayercast,
  watchErrors,
  signedInContext,
} from './harness';

const STEP = 120_000;

let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';

const CARD = {
  version: 2,
  canvas: { width: 600, height: 315, background: '#ffffff' },
  layers: [
    { type: 'rect', name: 'bg', x: 0, y: 0, width: 600, height: 315, fill: '#1e3a8a' },
    {
      type: 'text',
      name: 'title',
      x: 30,
      y: 30,
      width: 540,
      height: 120,
      text: 'Default title',
      fontSize: 48,
      color: '#ffffff',
    },
    {
      type: 'text',
      name: 'byline',
      x: 30,
      y: 200,
      width: 540,
      height: 40,
      text: 'By {{author}}',
      fontSize: 24,
      color: '#e5e7eb',
    },
  ],
  variables: [{ name: 'author', default: 'Jane' }],
};

const CSV =
  'title.text,title.fontSize,{{author}}\nFirst card,48,Ann\nBroken card,huge,Bob\nThird card is longer,40,Cy\n';

/** The pixels of a canvas on the page (its backing store). */
const canvasPixels = (index: number) =>
  page.evaluate((i) => {
    const canvas = document.querySelectorAll<HTMLCanvasElement>('[data-testid="bulk-preview"] canvas')[i];
    if (!canvas) return null;
    const ctx = canvas.getContext('2d');
    return ctx ? Array.from(ctx.getImageData(0, 0, canvas.width, canvas.height).data) : null;
  }, index);

function differing(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    if (a[i] !== b[i] || a[i + 1] !== b[i + 1] || a[i + 2] !== b[i + 2]) n++;
  }
  return n;
}

describe('the Bulk page', () => {
  beforeAll(async () => {
    app = await startLayercast({ LAYERCAST_JOB_POLL_MS: '100' });
    session = await signupViaApi(app.url);
    templateId = (
      await api<{ id: string }>(app.url, session, 'POST', '/api/templates', { name: 'Launch card', jsonData: CARD })
    ).id;
    browser = await launchChromium();
    const context = await signedInContext(browser, app.url, session, {
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    errors = watchErrors(page);
  }, STEP);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it(
    "opens from the gallery with the template chosen, and offers the template's example CSV",
    async () => {
      await page.goto(`${app.url}/#/`);
      await page.getByRole('button', { name: 'Bulk render Launch card' }).click();
      await page.waitForURL(`**/#/bulk?template=${templateId}`);
      await expect(page.getByLabel('Template', { exact: true }).inputValue()).resolves.toBe(templateId);
      expect(await page.locator('nav a[aria-current="page"]').textContent()).toBe('Bulk');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download example CSV' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('launch-card-rows.csv');
      const example = readFileSync((await download.path()) ?? '', 'utf8');
      expect(example).toBe('title.text,byline.text,{{author}}\r\nDefault title,By {{author}},Jane\r\n');
    },
    STEP,
  );

  it(
    'reads a dropped CSV: the column mapping and the first rows drawn by the engine, the bad row with its reason',
    async () => {
      await page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], 'cards.csv', { type: 'text/csv' }));
        const zone = document.querySelector('[data-testid="bulk-drop"]');
        zone?.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, CSV);
      // The page reads the dropped file asynchronously: wait for it to name the file.
      await expect.poll(() => page.locator('[data-testid="bulk-drop"]').textContent()).toContain('cards.csv');
      await page.locator('[data-testid="bulk-column"]').nth(2).waitFor();
      const columns = await page.locator('[data-testid="bulk-column"]').allTextContents();
      expect(columns).toEqual([
        'title.textlayer title (text) → text—',
        'title.fontSizelayer title (text) → fontSize—',
        '{{author}}variable {{author}}—',
      ]);

      const previews = page.locator('[data-testid="bulk-preview"]');
      await expect(previews.count()).resolves.toBe(3);
      await expect(previews.nth(1).textContent()).resolves.toMatch(/title: fontSize.*number.*Row 2/);
      await page.getByRole('img', { name: 'Row 3 preview' }).waitFor();
      // Both drawn rows are the card (its blue), each with its own title.
      // Drawn once the fonts are in: the card's blue fills the top-left corner of both.
      await page.waitForFunction(() => {
        const canvases = document.querySelectorAll<HTMLCanvasElement>('[data-testid="bulk-preview"] canvas');
        return (
          canvases.length === 2 &&
          Array.from(canvases).every((c) => c.width > 0 && c.getContext('2d')?.getImageData(2, 2, 1, 1).data[3] === 255)
        );
      });
      const first = await canvasPixels(0);
      const third = await canvasPixels(1);
      expect(first && third && first.length === third.length).toBe(true);
      expect(first?.slice(0, 3)).toEqual([0x1e, 0x3a, 0x8a]);
      expect(third?.slice(0, 3)).toEqual([0x1e, 0x3a, 0x8a]);
      expect(differing(first ?? [], third ?? [])).toBeGreaterThan(100);
      await page.screenshot({ path: screenshotPath('bulk-preview.png'), fullPage: true });
    },
    STEP,
  );

  it(
    'marks a pasted column that names nothing with the reason, and will not start',
    async () => {
      const page2 = await page.context().newPage();
      await page2.goto(`${app.url}/#/bulk?template=${templateId}`);
      await page2.getByLabel('Or paste the CSV').fill('title.text,headline.text\nHello,World\n');
      const unknown = page2.locator('[data-testid="bulk-column"].has-error');
      await unknown.waitFor();
      await expect(unknown.textContent()).resolves.toMatch(/^headline\.textnot used.*headline/);
      await expect(page2.getByRole('button', { name: 'Render 1 image' }).isDisabled()).resolves.toBe(true);
      await page2.screenshot({ path: screenshotPath('bulk-unknown-column.png'), fullPage: true });
      await page2.close();
    },
    STEP,
  );

  it(
    'starts the job, shows its progress to the end and the failed row, and downloads a zip of the images',
    async () => {
      await page.getByRole('button', { name: 'Render 3 images' }).click();
      await page.waitForURL(/#\/bulk\?template=[^&]+&job=job_/);
      const jobId = new URL(page.url().replace('#/bulk', 'bulk')).searchParams.get('job') ?? '';
      const progress = page.getByRole('progressbar', { name: 'Bulk render progress' });
      await page.waitForFunction(
        () => (document.querySelector('[data-testid="bulk-progress"]') as HTMLProgressElement | null)?.value === 100,
        undefined,
        { timeout: 60_000 },
      );
      await expect(progress.getAttribute('aria-valuetext')).resolves.toBe('3 of 3 rows · 1 failed');
      await expect(page.locator('[data-testid="bulk-job-status"]').textContent()).resolves.toBe(
        'Finished with failures',
      );
      const failed = await page.locator('[data-testid="bulk-failed-row"]').allTextContents();
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatch(/^2layers\.title\.fontSize: .*number/);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Download zip' }).click(),
      ]);
      const entries = await unzip(readFileSync((await download.path()) ?? ''));
      expect([...entries.keys()].sort()).toEqual(['0001.png', '0003.png', 'manifest.csv']);
      // row,status,file,…: the first three fields are never quoted.
      const manifest = String(entries.get('manifest.csv')).trim().split('\n');
      expect(manifest.map((line) => line.split(',').slice(0, 3).join(','))).toEqual([
        'row,status,file',
        '1,done,0001.png',
        '2,failed,',
        '3,done,0003.png',
      ]);
      const one = await decodeImage(entries.get('0001.png') ?? Buffer.alloc(0));
      const three = await decodeImage(entries.get('0003.png') ?? Buffer.alloc(0));
      expect([one.width, one.height]).toEqual([600, 315]);
      expect(differing(one.data, three.data)).toBeGreaterThan(500);

      // The recent jobs list has it, marked as the one shown.
      const current = page.locator('[data-testid="bulk-jobs"] tr[aria-current="true"]');
      await expect(current.textContent()).resolves.toMatch(
        /Launch card.*Finished with failures.*3 of 3 rows · 1 failed/,
      );
      await expect(current.getByRole('button', { name: `Show job ${jobId}` }).count()).resolves.toBe(1);
      await page.screenshot({ path: screenshotPath('bulk-job.png'), fullPage: true });
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
