// Versioned documents: old ones are migrated on read, future ones are refused.
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, type ImageLayer, type RectLayer, parseTemplate } from '../src/index';
import { lines, rejectionOf } from './helpers';

const v1 = () => ({
  canvas: { width: 1200, height: 630, background: '#ffffff' },
  layers: [
    {
      name: 'logo',
      type: 'image',
      x: 40,
      y: 40,
      width: 120,
      height: 120,
      image_url: 'https://example.com/logo.png',
      borderRadius: 60,
    },
    { name: 'card', type: 'rect', x: 0, y: 0, width: 600, height: 300, fill: '#eeeeee', borderRadius: 24 },
    { name: 'title', type: 'text', x: 40, y: 200, width: 800, height: 100, text: 'Hello' },
  ],
  variables: [],
});

describe('migration', () => {
  it('reads a version-1 document (no version field) as version 2 with src and cornerRadius', () => {
    const result = parseTemplate(v1());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.version).toBe(CURRENT_VERSION);
    const logo = result.value.layers[0] as ImageLayer;
    const card = result.value.layers[1] as RectLayer;
    expect(logo.src).toBe('https://example.com/logo.png');
    expect(logo).not.toHaveProperty('image_url');
    // On images borderRadius keeps its meaning (clipping); on rectangles it becomes cornerRadius.
    expect(logo.borderRadius).toBe(60);
    expect(card.cornerRadius).toBe(24);
    expect(card).not.toHaveProperty('borderRadius');
  });

  it('migrates an explicit version 1 the same way, without touching the input', () => {
    const input = { version: 1, ...v1() };
    const copy = structuredClone(input);
    const result = parseTemplate(input);
    expect(result.ok && (result.value.layers[1] as RectLayer).cornerRadius).toBe(24);
    expect(input).toEqual(copy);
  });

  it('still validates after migrating: a v1 error is reported at its v2 path', () => {
    const doc = v1();
    (doc.layers[1] as Record<string, unknown>).borderRadius = -5;
    expect(lines(rejectionOf(doc))).toEqual(['layers[1].cornerRadius: expected a number from 0 to 10000']);
  });

  it('carries a version-2 document over to version 3 unchanged, with direction auto', () => {
    const v2 = {
      version: 2,
      canvas: { width: 400, height: 200 },
      layers: [{ name: 'title', type: 'text', width: 300, height: 80, text: 'Hello', textAlign: 'right' }],
    };
    const result = parseTemplate(v2);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.version).toBe(CURRENT_VERSION);
    expect(result.value.layers[0]).toMatchObject({ text: 'Hello', textAlign: 'right', direction: 'auto' });
    expect(v2).not.toHaveProperty('layers.0.direction');
  });

  it('reads direction and the logical alignments in version 3', () => {
    const result = parseTemplate({
      version: 3,
      canvas: { width: 400, height: 200 },
      layers: [{ name: 't', type: 'text', width: 300, height: 80, text: 'שלום', direction: 'rtl', textAlign: 'start' }],
    });
    expect(result.ok && result.value.layers[0]).toMatchObject({ direction: 'rtl', textAlign: 'start' });
  });

  it('carries a version-3 image over to version 4 meaning the same: rect mask, its radius, no crop or filters', () => {
    const v3 = {
      version: 3,
      canvas: { width: 400, height: 200 },
      layers: [
        { name: 'logo', type: 'image', width: 100, height: 100, src: 'https://example.com/a.png', borderRadius: 12 },
      ],
    };
    const result = parseTemplate(v3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.version).toBe(4);
    const logo = result.value.layers[0] as ImageLayer;
    expect(logo).toMatchObject({ mask: 'rect', borderRadius: 12 });
    expect(logo.crop).toBeUndefined();
    expect(logo.filters).toBeUndefined();
  });

  it('refuses a document from the future, by version', () => {
    expect(lines(rejectionOf({ ...v1(), version: 99 }))).toEqual([
      `version: version 99 is newer than this server understands (up to ${CURRENT_VERSION})`,
    ]);
  });

  it('refuses versions that are not whole numbers from 1', () => {
    for (const version of [0, -1, 1.5, '2']) {
      expect(lines(rejectionOf({ ...v1(), version }))).toEqual([
        `version: expected a whole number from 1 to ${CURRENT_VERSION}`,
      ]);
    }
  });
});
