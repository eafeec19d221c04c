// Editor commands: what a toolbar button, a menu item or a shortcut does, as functions
// over the two stores. Each document change is one undo step.
import type { LayoutEnv } from '@layercast/engine';
import {
  type Layer,
  type LayerInput,
  LayerSchema,
  type LayerType,
  type TemplateDocument,
  allLayers,
  findLayer,
  parentGroup,
} from '@layercast/shared';
import { canGroup, groupLayers, ungroupLayers } from '../state/groups';
import { type AlignKind, type DistributeAxis, alignLayers, distributeLayers } from '../state/align';
import { type DocumentStore, selectDoc } from '../state/document-store';
import { defaultLayerName } from '../state/layer-names';
import {
  type LayerPatch,
  type ZOrderMove,
  addLayer,
  duplicateLayers,
  insertCopies,
  makeLayer,
  nudgeLayers,
  removeLayers,
  reorderLayers,
  updateLayers,
} from '../state/layer-ops';
import { clickSelect, pruneSelection } from '../state/selection';
import { type UiStore, readClipboard, writeClipboard } from '../state/ui-store';
import { NEW_TEXT, newTextBox } from './new-text-box';

export type EditorActions = ReturnType<typeof createEditorActions>;

/** A new layer of each kind, sized for the canvas and centred on it (text measured by the engine). */
export function newLayerInput(
  type: LayerType,
  doc: TemplateDocument,
  env: LayoutEnv,
  extra: Partial<LayerInput> = {},
): LayerInput {
  const { width: cw, height: ch } = doc.canvas;
  const name = defaultLayerName(type, allLayers(doc.layers));
  const box = (w: number, h: number) => ({
    width: Math.round(w),
    height: Math.round(h),
    x: Math.round((cw - w) / 2),
    y: Math.round((ch - h) / 2),
  });
  switch (type) {
    case 'text': {
      const { fontSize, width, height } = newTextBox(doc.canvas, env);
      return { type, name, text: NEW_TEXT, fontSize, ...box(width, height), ...extra } as LayerInput;
    }
    case 'image':
      return { type, name, src: '', ...box(Math.min(cw, ch) * 0.3, Math.min(cw, ch) * 0.3), ...extra } as LayerInput;
    case 'rect':
      return { type, name, fill: '#6366f1', ...box(cw * 0.25, ch * 0.25), ...extra } as LayerInput;
    case 'ellipse':
      return {
        type,
        name,
        fill: '#f59e0b',
        ...box(Math.min(cw, ch) * 0.25, Math.min(cw, ch) * 0.25),
        ...extra,
      } as LayerInput;
    case 'line':
      // A box a little taller than the stroke, so it is easy to grab; the line runs across its middle.
      return { type, name, stroke: '#111827', strokeWidth: 4, ...box(cw * 0.3, 24), ...extra } as LayerInput;
    case 'polygon':
      return {
        type,
        name,
        sides: 6,
        fill: '#10b981',
        ...box(Math.min(cw, ch) * 0.25, Math.min(cw, ch) * 0.25),
        ...extra,
      } as LayerInput;
    case 'star':
      return {
        type,
        name,
        points: 5,
        fill: '#f43f5e',
        ...box(Math.min(cw, ch) * 0.25, Math.min(cw, ch) * 0.25),
        ...extra,
      } as LayerInput;
    case 'qr':
      return {
        type,
        name,
        data: 'https://example.com',
        ...box(Math.min(cw, ch) * 0.3, Math.min(cw, ch) * 0.3),
        ...extra,
      } as LayerInput;
    case 'group':
      throw new Error('a group is made from selected layers (Ctrl+G), not added empty');
  }
}

export function createEditorActions(docs: DocumentStore, ui: UiStore, env: LayoutEnv) {
  const doc = () => selectDoc(docs.getState());
  const selected = () => ui.getState().selectedIds;
  const selectedLayers = () => {
    const ids = new Set(selected());
    return allLayers(doc().layers).filter((l) => ids.has(l.id));
  };
  const afterChange = () => {
    const layers = allLayers(doc().layers);
    ui.getState().select(pruneSelection(selected(), layers));
    const entered = ui.getState().enteredGroupId;
    if (entered && !layers.some((l) => l.id === entered)) ui.getState().enterGroup(null);
  };

  return {
    addLayer(type: LayerType, extra: Partial<LayerInput> = {}): string {
      const layer = makeLayer(newLayerInput(type, doc(), env, extra), doc());
      docs.getState().change((d) => addLayer(d, layer));
      ui.getState().select([layer.id]);
      return layer.id;
    },
    updateLayers(ids: readonly string[], patch: LayerPatch | ((l: Layer) => Layer), coalesceKey?: string) {
      docs.getState().change((d) => updateLayers(d, ids, patch), coalesceKey ? { coalesceKey } : undefined);
    },
    updateDocument(recipe: (d: TemplateDocument) => TemplateDocument, coalesceKey?: string) {
      docs.getState().change(recipe, coalesceKey ? { coalesceKey } : undefined);
    },
    deleteSelected() {
      const ids = selected();
      if (ids.length === 0) return;
      docs.getState().change((d) => removeLayers(d, ids));
      ui.getState().select([]);
    },
    duplicateSelected() {
      let ids: string[] = [];
      docs.getState().change((d) => {
        const r = duplicateLayers(d, selected());
        ids = r.ids;
        return r.doc;
      });
      if (ids.length) ui.getState().select(ids);
    },
    copy(): number {
      const layers = selectedLayers();
      if (layers.length) writeClipboard(layers);
      return layers.length;
    },
    cut() {
      if (this.copy()) this.deleteSelected();
    },
    /** Pastes layers copied here or in another template; the clipboard is validated first. */
    paste(): number {
      const raw = readClipboard();
      if (!Array.isArray(raw)) return 0;
      const layers: Layer[] = [];
      for (const item of raw) {
        const parsed = LayerSchema.safeParse(item);
        if (parsed.success) layers.push({ ...parsed.data, id: parsed.data.id ?? parsed.data.name } as Layer);
      }
      if (layers.length === 0) return 0;
      const names = new Set(allLayers(doc().layers).map((l) => l.name));
      // Pasting into the template they came from offsets the copies; elsewhere they keep their place.
      const offset = layers.some((l) => names.has(l.name)) ? 20 : 0;
      let ids: string[] = [];
      docs.getState().change((d) => {
        const r = insertCopies(d, layers, offset);
        ids = r.ids;
        return r.doc;
      });
      ui.getState().select(ids);
      return ids.length;
    },
    nudge(dx: number, dy: number) {
      const ids = selected();
      if (ids.length)
        docs.getState().change((d) => nudgeLayers(d, ids, dx, dy), { coalesceKey: `nudge:${ids.join(',')}` });
    },
    reorder(move: ZOrderMove) {
      const ids = selected();
      if (ids.length) docs.getState().change((d) => reorderLayers(d, ids, move));
    },
    selectAll() {
      const entered = ui.getState().enteredGroupId;
      const group = entered ? findLayer(doc().layers, entered) : undefined;
      const level = group?.type === 'group' ? group.layers : doc().layers;
      ui.getState().select(level.filter((l) => l.visible && !l.locked).map((l) => l.id));
    },
    /** Whether the selection can become one group (two or more layers side by side in one list). */
    canGroup(): boolean {
      return canGroup(doc(), selected());
    },
    /** Whether any selected layer is a group. */
    canUngroup(): boolean {
      return selectedLayers().some((l) => l.type === 'group' && !l.locked);
    },
    /** Ctrl+G: the selection into a new group, which is then selected. One undo step. */
    group() {
      let id: string | null = null;
      docs.getState().change((d) => {
        const r = groupLayers(d, selected());
        id = r.id;
        return r.doc;
      });
      if (id) ui.getState().select([id]);
    },
    /** Ctrl+Shift+G: the selected groups' children in their place; they are then selected. One undo step. */
    ungroup() {
      let ids: string[] = [];
      docs.getState().change((d) => {
        const r = ungroupLayers(d, selected());
        ids = r.ids;
        return r.doc;
      });
      if (ids.length === 0) return;
      const entered = ui.getState().enteredGroupId;
      if (entered && selected().includes(entered)) ui.getState().enterGroup(null);
      ui.getState().select(ids);
    },
    /** Escape inside a group: back out to it, selected. False when no group is entered. */
    exitGroup(): boolean {
      const entered = ui.getState().enteredGroupId;
      if (!entered) return false;
      ui.getState().enterGroup(parentGroup(doc().layers, entered)?.id ?? null);
      ui.getState().select(findLayer(doc().layers, entered) ? [entered] : []);
      return true;
    },
    /** Selects a layer from the layers panel, entering the group that holds it. */
    selectInTree(id: string, additive: boolean) {
      const parent = parentGroup(doc().layers, id)?.id ?? null;
      if (parent !== ui.getState().enteredGroupId) {
        ui.getState().enterGroup(parent);
        ui.getState().select([id]);
        return;
      }
      ui.getState().select(clickSelect(ui.getState().selectedIds, id, additive));
    },
    /** Several layers to their common bounds, one layer to the canvas. */
    align(kind: AlignKind) {
      const ids = selected();
      if (ids.length) docs.getState().change((d) => alignLayers(d, ids, kind));
    },
    distribute(axis: DistributeAxis) {
      const ids = selected();
      if (ids.length >= 3) docs.getState().change((d) => distributeLayers(d, ids, axis));
    },
    /** Hides or locks the selection; when every selected layer already is, shows or unlocks it. */
    toggleSelected(key: 'visible' | 'locked') {
      const layers = selectedLayers();
      if (layers.length === 0) return;
      const on = key === 'visible' ? layers.every((l) => !l.visible) : !layers.every((l) => l.locked);
      docs.getState().change((d) => updateLayers(d, selected(), { [key]: on }));
    },
    toggle(id: string, key: 'visible' | 'locked') {
      docs.getState().change((d) => updateLayers(d, [id], (l) => ({ ...l, [key]: !l[key] }) as Layer));
    },
    rename(id: string, name: string) {
      docs.getState().change((d) => updateLayers(d, [id], { name }));
    },
    undo() {
      docs.getState().undo();
      afterChange();
    },
    redo() {
      docs.getState().redo();
      afterChange();
    },
  };
}
