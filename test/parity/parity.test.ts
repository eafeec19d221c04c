// Parity: the same template drawn by the editor in Chromium (Konva shapes calling the
// engine's paintLayer, exported from the editor's own stage at 100 %) and rendered by the
// server (Skia) must have the same layout (same line breaks, boxes within 1 px) and a mean
// channel difference of at most 5/255. Prints the figure for every case; on failure writes
// both images and a diff to .golden-failures/parity/<case>/.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Scene, collectImageSources, layoutTemplate, resolveDocument, withCustomFonts } from '@layercast/engine';
import { type NodeCustomFontFace, createImageLoader, nodeLayoutEnv, registerCustomFonts } from '@layercast/engine/node';
import { type CustomFont, parseTemplate, resolveVariant } from '@layercast/shared';
import type { Browser, Page } from 'playwright-core';
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
import { type ParityCase, customFontCases, parityCases } from './cases';
import { diffImage, layoutDifferences, maxLineOffset, meanChannelDiff } from './compare';

const MAX_MEAN_DIFF = 5;
const FAILURES = join(ROOT, '.golden-failures/parity');

let app: RunningLayercast;
let browser: Browser;

/** The server's layout of a document, with the natural sizes of its (data: URL) images. */
async function serverScene(
  input: unknown,
  fonts: readonly NodeCustomFontFace[] = [],
  variant?: string,
): Promise<Scene> {
  const template = parseTemplate(input);
  if (!template.ok) throw new Error(JSON.stringify(template.errors));
  const parsed = resolveVariant(template.value, variant);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const images = new Map<string, { width: number; height: number }>();
  const loader = createImageLoader();
  for (const src of collectImageSources(resolveDocument(parsed.value))) {
    const { width, height } = await loader.probe(src);
    images.set(src, { width, height });
  }
  if (fonts.length) registerCustomFonts(fonts);
  return layoutTemplate(parsed.value, {}, { ...withCustomFonts(nodeLayoutEnv(), fonts), images });
}

interface Editor {
  session: ApiSession;
  page: Page;
  errors: string[];
}

async function openEditor(session: ApiSession): Promise<Editor> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  const [name, value] = session.cookie.split('=');
  await context.addCookies([{ name: name!, value: value!, url: app.url }]);
  const page = await context.newPage();
  return { session, page, errors: watchErrors(page) };
}

/** Uploads a case's fonts as its account's; the faces as the server's layout takes them. */
async function uploadFonts(session: ApiSession, c: ParityCase): Promise<NodeCustomFontFace[]> {
  const faces: NodeCustomFontFace[] = [];
  for (const font of c.fonts ?? []) {
    const bytes = readFileSync(font.file);
    const query = new URLSearchParams({ family: font.family, ...(font.weight ? { weight: String(font.weight) } : {}) });
    const res = await fetch(`${app.url}/api/fonts?${query}`, {
      method: 'POST',
      headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    if (res.status !== 201) throw new Error(`font upload: ${res.status} ${await res.text()}`);
    const { font: f } = (await res.json()) as { font: CustomFont };
    faces.push({ ...f, key: createHash('sha256').update(bytes).digest('hex'), bytes });
  }
  return faces;
}

async function compareCase(c: ParityCase, editor: Editor, fonts: readonly NodeCustomFontFace[] = []): Promise<void> {
  const { session, page, errors } = editor;
  const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
    name: c.name,
    jsonData: c.doc,
  });
  const generated = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', {
    templateId: template.id,
    format: 'png',
    ...(c.variant ? { variant: c.variant } : {}),
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
  if (c.variant) {
    await page.click('[data-testid="size-menu"]');
    await page.getByRole('menuitem', { name: `${c.variant} · `, exact: false }).click();
  }
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
  const drawn = await decodeImage(dataUrlBytes(exported.png));
  const editorScene = exported.scene as Scene;
  const expectedScene = await serverScene(c.doc, fonts, c.variant);

  const layout = layoutDifferences(editorScene, expectedScene);
  const mean = meanChannelDiff(drawn, server);
  const lineOffset = maxLineOffset(editorScene, expectedScene);
  console.log(
    `parity ${c.name}: mean channel difference ${mean.toFixed(2)}/255, max line difference (position or width) ${lineOffset.toFixed(2)} px, ${drawn.width}×${drawn.height}`,
  );
  // PARITY_SAVE=1 keeps the images of passing cases too, to look at them.
  if (process.env.PARITY_SAVE || layout.length > 0 || !(mean <= MAX_MEAN_DIFF)) {
    const dir = join(FAILURES, c.name);
    writeArtifact(dir, 'editor.png', await encodePng(drawn));
    writeArtifact(dir, 'server.png', await encodePng(server));
    if (drawn.width === server.width && drawn.height === server.height)
      writeArtifact(dir, 'diff.png', await encodePng(diffImage(drawn, server)));
    console.log(`parity ${c.name}: images in ${dir}`);
  }
  expect(layout).toEqual([]);
  expect([drawn.width, drawn.height]).toEqual([server.width, server.height]);
  expect(mean).toBeLessThanOrEqual(MAX_MEAN_DIFF);
  expect(errors).toEqual([]);
}

describe('editor and server draw the same pixels', () => {
  let editor: Editor;
  beforeAll(async () => {
    app = await startLayercast();
    browser = await launchChromium();
    editor = await openEditor(await signupViaApi(app.url));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  for (const c of parityCases()) {
    it(`${c.name}: same layout, mean channel difference ≤ ${MAX_MEAN_DIFF}/255`, () => compareCase(c, editor), 120_000);
  }

  // Each in an account of its own: an account's fonts join every one of its templates' fallback chains.
  for (const c of customFontCases()) {
    it(`${c.name}: an uploaded font, same layout, mean channel difference ≤ ${MAX_MEAN_DIFF}/255`, async () => {
      const session = await signupViaApi(app.url, `parity-${c.name}-${Date.now()}@example.com`);
      const fonts = await uploadFonts(session, c);
      await compareCase(c, await openEditor(session), fonts);
    }, 120_000);
  }
});
