// Size variants: validation (names, layers, properties), resolution by name and by platform,
// and the starting point "Add size" makes.
import { describe, expect, it } from 'vitest';
import {
  type TextLayer,
  loadTemplate,
  parseTemplate,
  renderContractJsonSchema,
  resolveVariant,
  scaleToVariant,
  variantNames,
} from '../src/index';
import { type Json, lines, rejectionOf, validDocument } from './helpers';

const square = { name: 'square', width: 1080, height: 1080, layers: { title: { x: 60, y: 700, fontSize: 96 } } };
const withVariants = (...variants: Json[]) => ({ ...validDocument(), variants });

describe('validation', () => {
  it('accepts variants and keeps them in the parsed document', () => {
    const doc = loadTemplate(withVariants(square));
    expect(doc.variants).toEqual([square]);
  });

  it('names the variant, the missing layer and the layers that exist', () => {
    expect(lines(rejectionOf(withVariants({ ...square, layers: { headline: { x: 1 } } })))).toEqual([
      'variants[0].layers.headline: variant "square" overrides a layer named "headline", which the template lacks; its layers are: title, avatar, panel, dot',
    ]);
  });

  it('refuses a property the layer kind cannot vary, listing those it can', () => {
    const [issue] = lines(rejectionOf(withVariants({ ...square, layers: { title: { text: 'Other' } } })));
    expect(issue).toMatch(
      /^variants\[0\]\.layers\.title\.text: a variant cannot set "text" on a text layer; expected one of x, y, width, height, rotation, opacity, visible, fontSize/,
    );
  });

  it('checks values with the layer schema bounds', () => {
    expect(lines(rejectionOf(withVariants({ ...square, layers: { title: { fontSize: 0 } } })))).toEqual([
      'variants[0].layers.title.fontSize: expected a number from 1 to 1000',
    ]);
    expect(lines(rejectionOf(withVariants({ ...square, layers: { avatar: { objectFit: 'stretch' } } })))).toEqual([
      'variants[0].layers.avatar.objectFit: expected one of cover, contain, fill, none',
    ]);
  });

  it('refuses bad and repeated names and sizes out of range', () => {
    expect(lines(rejectionOf(withVariants(square, { ...square, layers: {} })))).toEqual([
      'variants[1].name: expected a unique name; "square" is also the name of variants[0]',
    ]);
    expect(lines(rejectionOf(withVariants({ ...square, name: 'Square!' })))).toEqual([
      'variants[0].name: expected 1 to 40 characters of a-z, 0-9 or -',
    ]);
    expect(lines(rejectionOf(withVariants({ ...square, width: 8 })))).toEqual([
      'variants[0].width: expected a whole number from 16 to 4096',
    ]);
  });

  it('reads a version-3 document without variants as version 4 with none', () => {
    const result = parseTemplate({ ...validDocument(), version: 3 });
    expect(result.ok && result.value.version).toBe(4);
    expect(result.ok && result.value.variants).toEqual([]);
  });
});

describe('resolveVariant', () => {
  const doc = loadTemplate(withVariants(square, { name: 'banner', width: 1500, height: 500, layers: {} }));

  it('gives a plain document of the variant size with the overrides over the base', () => {
    const result = resolveVariant(doc, 'square');
    if (!result.ok) throw new Error('expected a document');
    expect(result.variant).toBe('square');
    expect(result.value.canvas).toMatchObject({ width: 1080, height: 1080, background: '#ffffff' });
    expect(result.value.variants).toBeUndefined();
    const title = result.value.layers[0] as TextLayer;
    expect(title).toMatchObject({ x: 60, y: 700, fontSize: 96, width: 800, text: 'Hello {{author}}' });
    // The base is untouched.
    expect(doc.layers[0]).toMatchObject({ x: 80, y: 80, fontSize: 48 });
    expect(result.value.layers.slice(1)).toEqual(doc.layers.slice(1));
  });

  it('returns the base when no variant is asked for', () => {
    expect(resolveVariant(doc, undefined)).toEqual({ ok: true, value: doc, variant: null });
  });

  it('takes a platform name for the variant of its size, and for the base of its size', () => {
    expect(resolveVariant(doc, 'instagram')).toMatchObject({ ok: true, variant: 'square' });
    // The base canvas is 1200×630: og, facebook and slack name it.
    expect(resolveVariant(doc, 'og')).toEqual({ ok: true, value: doc, variant: null });
    expect(variantNames(doc)).toEqual(['square', 'banner', 'og', 'facebook', 'slack', 'instagram']);
  });

  it('prefers a variant named like a platform over the size rule', () => {
    const named = loadTemplate(withVariants(square, { name: 'instagram', width: 1080, height: 1350, layers: {} }));
    expect(resolveVariant(named, 'instagram')).toMatchObject({ ok: true, variant: 'instagram' });
  });

  it('refuses an unknown name, listing what it accepts', () => {
    expect(resolveVariant(doc, 'story')).toEqual({
      ok: false,
      errors: [
        {
          path: 'variant',
          message:
            'the template has no variant "story"; its variants are: square, banner, og, facebook, slack, instagram',
        },
      ],
    });
  });

  it('is published in the render contract', () => {
    const schema = renderContractJsonSchema(doc, { id: 't1', version: 1, name: 'Card' }) as {
      properties: { variant: { enum: string[] } };
      'x-layercast': { variants: unknown[] };
    };
    expect(schema.properties.variant.enum).toEqual(variantNames(doc));
    expect(schema['x-layercast'].variants).toEqual([
      { name: 'square', width: 1080, height: 1080 },
      { name: 'banner', width: 1500, height: 500 },
    ]);
  });
});

describe('scaleToVariant (Add size)', () => {
  const doc = loadTemplate({
    version: 4,
    canvas: { width: 1200, height: 600 },
    layers: [
      { name: 'bg', type: 'rect', x: 0, y: 0, width: 1200, height: 600 },
      { name: 'logo', type: 'image', x: 40, y: 40, width: 100, height: 100 },
      { name: 'title', type: 'text', x: 400, y: 250, width: 400, height: 100, fontSize: 40 },
      { name: 'badge', type: 'rect', x: 1060, y: 500, width: 100, height: 60, cornerRadius: 10 },
    ],
  });
  const variant = scaleToVariant(doc, 'square', 600, 600);

  it('keeps full-bleed layers full-bleed', () => {
    expect(variant.layers.bg).toEqual({ width: 600 }); // 600 high already
  });

  it('scales sizes by the smaller ratio and keeps each layer to its nearest edge or centre', () => {
    // Ratios: 0.5 across, 1 down; sizes scale by 0.5.
    // Only what changes is set: the logo's y stays 40, inherited.
    expect(variant.layers.logo).toEqual({ x: 20, width: 50, height: 50 });
    expect(variant.layers.title).toMatchObject({ x: 200, y: 275, width: 200, height: 50, fontSize: 20 });
    // Right and bottom: its margins to those edges scale by the ratios.
    expect(variant.layers.badge).toEqual({ x: 530, y: 530, width: 50, height: 30, cornerRadius: 5 });
  });

  it('gives a variant the document accepts', () => {
    const result = parseTemplate({ ...doc, variants: [variant] });
    expect(result.ok ? '' : lines(result.errors)).toBe('');
  });
});
