// Editing while a size variant is shown: geometry and style go to its overrides, content
// and structure to the base design; the base and other sizes are left alone.
import { type TemplateDocument, parseTemplate } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, selectDoc, selectFullDoc } from './document-store';
import { nudgeLayers, removeLayers, updateLayers } from './layer-ops';
import { withoutOverrides } from './variant-edit';

function doc(): TemplateDocument {
  const r = parseTemplate({
    version: 4,
    canvas: { width: 1200, height: 630 },
    layers: [
      { type: 'rect', name: 'bg', width: 1200, height: 630 },
      { type: 'text', name: 'title', text: 'Hello', x: 80, y: 80, width: 600, height: 120 },
    ],
    variants: [
      { name: 'square', width: 1080, height: 1080, layers: { bg: { width: 1080, height: 1080 } } },
      { name: 'story', width: 1080, height: 1920, layers: { title: { y: 900 } } },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

describe('editing a size variant', () => {
  it('shows the variant as a plain document of its size', () => {
    const store = createDocumentStore(doc());
    store.getState().setVariant('square');
    const view = selectDoc(store.getState());
    expect(view.canvas).toMatchObject({ width: 1080, height: 1080 });
    expect(view.layers[0]).toMatchObject({ width: 1080, height: 1080 });
    expect(selectDoc(store.getState())).toBe(view);
  });

  it('writes moves to the variant only, and content to the base', () => {
    const store = createDocumentStore(doc());
    const s = () => store.getState();
    s().setVariant('square');
    s().change((d) => nudgeLayers(d, ['title'], 10, 20));
    s().change((d) => updateLayers(d, ['title'], { text: 'Changed', fontSize: 64 }));
    const full = selectFullDoc(s());
    expect(full.layers[1]).toMatchObject({ x: 80, y: 80, text: 'Changed', fontSize: 48 });
    expect(full.variants?.[0]?.layers.title).toEqual({ x: 90, y: 100, fontSize: 64 });
    expect(full.variants?.[1]).toEqual(doc().variants?.[1]);
    expect(parseTemplate(full).ok).toBe(true);
    s().undo();
    s().undo();
    expect(selectFullDoc(s())).toEqual(doc());
  });

  it('keeps every variant in step when a layer is renamed or removed', () => {
    const store = createDocumentStore(doc());
    const s = () => store.getState();
    s().change((d) => updateLayers(d, ['title'], { name: 'headline' }));
    expect(selectFullDoc(s()).variants?.[1]?.layers).toEqual({ headline: { y: 900 } });
    s().setVariant('square');
    s().change((d) => removeLayers(d, ['bg']));
    const full = selectFullDoc(s());
    expect(full.layers.map((l) => l.name)).toEqual(['headline']);
    expect(full.variants?.map((v) => v.layers)).toEqual([{}, { headline: { y: 900 } }]);
    expect(parseTemplate(full).ok).toBe(true);
  });

  it('resizes the variant, not the base, from the canvas size', () => {
    const store = createDocumentStore(doc());
    store.getState().setVariant('story');
    store.getState().change((d) => ({ ...d, canvas: { ...d.canvas, height: 1350 } }));
    const full = selectFullDoc(store.getState());
    expect(full.canvas).toMatchObject({ width: 1200, height: 630 });
    expect(full.variants?.[1]).toMatchObject({ width: 1080, height: 1350 });
  });

  it('gives a layer its base values back in one undoable step, the variant still shown', () => {
    const store = createDocumentStore(doc());
    const s = () => store.getState();
    s().setVariant('story');
    expect(selectDoc(s()).layers[1]).toMatchObject({ y: 900 });
    s().changeWhole((d) => withoutOverrides(d, 'story', ['title']));
    expect(s().variant).toBe('story');
    expect(selectDoc(s()).layers[1]).toMatchObject({ y: 80 });
    expect(selectFullDoc(s()).variants?.find((v) => v.name === 'story')?.layers).toEqual({});
    // The other variant keeps its own.
    expect(selectFullDoc(s()).variants?.find((v) => v.name === 'square')?.layers).toEqual({
      bg: { width: 1080, height: 1080 },
    });
    s().undo();
    expect(selectDoc(s()).layers[1]).toMatchObject({ y: 900 });
  });
});
