// Image crop, masks and filters: what a document may say and how a bad value is refused.
import { describe, expect, it } from 'vitest';
import { type ImageLayer, applyOverrides, loadTemplate, overridableProperties, parseOverrides } from '../src/index';
import { type Json, lines, rejectionOf, validDocument } from './helpers';

function withAvatar(props: Json) {
  const doc = validDocument();
  doc.layers[1] = { ...doc.layers[1], ...props };
  return doc;
}

const avatarOf = (input: unknown) => loadTemplate(input).layers[1] as ImageLayer;

describe('image crop', () => {
  it('accepts a crop as fractions of the source image', () => {
    const crop = { x: 0.25, y: 0.1, width: 0.5, height: 0.75 };
    expect(avatarOf(withAvatar({ crop })).crop).toEqual(crop);
  });

  it('allows fractions that sum to 1 up to rounding, as a browser computes them', () => {
    const crop = { x: 0.1 + 0.2, y: 0, width: 0.7, height: 1 };
    expect(avatarOf(withAvatar({ crop })).crop).toEqual(crop);
  });

  it('refuses a crop outside the image, with the path of each bad field', () => {
    expect(lines(rejectionOf(withAvatar({ crop: { x: -0.1, y: 0, width: 0, height: 1.5 } })))).toEqual([
      'layers[1].crop.x: expected a number from 0 to 1',
      'layers[1].crop.width: expected a number above 0 and at most 1',
      'layers[1].crop.height: expected a number above 0 and at most 1',
    ]);
    expect(lines(rejectionOf(withAvatar({ crop: { x: 0.5, y: 0.6, width: 0.6, height: 0.5 } })))).toEqual([
      'layers[1].crop.width: expected x + width to be at most 1',
      'layers[1].crop.height: expected y + height to be at most 1',
    ]);
  });

  it('refuses a crop missing a field or with an unknown one', () => {
    expect(lines(rejectionOf(withAvatar({ crop: { x: 0, y: 0, width: 1 } })))).toEqual([
      'layers[1].crop.height: required: expected a number above 0 and at most 1',
    ]);
    expect(lines(rejectionOf(withAvatar({ crop: 'center' })))).toEqual([
      'layers[1].crop: expected { "x", "y", "width", "height" } as fractions 0..1 of the image',
    ]);
  });
});

describe('image masks', () => {
  it('defaults to a rect mask rounded by borderRadius, as before', () => {
    expect(avatarOf(withAvatar({ borderRadius: 16 }))).toMatchObject({ mask: 'rect', borderRadius: 16 });
  });

  it('accepts an ellipse mask and per-corner radii', () => {
    expect(avatarOf(withAvatar({ mask: 'ellipse' })).mask).toBe('ellipse');
    expect(avatarOf(withAvatar({ borderRadius: [40, 0, 40, 0] })).borderRadius).toEqual([40, 0, 40, 0]);
  });

  it('refuses an unknown mask and a radius list of the wrong length', () => {
    expect(lines(rejectionOf(withAvatar({ mask: 'star' })))).toEqual(['layers[1].mask: expected one of rect, ellipse']);
    expect(lines(rejectionOf(withAvatar({ borderRadius: [1, 2, 3] })))).toEqual([
      'layers[1].borderRadius: expected a radius, or [top-left, top-right, bottom-right, bottom-left] radii',
    ]);
    expect(lines(rejectionOf(withAvatar({ borderRadius: [1, 2, -3, 4] })))).toEqual([
      'layers[1].borderRadius[2]: expected a number from 0 to 10000',
    ]);
  });
});

describe('image filters', () => {
  it('accepts each filter, a tint amount defaulting to 1', () => {
    const filters = { grayscale: 1, brightness: -0.2, contrast: 0.5, blur: 4, tint: { color: '#c026d3' } };
    expect(avatarOf(withAvatar({ filters })).filters).toEqual({ ...filters, tint: { color: '#c026d3', amount: 1 } });
  });

  it('refuses values out of range and unknown filters, by path', () => {
    expect(
      lines(
        rejectionOf(
          withAvatar({ filters: { grayscale: 2, brightness: -3, blur: 500, tint: { color: 'nope', amount: 0.5 } } }),
        ),
      ),
    ).toEqual([
      'layers[1].filters.grayscale: expected a number from 0 to 1',
      'layers[1].filters.brightness: expected a number from -1 to 1',
      'layers[1].filters.blur: expected a number from 0 to 100',
      'layers[1].filters.tint.color: expected a CSS colour such as #1a2b3c, rgba(0, 0, 0, 0.5) or a colour name',
    ]);
    expect(lines(rejectionOf(withAvatar({ filters: { sepia: 1 } })))).toEqual([
      'layers[1].filters.sepia: unknown property',
    ]);
  });
});

describe('crop and filters as render overrides', () => {
  const doc = loadTemplate(withAvatar({ filters: { blur: 3 }, crop: { x: 0, y: 0, width: 1, height: 1 } }));

  it('are overridable on image layers', () => {
    expect(overridableProperties('image')).toEqual(expect.arrayContaining(['crop', 'filters', 'borderRadius']));
  });

  it('replace the template crop and filters whole', () => {
    const result = parseOverrides(doc, {
      avatar: { filters: { grayscale: 1 }, crop: { x: 0.5, y: 0, width: 0.5, height: 1 } },
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const avatar = applyOverrides(doc, result.value).layers[1] as ImageLayer;
    expect(avatar.filters).toEqual({ grayscale: 1 });
    expect(avatar.crop).toEqual({ x: 0.5, y: 0, width: 0.5, height: 1 });
  });

  it('are refused with the path under the layer name', () => {
    const result = parseOverrides(doc, {
      avatar: { filters: { grayscale: -1 }, crop: { x: 0.9, y: 0, width: 0.5, height: 1 } },
    });
    expect(result.ok ? [] : lines(result.errors)).toEqual([
      'layers.avatar.crop.width: expected x + width to be at most 1',
      'layers.avatar.filters.grayscale: expected a number from 0 to 1',
    ]);
  });
});
