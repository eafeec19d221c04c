// Groups in Chromium: Ctrl+G, dragging the group, Ctrl+Shift+G, the right-click menu and the
// layers panel's tree. Each result is checked in the document the server saved and in the
// server's render, which must match what the canvas draws.
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

interface SavedLayer {
  id: string;
  type: string;
  name: string;
  x: number;
  y: number;
  width: number;
  height: number;
  layers?: SavedLayer[];
}

const STEP = 120_000;
const RED = [0xef, 0x44, 0x44];
const GREEN = [0x22, 0xc5, 0x5e];
const BLUE = [0x3b, 0x82, 0xf6];
const WHITE = [0xff, 0xff, 0xff];
let app: RunningLayercast;
let browser: Browser;
let page: Page;
let session: ApiSession;
let errors: string[];
let templateId = '';
/** Where the group's box went when dragged. */
let moved = { x: 0, y: 0 };

type Hook = {
  viewport(): { zoom: number; panX: number; panY: number };
  selection(): string[];
  exportCanvas(): string | null;
  doc: { layers: SavedLayer[] };
  ready: boolean;
};
const hook = <T>(fn: (h: Hook) => T) => page.evaluate(`(${fn.toString()})(window.__layercast)`) as Promise<T>;

async function save() {
  await page.click('[data-testid="save"]');
  await page.waitForSelector('.save-status.is-saved');
}

/** The top-level layers as the server stores them. */
async function saved(): Promise<SavedLayer[]> {
  const t = await api<{ jsonData: { layers: SavedLayer[] } }>(app.url, session, 'GET', `/api/templates/${templateId}`);
  return t.jsonData.layers;
}

/** The saved template rendered by the server. */
async function render(): Promise<Pixels> {
  const res = await api<{ imageUrl: string }>(app.url, session, 'POST', '/api/generate', { templateId, format: 'png' });
  return decodeImage(Buffer.from(await (await fetch(res.imageUrl)).arrayBuffer()));
}

/** What the canvas draws, at 100 %. */
async function canvasPixels(): Promise<Pixels> {
  const url = await hook((h) => h.exportCanvas());
  return decodeImage(dataUrlBytes(url ?? ''));
}

function colourAt(p: Pixels, x: number, y: number): number[] {
  const i = (y * p.width + x) * 4;
  return [p.data[i]!, p.data[i + 1]!, p.data[i + 2]!];
}

function expectColour(p: Pixels, x: number, y: number, rgb: number[]) {
  const got = colourAt(p, x, y);
  for (let c = 0; c < 3; c++) expect(Math.abs(got[c]! - rgb[c]!), `(${x}, ${y}) is ${got}`).toBeLessThanOrEqual(3);
}

/** The share of pixels that differ by more than 1/255 between the canvas and the server's render. */
function differingShare(a: Pixels, b: Pixels): number {
  expect([a.width, a.height]).toEqual([b.width, b.height]);
  let differ = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(a.data[i + c]! - b.data[i + c]!) > 1) {
        differ++;
        break;
      }
    }
  }
  return differ / (a.width * a.height);
}

async function screen(x: number, y: number) {
  const box = (await page.locator('[data-testid="stage"]').boundingBox())!;
  const v = await hook((h) => h.viewport());
  return { x: box.x + v.panX + x * v.zoom, y: box.y + v.panY + y * v.zoom };
}

async function clickAt(x: number, y: number, options: { shift?: boolean; button?: 'right' } = {}) {
  const p = await screen(x, y);
  if (options.shift) await page.keyboard.down('Shift');
  await page.mouse.click(p.x, p.y, options.button ? { button: options.button } : {});
  if (options.shift) await page.keyboard.up('Shift');
}

async function menuItem(name: string) {
  await page.getByRole('menuitem', { name, exact: true }).click();
}

const rect = (name: string, x: number, y: number, width: number, height: number, fill: string) => ({
  type: 'rect',
  name,
  x,
  y,
  width,
  height,
  fill,
});

describe('groups', () => {
  beforeAll(async () => {
    app = await startLayercast();
    session = await signupViaApi(app.url);
    const template = await api<{ id: string }>(app.url, session, 'POST', '/api/templates', {
      name: 'Groups',
      jsonData: {
        version: 3,
        canvas: { width: 1200, height: 630, background: '#ffffff' },
        layers: [
          rect('a', 100, 100, 100, 80, '#ef4444'),
          rect('b', 300, 250, 200, 60, '#22c55e'),
          rect('c', 800, 400, 50, 120, '#3b82f6'),
        ],
      },
    });
    templateId = template.id;
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
    'groups two layers with Ctrl+G, drags the group as one, and saves one group of two',
    async () => {
      await clickAt(150, 140);
      await clickAt(400, 280, { shift: true });
      await page.keyboard.press('Control+g');
      const doc = await hook((h) => h.doc.layers.map((l) => [l.type, l.name, l.layers?.map((c) => c.name) ?? []]));
      expect(doc).toEqual([
        ['group', 'group', ['a', 'b']],
        ['rect', 'c', []],
      ]);
      expect(await hook((h) => h.selection().length)).toBe(1);
      // The layers panel shows the children under the group, indented.
      expect(await page.locator('[data-testid="layer-row-a"]').getAttribute('data-depth')).toBe('1');

      // Pressing a child on the canvas picks the group: the drag moves both.
      const from = await screen(150, 140);
      const to = await screen(250, 190);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 8 });
      await page.mouse.up();
      await page.screenshot({ path: screenshotPath('groups-dragged.png') });
      await save();

      const layers = await saved();
      expect(layers.map((l) => l.name)).toEqual(['group', 'c']);
      const group = layers[0]!;
      expect(group).toMatchObject({ type: 'group', width: 400, height: 210 });
      // Moved by the drag (snapping may pull it a pixel): one object changed, the children did not.
      expect(Math.abs(group.x - 200)).toBeLessThanOrEqual(2);
      expect(Math.abs(group.y - 150)).toBeLessThanOrEqual(2);
      moved = { x: group.x, y: group.y };
      expect(group.layers?.map((l) => [l.name, l.x, l.y])).toEqual([
        ['a', 0, 0],
        ['b', 200, 150],
      ]);

      const img = await render();
      expectColour(img, moved.x + 50, moved.y + 40, RED);
      expectColour(img, moved.x + 300, moved.y + 180, GREEN);
      expectColour(img, 150, 120, WHITE);
      expectColour(img, 825, 460, BLUE);
      const canvas = await canvasPixels();
      expect(differingShare(canvas, img)).toBeLessThan(0.001);
    },
    STEP,
  );

  it(
    'double-click enters the group and selects the child; Escape goes back out',
    async () => {
      await page.keyboard.press('Escape');
      const p = await screen(500, 330);
      await page.mouse.dblclick(p.x, p.y);
      const ids = await hook((h) => [h.doc.layers[0]?.id, h.doc.layers[0]?.layers?.[1]?.id]);
      expect(await hook((h) => h.selection())).toEqual([ids[1]]);
      await page.keyboard.press('Escape');
      expect(await hook((h) => h.selection())).toEqual([ids[0]]);
    },
    STEP,
  );

  it(
    'ungroups with Ctrl+Shift+G: two top-level layers where they were on the canvas',
    async () => {
      await page.keyboard.press('Control+Shift+g');
      await save();
      const layers = await saved();
      expect(layers.map((l) => [l.type, l.name, l.x, l.y])).toEqual([
        ['rect', 'a', moved.x, moved.y],
        ['rect', 'b', moved.x + 200, moved.y + 150],
        ['rect', 'c', 800, 400],
      ]);
      expect((await hook((h) => h.selection())).length).toBe(2);
      const img = await render();
      expectColour(img, moved.x + 50, moved.y + 40, RED);
      expectColour(img, moved.x + 300, moved.y + 180, GREEN);
      expect(differingShare(await canvasPixels(), img)).toBeLessThan(0.001);
    },
    STEP,
  );

  it(
    'groups and ungroups from the right-click menu, one undo step each',
    async () => {
      await page.keyboard.press('Escape');
      await clickAt(250, 190);
      await clickAt(825, 460, { shift: true });
      await clickAt(825, 460, { button: 'right' });
      await page.waitForSelector('[data-testid="context-menu"]');
      await page.screenshot({ path: screenshotPath('groups-context-menu.png') });
      await menuItem('Group');
      await save();
      let layers = await saved();
      expect(layers.map((l) => [l.type, l.name])).toEqual([
        ['rect', 'b'],
        ['group', 'group'],
      ]);
      expect(layers[1]!.layers?.map((l) => l.name)).toEqual(['a', 'c']);
      let img = await render();
      expectColour(img, 250, 190, RED);
      expectColour(img, 825, 460, BLUE);

      await clickAt(825, 460, { button: 'right' });
      await menuItem('Ungroup');
      await save();
      layers = await saved();
      expect(layers.map((l) => [l.type, l.name, l.x, l.y])).toEqual([
        ['rect', 'b', moved.x + 200, moved.y + 150],
        ['rect', 'a', moved.x, moved.y],
        ['rect', 'c', 800, 400],
      ]);
      img = await render();
      expectColour(img, 250, 190, RED);
      expectColour(img, 825, 460, BLUE);

      // Undo restores the group in one step, redo ungroups it again.
      await page.keyboard.press('Control+z');
      expect(await hook((h) => h.doc.layers.map((l) => l.type))).toEqual(['rect', 'group']);
      await page.keyboard.press('Control+Shift+z');
      expect(await hook((h) => h.doc.layers.map((l) => l.type))).toEqual(['rect', 'rect', 'rect']);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'the layers panel nests, folds and selects children; hiding the group hides them all',
    async () => {
      // State: b, a, c at the top level (a at `moved`).
      await page.click('[data-testid="layer-row-a"] .layer-name');
      await page.click('[data-testid="layer-row-c"] .layer-name', { modifiers: ['Shift'] });
      await page.keyboard.press('Control+g');
      expect(await page.locator('[data-testid="layer-row-c"]').getAttribute('data-depth')).toBe('1');
      await page.click('[aria-label="Collapse group"]');
      expect(await page.locator('[data-testid="layer-row-c"]').count()).toBe(0);
      await page.click('[aria-label="Expand group"]');

      // A child picked in the panel is selected itself: a nudge moves it inside its group.
      await page.click('[data-testid="layer-row-c"] .layer-name');
      const cId = await hook((h) => h.doc.layers[1]?.layers?.[1]?.id);
      expect(await hook((h) => h.selection())).toEqual([cId]);
      await page.keyboard.press('Shift+ArrowRight');
      await save();
      let layers = await saved();
      const group = layers[1]!;
      expect(group.type).toBe('group');
      const c = group.layers!.find((l) => l.name === 'c')!;
      expect(group.x + c.x).toBe(810);
      let img = await render();
      expectColour(img, 815, 460, BLUE);
      expectColour(img, 805, 460, WHITE);

      // Hiding the group (its eye in the panel) hides both children, in the server's render too.
      await page.click('[aria-label="Hide group"]');
      await save();
      layers = await saved();
      expect(layers[1]).toMatchObject({ type: 'group', visible: false });
      img = await render();
      expectColour(img, moved.x + 50, moved.y + 40, WHITE);
      expectColour(img, 835, 460, WHITE);
      expectColour(img, moved.x + 300, moved.y + 180, GREEN);
      expect(differingShare(await canvasPixels(), img)).toBeLessThan(0.001);
      expect(errors).toEqual([]);
    },
    STEP,
  );

  it(
    'resizes a group with the transformer: its children scale with it, on the canvas as on the server',
    async () => {
      await page.click('[aria-label="Show group"]');
      let group = (await saved())[1]!;
      const before = group.layers!.map((l) => [l.x, l.width]);
      // The panel left the canvas inside the group (c was picked there): Escape goes back
      // out with the group selected. Its right-hand handle widens the box by 200.
      await page.keyboard.press('Escape');
      expect(await hook((h) => h.selection())).toEqual([group.id]);
      const from = await screen(group.x + group.width, group.y + group.height / 2);
      const to = await screen(group.x + group.width + 200, group.y + group.height / 2);
      await page.mouse.move(from.x, from.y);
      await page.mouse.down();
      await page.mouse.move(to.x, to.y, { steps: 10 });
      await page.mouse.up();
      await page.screenshot({ path: screenshotPath('groups-resized.png') });
      await save();
      const width = group.width;
      group = (await saved())[1]!;
      // The handle may snap to an edge nearby.
      expect(Math.abs(group.width - (width + 200))).toBeLessThanOrEqual(10);
      const scale = group.width / width;
      group.layers!.forEach((l, i) => {
        expect(l.x).toBeCloseTo(before[i]![0]! * scale, 0);
        expect(l.width).toBeCloseTo(before[i]![1]! * scale, 0);
      });
      const img = await render();
      expect(differingShare(await canvasPixels(), img)).toBeLessThan(0.001);
      expect(errors).toEqual([]);
    },
    STEP,
  );
});
