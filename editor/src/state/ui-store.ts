// Interaction state: selection, viewport, guides, cursor, clipboard. Never saved, never undone.
import type { Layer } from '@layercast/shared';
import { createStore } from 'zustand/vanilla';
import type { Guide, Measure } from './snapping';
import type { Viewport } from './viewport';

/** What the preview panel's trial form holds: per-layer values, variables, or raw JSON. */
export interface TrialInput {
  values: Record<string, string>;
  variables: Record<string, string>;
  /** The `layers` JSON as typed; null while the form fields are the source. */
  raw: string | null;
}

export interface UiState {
  selectedIds: string[];
  viewport: Viewport;
  /** True until the user zooms or pans by hand: resizing the window refits. */
  fitted: boolean;
  guides: Guide[];
  /** Distances from the layers being moved to their neighbours (labels while dragging). */
  measures: Measure[];
  /** The layer whose name is being edited in the layers panel. */
  renamingId: string | null;
  /** The text layer whose text is being edited (asked for by a double-click on the canvas). */
  editingTextId: string | null;
  /**
   * The group whose children the canvas picks (after a double-click on it), or null: a
   * click on a group's child selects the group itself until it is entered.
   */
  enteredGroupId: string | null;
  /** The image layer in crop mode (a double-click or the inspector's Crop button). */
  croppingId: string | null;
  /** The pointer over the stage, in canvas pixels (the rulers mark it), or null when away. */
  cursor: { x: number; y: number } | null;
  trial: TrialInput;
  /** The canvas draws the trial values ("Preview data") instead of the template's own. */
  previewData: boolean;
  select(ids: string[]): void;
  setViewport(v: Viewport, fitted?: boolean): void;
  /** Guides and distance labels of the gesture under way; both empty when it ends. */
  setGuides(g: Guide[], measures?: Measure[]): void;
  setRenaming(id: string | null): void;
  setEditingText(id: string | null): void;
  enterGroup(id: string | null): void;
  setCropping(id: string | null): void;
  setCursor(p: { x: number; y: number } | null): void;
  setTrial(patch: Partial<TrialInput>): void;
  setPreviewData(on: boolean): void;
  reset(): void;
}

export function createUiStore() {
  return createStore<UiState>()((set) => ({
    selectedIds: [],
    viewport: { zoom: 1, panX: 0, panY: 0 },
    fitted: true,
    guides: [],
    measures: [],
    renamingId: null,
    editingTextId: null,
    enteredGroupId: null,
    croppingId: null,
    cursor: null,
    trial: { values: {}, variables: {}, raw: null },
    previewData: false,
    select: (ids) =>
      set((s) => {
        if (sameIds(s.selectedIds, ids)) return s;
        // Text editing belongs to a selected layer: selecting something else ends it.
        const editing = s.editingTextId && ids.includes(s.editingTextId) ? s.editingTextId : null;
        return { selectedIds: ids, editingTextId: editing };
      }),
    setViewport: (viewport, fitted = false) => set({ viewport, fitted }),
    setGuides: (guides, measures = []) =>
      set((s) =>
        s.guides.length === 0 && guides.length === 0 && s.measures.length === 0 && measures.length === 0
          ? s
          : { guides, measures },
      ),
    setRenaming: (renamingId) => set({ renamingId }),
    setEditingText: (editingTextId) => set({ editingTextId }),
    enterGroup: (enteredGroupId) => set((s) => (s.enteredGroupId === enteredGroupId ? s : { enteredGroupId })),
    setCropping: (croppingId) => set({ croppingId }),
    setCursor: (cursor) => set({ cursor }),
    setTrial: (patch) => set((s) => ({ trial: { ...s.trial, ...patch } })),
    setPreviewData: (previewData) => set({ previewData }),
    reset: () =>
      set({
        selectedIds: [],
        guides: [],
        measures: [],
        renamingId: null,
        editingTextId: null,
        enteredGroupId: null,
        croppingId: null,
        fitted: true,
      }),
  }));
}

function sameIds(a: readonly string[], b: readonly string[]) {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export type UiStore = ReturnType<typeof createUiStore>;

/**
 * The clipboard outlives a template (copy in one, paste in another) and a reload, so it is
 * kept in localStorage as JSON of layers.
 */
const CLIPBOARD_KEY = 'layercast.clipboard';

export function writeClipboard(layers: readonly Layer[]): void {
  try {
    localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(layers));
  } catch {
    // Storage can be full or disabled; copy then only works within this page.
    memoryClipboard = [...layers];
  }
  memoryClipboard = [...layers];
}

let memoryClipboard: Layer[] = [];

export function readClipboard(): unknown {
  try {
    const raw = localStorage.getItem(CLIPBOARD_KEY);
    if (raw) return JSON.parse(raw);
  } catch {
    // fall through to the in-page copy
  }
  return memoryClipboard;
}
