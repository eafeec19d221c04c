import { parseTemplate, type TemplateDocument } from '@layercast/shared';
import { describe, expect, it } from 'vitest';
import { createDocumentStore, selectCanRedo, selectCanUndo, selectDirty, selectDoc } from './document-store';
import {
  addLayer,
  duplicateLayers,
  insertCopies,
  makeLayer,
  moveLayerTo,
  nudgeLayers,
  removeLayers,
  reorderLayers,
  updateLayers,
} from './layer-ops';

function doc(): TemplateDocument {
  const r = parseTemplate({
    version: 2,
    canvas: { width: 1200, height: 630 },
    layers: [
      { type: 'rect', name: 'bg', width: 1200, height: 630, locked: true },
      { type: 'text', name: 'title', text: 'Hello', x: 80, y: 80, width: 600, height: 120 },
      { type: 'image', name: 'logo', x: 1000, y: 40, width: 120, height: 120 },
    ],
  });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
}

const names = (d: TemplateDocument) => d.layers.map((l) => l.name);

describe('document store', () => {
  it('tracks unsaved changes against the last saved document, through undo and redo', () => {
    const store = createDocumentStore(doc());
    const s = () => store.getState();
    expect(selectDirty(s())).toBe(false);
    s().change((d) => updateLayers(d, ['title'], { text: 'Changed' }));
    expect(selectDirty(s())).toBe(true);
    expect(selectCanUndo(s())).toBe(true);
    s().undo();
    expect(selectDirty(s())).toBe(false);
    expect(selectCanRedo(s())).toBe(true);
    s().redo();
    const changed = selectDoc(s());
    expect(changed.layers[1]).toMatchObject({ text: 'Changed' });
    s().markSaved(changed);
    expect(selectDirty(s())).toBe(false);
  });

  it('records a change that does nothing as no step', () => {
    const store = createDocumentStore(doc());
    store.getState().change((d) => updateLayers(d, ['title'], { text: 'Hello' }));
    expect(selectCanUndo(store.getState())).toBe(false);
  });

  it('turns a drag into one undo step, and a cancelled drag into none', () => {
    const store = createDocumentStore(doc());
    const s = () => store.getState();
    s().beginGesture();
    for (let x = 81; x <= 120; x++) s().preview((d) => updateLayers(d, ['title'], { x }));
    s().endGesture();
    expect(selectDoc(s()).layers[1]?.x).toBe(120);
    s().undo();
    expect(selectDoc(s()).layers[1]?.x).toBe(80);
    expect(selectCanUndo(s())).toBe(false);

    s().beginGesture();
    s().preview((d) => updateLayers(d, ['title'], { x: 500 }));
    s().cancelGesture();
    expect(selectDoc(s()).layers[1]?.x).toBe(80);
    expect(selectCanUndo(s())).toBe(false);
  });

  it('loading a template starts a fresh history', () => {
    const store = createDocumentStore(doc());
    store.getState().change((d) => removeLayers(d, ['logo']));
    store.getState().load(doc());
    expect(selectCanUndo(store.getState())).toBe(false);
    expect(selectDirty(store.getState())).toBe(false);
  });
});

describe('layer edits', () => {
  it('creates layers with every schema default and a fresh id', () => {
    const d = doc();
    const layer = makeLayer({ type: 'text', name: 'subtitle', width: 400, height: 60 }, d);
    expect(layer).toMatchObject({ type: 'text', fontSize: 48, fontFamily: 'Inter', opacity: 1, visible: true });
    expect(d.layers.map((l) => l.id)).not.toContain(layer.id);
    const next = addLayer(d, layer);
    expect(names(next)).toEqual(['bg', 'title', 'logo', 'subtitle']);
    expect(parseTemplate(next).ok).toBe(true);
  });

  it('reorders forward, backward, to front and to back', () => {
    const d = doc();
    expect(names(reorderLayers(d, ['bg'], 'forward'))).toEqual(['title', 'bg', 'logo']);
    expect(names(reorderLayers(d, ['logo'], 'backward'))).toEqual(['bg', 'logo', 'title']);
    expect(names(reorderLayers(d, ['bg', 'title'], 'front'))).toEqual(['logo', 'bg', 'title']);
    expect(names(reorderLayers(d, ['logo'], 'back'))).toEqual(['logo', 'bg', 'title']);
    expect(reorderLayers(d, ['logo'], 'front')).toBe(d);
    expect(names(moveLayerTo(d, 'bg', 2))).toEqual(['title', 'logo', 'bg']);
  });

  it('nudges unlocked layers only', () => {
    const next = nudgeLayers(doc(), ['bg', 'title'], 10, -1);
    expect(next.layers[0]).toMatchObject({ x: 0, y: 0 });
    expect(next.layers[1]).toMatchObject({ x: 90, y: 79 });
  });

  it('duplicates and pastes with unique names, new ids and an offset, staying valid', () => {
    const d = doc();
    const dup = duplicateLayers(d, ['title']);
    const copy = dup.doc.layers[3];
    expect(copy).toMatchObject({ name: 'title_2', x: 100, y: 100, text: 'Hello' });
    expect(dup.ids).toEqual([copy?.id]);
    const pasted = insertCopies(dup.doc, [d.layers[1]!, d.layers[0]!], 0);
    expect(names(pasted.doc).slice(4)).toEqual(['title_3', 'bg_2']);
    expect(pasted.doc.layers[5]?.locked).toBe(false);
    expect(parseTemplate(pasted.doc).ok).toBe(true);
  });
});
