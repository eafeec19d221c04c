// Bulk CSV headers reach layers inside groups by their own names; a group is a column only
// with a property named.
import { loadTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { mapHeader } from '../../src/jobs/bulk-rows';

const doc = loadTemplate({
  version: 4,
  canvas: { width: 400, height: 200 },
  layers: [
    {
      type: 'group',
      name: 'badge',
      width: 200,
      height: 100,
      layers: [{ type: 'text', name: 'label', width: 200, height: 50, text: 'Hi' }],
    },
  ],
});

describe('bulk columns and groups', () => {
  it('maps a child by its name and a group by a named property', () => {
    expect(mapHeader('label', doc).target).toEqual({ layer: 'label', property: 'text' });
    expect(mapHeader('badge.visible', doc).target).toEqual({ layer: 'badge', property: 'visible' });
  });

  it('refuses a group without a property, saying what to write', () => {
    expect(mapHeader('badge', doc)).toMatchObject({
      target: null,
      error: '"badge" is a group, which has no shorthand; name a property such as badge.visible',
    });
  });
});
