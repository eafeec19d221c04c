// Crop mode's geometry with the engine's real layout: entering shows the whole image where
// the fitted one lies, moves and resizes stay inside the image, and a commit keeps the
// cropped part where it was on the canvas, rotated layers included.
import { type ImageNode, layoutTemplate } from '@layercast/engine';
import { CURRENT_VERSION, type ImageLayer, LayerSchema, type TemplateDocument } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { commitCrop, cropFractions, moveImage, resizeCrop, startCrop } from './crop';

const NATURAL = { width: 400, height: 200 };

function placed(props: Record<string, unknown>): { layer: ImageLayer; node: ImageNode } {
  const layer = {
    ...LayerSchema.parse({
      type: 'image',
      name: 'photo',
      src: 'photo.png',
      x: 100,
      y: 50,
      width: 200,
      height: 200,
      ...props,
    }),
    id: 'photo',
  } as ImageLayer;
  const doc: TemplateDocument = {
    version: CURRENT_VERSION,
    canvas: { width: 800, height: 600, background: '#ffffff' },
    layers: [layer],
    variables: [],
  };
  const scene = layoutTemplate(doc, {}, {
    images: new Map([['photo.png', NATURAL]]),
  } as unknown as Parameters<typeof layoutTemplate>[2]);
  return { layer, node: scene.nodes[0] as ImageNode };
}

describe('crop mode geometry', () => {
  it('starts from the fitted image: cover of a 2:1 image in a square shows its middle', () => {
    const { node } = placed({ objectFit: 'cover' });
    expect(startCrop(node, NATURAL)).toEqual({
      image: { x: -100, y: 0, width: 400, height: 200 },
      crop: { x: 0, y: 0, width: 200, height: 200 },
    });
  });

  it('keeps the image covering the crop when moved, and the crop inside the image when resized', () => {
    const { node } = placed({ objectFit: 'cover' });
    const draft = startCrop(node, NATURAL)!;
    expect(moveImage(draft, 50, -30).image).toMatchObject({ x: 0, y: 0 });
    expect(moveImage(draft, -500, 0).image.x).toBe(-200);
    expect(resizeCrop(draft, { x: -300, y: 20, width: 1000, height: 500 }).crop).toEqual({
      x: -100,
      y: 20,
      width: 400,
      height: 180,
    });
    expect(resizeCrop(draft, { x: 10, y: 10, width: 1, height: 1 }).crop).toMatchObject({ width: 8, height: 8 });
  });

  it('commits fractions of the image and a box that is the crop rectangle on the canvas', () => {
    const { layer, node } = placed({ objectFit: 'cover' });
    const draft = resizeCrop(startCrop(node, NATURAL)!, { x: 50, y: 0, width: 100, height: 100 });
    const after = commitCrop(layer, node, draft) as ImageLayer;
    expect(after).toMatchObject({ x: 150, y: 50, width: 100, height: 100 });
    expect(after.crop).toEqual({ x: 0.375, y: 0, width: 0.25, height: 0.5 });
    // Laid out again, the committed layer draws that part of the image in that box.
    const again = placed({ ...after, crop: after.crop }).node;
    expect(again.draw).toEqual({
      source: { x: 150, y: 0, width: 100, height: 100 },
      dest: { x: 0, y: 0, width: 100, height: 100 },
    });
  });

  it('keeps the crop where it was on a rotated layer', () => {
    const { layer, node } = placed({ objectFit: 'fill', rotation: 90 });
    const draft = resizeCrop(startCrop(node, NATURAL)!, { x: 0, y: 0, width: 100, height: 100 });
    const after = commitCrop(layer, node, draft);
    // The local top-left quarter of a box rotated 90° about (200, 150) is its top-right on the canvas.
    expect(after).toMatchObject({ x: 200, y: 50, width: 100, height: 100, rotation: 90 });
  });

  it('rounds the fractions and keeps them inside the image', () => {
    const f = cropFractions({
      image: { x: 0, y: 0, width: 3, height: 3 },
      crop: { x: 1, y: 2, width: 2, height: 1.0000001 },
    });
    expect(f).toEqual({ x: 0.33333, y: 0.66667, width: 0.66667, height: 0.33333 });
    expect(f.x + f.width).toBeLessThanOrEqual(1);
  });
});
