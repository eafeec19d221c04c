// Parity: the same template drawn by the editor in Chromium (Konva shapes calling the
// engine's paintLayer, exported from the editor's own stage at 100 %) and rendered by the
// server (Skia) must have the same layout (same line breaks, boxes within 1 px) and a mean
// channel difference of at most 5/255. Prints the figure for every case; on failure writes
// both images and a diff to .golden-failures/parity/<case>/.
import { join } from 'node:path';
import { type Scene, collectImageSources, layoutTemplate } from '@layercast/engine';
import { createImageLoader, nodeLayoutEnv } from '@layercast/engine/node';
import { parseTemplate } from '@layercast/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiSession,
  ROOT,
  type RunningLayercast,
  api,
  dataUrlBytes,
  decodeImage,
  encodePng,
  launchChromium,
  signupViaApi,
  startLayercast,
  watchErrors,
  writeArtifact,
} from '../e2e/harness';
import { parityCases } from './cases';
import { diffImage, layoutDifferences, maxLineOffset, meanChannelDiff } from './compare';

const MAX_MEAN_DIFF = 5;
const FAILURES = join(ROOT, '.golden-failures/parity');

let app: RunningLayercast;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let session: ApiSession;
let errors: string[];

/** The server's layout of a document, with the natural sizes of its (data: URL) images. */
async function serverScene(input: unknown): Promise<Scene> {
  const parsed = parseTemplate(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const images = new Map<string, { width: number; height: number }>();
  const loader = createImageLoader();
  for (const src of collectImageSources(parsed.value)) {
    const { width, height } = await loader.probe(src);
    images.set(src, { width, height });
  }
  return layoutTemplate(parsed.value, {}, { ...nodeLayoutEnv(), images });
}

describe('editor and server draw the same pixels', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
    const [name, value] = session.cookie.split('=');
    await context.addCookies([{ name: name!, value: value!, url: app.url }]);
    page = await context.newPage();
    errors = watchErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const c of parityCases()) {
    it(`${c.name}: same layout, mean channel difference ≤ ${MAX_MEAN_DIFF}/255`, async () => {
      const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
        name: c.name,
        jsonData: c.doc,
      });
      const generated = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
        templateId: template.id,
        format: 'png',
      });
      const server = await decodeImage(Buffer.from(await (await fetch(generated.imageUrl)).arrayBuffer()));

      await page.goto(`${app.url}/#/templates/${template.id}`);
      await page.waitForFunction(
        () => (window as unknown as { __layercast?: { ready: boolean } }).__layercast?.ready === true,
        null,
        { timeout: 60_000 },
      );
      // Fonts Chromium started loading on its own (a fallback) must be in before export.
      await page.evaluate(() => document.fonts.ready);
      await page.click('[data-testid="zoom-100"]');
      // A face Chromium started loading while drawing triggers a new layout when it lands.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.evaluate(() => document.fonts.ready);
      await page.waitForFunction(
        () => (window as unknown as { __layercast?: { ready: boolean } }).__layercast?.ready === true,
      );
      const exported = await page.evaluate(() => {
        const h = (window as unknown as { __layercast: { scene: unknown; exportCanvas(): string | null } }).__layercast;
        return { scene: h.scene, png: h.exportCanvas() };
      });
      if (!exported.png) throw new Error('the editor exported nothing');
      const editor = await decodeImage(dataUrlBytes(exported.png));
      const editorScene = exported.scene as Scene;
      const expectedScene = await serverScene(c.doc);

      const layout = layoutDifferences(editorScene, expectedScene);
      const mean = meanChannelDiff(editor, server);
      const lineOffset = maxLineOffset(editorScene, expectedScene);
      console.log(
        `parity ${c.name}: mean channel difference ${mean.toFixed(2)}/255, max line difference (position or width) ${lineOffset.toFixed(2)} px, ${editor.width}×${editor.height}`,
      );
      // PARITY_SAVE=1 keeps the images of passing cases too, to look at them.
      if (process.env.PARITY_SAVE || layout.length > 0 || !(mean <= MAX_MEAN_DIFF)) {
        const dir = join(FAILURES, c.name);
        writeArtifact(dir, 'editor.png', await encodePng(editor));
        writeArtifact(dir, 'server.png', await encodePng(server));
        if (editor.width === server.width && editor.height === server.height)
          writeArtifact(dir, 'diff.png', await encodePng(diffImage(editor, server)));
        console.log(`parity ${c.name}: images in ${dir}`);
      }
      expect(layout).toEqual([]);
      expect([editor.width, editor.height]).toEqual([server.width, server.height]);
      expect(mean).toBeLessThanOrEqual(MAX_MEAN_DIFF);
      expect(errors).toEqual([]);
    }, 120_000);
  }
});
