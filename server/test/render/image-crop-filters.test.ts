// Image crop and filters through the render API: a template's image rendered as saved, then
// with `crop` and `filters` overrides (one template that shows the right half of a photo,
// or desaturates it), checked by decoding the PNGs; bad overrides are a 422 naming the path.
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from '../support/client';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;

/** A 40×20 PNG: the left half red, the right half blue. */
async function halves(): Promise<string> {
  const raw = Buffer.alloc(40 * 20 * 3);
  for (let y = 0; y < 20; y++) {
    for (let x = 0; x < 40; x++) raw.set(x < 20 ? [220, 38, 38] : [37, 99, 235], (y * 40 + x) * 3);
  }
  const png = await sharp(raw, { raw: { width: 40, height: 20, channels: 3 } })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

beforeAll(async () => {
  app = await startRenderServer();
  templateId = await app.createTemplate({
    version: 4,
    canvas: { width: 200, height: 100, background: '#ffffff' },
    layers: [
      { name: 'photo', type: 'image', x: 0, y: 0, width: 200, height: 100, src: await halves(), objectFit: 'fill' },
    ],
  });
});
afterAll(async () => {
  await app?.close();
});

type Json = { imageUrl?: string; error?: { code: string; details?: { path: string; message: string }[] } };

async function render(layers?: unknown): Promise<{ at(x: number, y: number): number[] }> {
  const res = await app.generate({ templateId, format: 'png', ...(layers ? { layers } : {}) });
  const json = (await res.json()) as Json;
  expect(res.status, JSON.stringify(json)).toBe(200);
  const png = Buffer.from(await (await fetch(json.imageUrl!)).arrayBuffer());
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { at: (x, y) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)] };
}

const near = (got: number[], want: number[]) => got.every((v, i) => Math.abs(v - (want[i] ?? 0)) <= 3);

describe('image crop and filters in renders', () => {
  it('draws the template as saved: red on the left, blue on the right', async () => {
    const image = await render();
    expect(near(image.at(40, 50), [220, 38, 38])).toBe(true);
    expect(near(image.at(160, 50), [37, 99, 235])).toBe(true);
  });

  it('a crop override shows only the right half of the image, stretched over the layer', async () => {
    const image = await render({ photo: { crop: { x: 0.5, y: 0, width: 0.5, height: 1 } } });
    expect(near(image.at(10, 50), [37, 99, 235])).toBe(true);
    expect(near(image.at(190, 50), [37, 99, 235])).toBe(true);
  });

  it('a filters override desaturates the photo: both halves grey, red lighter than blue by their luma', async () => {
    const image = await render({ photo: { filters: { grayscale: 1 } } });
    const left = image.at(40, 50);
    const right = image.at(160, 50);
    for (const [r, g, b] of [left, right]) expect(Math.max(r!, g!, b!) - Math.min(r!, g!, b!)).toBeLessThanOrEqual(1);
    // Rec. 709 luma: red 220,38,38 → 76; blue 37,99,235 → 96.
    expect(left[0]).toBeGreaterThanOrEqual(74);
    expect(left[0]).toBeLessThanOrEqual(78);
    expect(right[0]).toBeGreaterThanOrEqual(94);
    expect(right[0]).toBeLessThanOrEqual(98);
  });

  it('refuses a crop outside the image and an unknown filter with 422 and the path', async () => {
    const res = await app.generate({
      templateId,
      layers: { photo: { crop: { x: 0.6, y: 0, width: 0.6, height: 1 }, filters: { sepia: 1 } } },
    });
    expect(res.status).toBe(422);
    const json = (await res.json()) as Json;
    expect(json.error?.code).toBe('invalid_overrides');
    expect(json.error?.details).toEqual(
      expect.arrayContaining([
        { path: 'layers.photo.crop.width', message: 'expected x + width to be at most 1' },
        expect.objectContaining({ path: 'layers.photo.filters.sepia' }),
      ]),
    );
  });

  it("publishes crop and filters in the template's render contract", async () => {
    const res = await send(app.url, 'GET', `/api/templates/${templateId}/contract`, { as: app.session });
    expect(res.status).toBe(200);
    const contract = (await res.json()) as {
      properties: { layers: { properties: { photo: { properties: Record<string, unknown> } } } };
    };
    const photo = contract.properties.layers.properties.photo.properties;
    expect(Object.keys(photo)).toEqual(expect.arrayContaining(['crop', 'filters', 'borderRadius']));
  });
});
