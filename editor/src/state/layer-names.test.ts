import { describe, expect, it } from 'vitest';
import { LayerNameSchema } from '@layercast/shared';
import { defaultLayerName, sanitizeLayerName, uniqueLayerName, validateLayerName } from './layer-names';

const layers = [
  { id: 'a', name: 'title' },
  { id: 'b', name: 'text' },
  { id: 'c', name: 'text_2' },
];

describe('layer naming rules', () => {
  it('accepts API-safe unique names and the layer keeping its own name', () => {
    expect(validateLayerName('subtitle', layers)).toBeNull();
    expect(validateLayerName('title', layers, 'a')).toBeNull();
    expect(validateLayerName('hero-image_2', layers)).toBeNull();
  });

  it('refuses empty, duplicate, too long and unsafe names with a reason', () => {
    expect(validateLayerName('', layers)).toMatch(/required/);
    expect(validateLayerName('title', layers, 'b')).toMatch(/already named "title"/);
    expect(validateLayerName('my title', layers)).toMatch(/letters, digits, _ and -/);
    expect(validateLayerName('tïtle', layers)).toMatch(/letters, digits/);
    expect(validateLayerName('x'.repeat(65), layers)).toMatch(/at most 64/);
  });

  it('agrees with the schema the server validates with', () => {
    for (const name of ['title', 'a-b_c9', 'my title', 'été', '', 'x'.repeat(64), 'x'.repeat(65), '{{x}}']) {
      const editorOk = validateLayerName(name, []) === null;
      expect(editorOk, name).toBe(LayerNameSchema.safeParse(name).success);
    }
  });

  it('turns free text into a usable name', () => {
    expect(sanitizeLayerName('Hero title!')).toBe('Hero_title');
    expect(sanitizeLayerName('  Café  au lait ')).toBe('Cafe_au_lait');
    expect(sanitizeLayerName('标题')).toBe('');
  });

  it('proposes the next free name for a new or pasted layer', () => {
    expect(defaultLayerName('text', layers)).toBe('text_3');
    expect(defaultLayerName('image', layers)).toBe('image');
    expect(uniqueLayerName('title', ['title'])).toBe('title_2');
    expect(uniqueLayerName('title_2', ['title', 'title_2'])).toBe('title_3');
    expect(uniqueLayerName('标题', [])).toBe('layer');
    const long = 'n'.repeat(64);
    const next = uniqueLayerName(long, [long]);
    expect(next.length).toBe(64);
    expect(next.endsWith('_2')).toBe(true);
  });
});
