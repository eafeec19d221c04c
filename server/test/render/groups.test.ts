// Group layers over real HTTP: a group and its children take overrides by name (POST
// /api/generate and the render URL's shorthand), bad ones are refused with their path, and
// the published contract lists them; the images are decoded and their pixels read.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;

const WHITE = [255, 255, 255, 255];
const BLUE = [0x1d, 0x4e, 0xd8, 255];
const RED = [0xdc, 0x26, 0x26, 255];

/** A white card with a group "badge" at (100, 50): a blue plate and a small square inside it. */
const groupTemplate = {
  version: 4,
  canvas: { width: 300, height: 200, background: '#ffffff' },
  layers: [
    {
      type: 'group',
      name: 'badge',
      x: 100,
      y: 50,
      width: 120,
      height: 80,
      layers: [
        { type: 'rect', name: 'plate', x: 0, y: 0, width: 120, height: 80, fill: '#1d4ed8' },
        { type: 'rect', name: 'chip', x: 10, y: 10, width: 20, height: 20, fill: '#1d4ed8' },
      ],
    },
  ],
};

beforeAll(async () => {
  app = await startRenderServer();
  templateId = await app.createTemplate(groupTemplate);
});
afterAll(async () => {
  await app?.close();
});

type Json = Record<string, unknown> & { error?: { code: string; details?: { path: string; message: string }[] } };

async function render(layers: unknown): Promise<(x: number, y: number) => number[]> {
  const res = await app.generate({ templateId, layers, format: 'png' });
  const json = (await res.json()) as Json;
  if (res.status !== 200) throw new Error(`generate failed: ${res.status} ${JSON.stringify(json)}`);
  return pixels(Buffer.from(await (await fetch(json.imageUrl as string)).arrayBuffer()));
}

async function pixels(png: Buffer): Promise<(x: number, y: number) => number[]> {
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return (x, y) => {
    const i = (y * info.width + x) * 4;
    return [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
  };
}

describe('groups in renders', () => {
  it('draws the group with its children placed relative to its box', async () => {
    const at = await render({});
    expect(at(150, 100)).toEqual(BLUE);
    expect(at(115, 65)).toEqual(BLUE);
    expect(at(50, 50)).toEqual(WHITE);
  });

  it('hides the whole group with {"badge":{"visible":false}}', async () => {
    const at = await render({ badge: { visible: false } });
    expect(at(150, 100)).toEqual(WHITE);
    expect(at(115, 65)).toEqual(WHITE);
  });

  it('moves the group with x and y, children along', async () => {
    const at = await render({ badge: { x: 0, y: 0 }, chip: { fill: '#dc2626' } });
    expect(at(15, 15)).toEqual(RED);
    expect(at(100, 70)).toEqual(BLUE);
    expect(at(150, 100)).toEqual(WHITE);
  });

  it('overrides a child by its name', async () => {
    const at = await render({ chip: { fill: '#dc2626', width: 40 } });
    expect(at(115, 65)).toEqual(RED);
    expect(at(145, 65)).toEqual(RED);
    expect(at(150, 100)).toEqual(BLUE);
  });

  it('refuses a property a group does not have, naming the path', async () => {
    const res = await app.generate({ templateId, layers: { badge: { fill: 'red' } } });
    expect(res.status).toBe(422);
    const json = (await res.json()) as Json;
    expect(json.error?.details).toEqual([
      {
        path: 'layers.badge.fill',
        message: 'group layers have no overridable property "fill"; expected one of visible, opacity, x, y',
      },
    ]);
  });

  it('publishes the group and its children in the template contract', async () => {
    const res = await fetch(`${app.url}/api/templates/${templateId}/contract`, {
      headers: { authorization: `Bearer ${app.key.key}` },
    });
    expect(res.status).toBe(200);
    const schema = (await res.json()) as { properties: { layers: { properties: Record<string, unknown> } } };
    expect(Object.keys(schema.properties.layers.properties)).toEqual(['badge', 'plate', 'chip']);
  });

  it('takes the render URL shorthand for a child and refuses it for a group', async () => {
    const publicId = await app.createTemplate(groupTemplate, { isPublic: true });
    const res = await fetch(`${app.url}/api/render?templateId=${publicId}&chip=${encodeURIComponent('#dc2626')}`);
    expect(res.status).toBe(200);
    const at = await pixels(Buffer.from(await res.arrayBuffer()));
    expect(at(115, 65)).toEqual(RED);
    expect(at(150, 100)).toEqual(BLUE);

    const refused = await fetch(`${app.url}/api/render?templateId=${publicId}&badge=false`);
    expect(refused.status).toBe(422);
    const json = (await refused.json()) as Json;
    expect(json.error?.details).toEqual([
      {
        path: 'badge',
        message: '"badge" is a group, which has no shorthand; set visible, opacity, x or y in layers={"badge":{...}}',
      },
    ]);
  });
});
