// The document store: the template being edited and its undo history. Nothing about the
// view (selection, zoom, guides) lives here, so what is saved is exactly the document.
import { CURRENT_VERSION, type TemplateDocument } from '@layercast/shared';
import { createStore } from 'zustand/vanilla';
import {
  type History,
  type PushOptions,
  canRedo,
  canUndo,
  commitGesture,
  createHistory,
  pushHistory,
  redoHistory,
  replacePresent,
  undoHistory,
} from './history';
import { keepVariantsInStep, mergeVariantEdit, variantView } from './variant-edit';

export type Recipe = (doc: TemplateDocument) => TemplateDocument;

export interface DocumentState {
  history: History<TemplateDocument>;
  /** The document as last loaded or saved; the editor is dirty while the present differs. */
  saved: TemplateDocument;
  /** The document when the current drag/resize began, or null outside a gesture. */
  gestureBase: TemplateDocument | null;
  /**
   * The size variant being edited, or null for the base design. Recipes then see the
   * variant's view and their changes are written back to its overrides (variant-edit.ts).
   */
  variant: string | null;
  setVariant(name: string | null): void;
  load(doc: TemplateDocument): void;
  /** One undoable change (merged with the previous one when `coalesceKey` repeats). */
  change(recipe: Recipe, opts?: PushOptions): void;
  /** One undoable change of the whole document (base design and every variant) as saved. */
  changeWhole(recipe: Recipe): void;
  beginGesture(): void;
  /** A live frame of a gesture: drawn, not yet an undo step. */
  preview(recipe: Recipe): void;
  endGesture(): void;
  cancelGesture(): void;
  undo(): void;
  redo(): void;
  markSaved(doc: TemplateDocument): void;
}

export const EMPTY_DOCUMENT: TemplateDocument = {
  version: CURRENT_VERSION,
  canvas: { width: 1200, height: 630, background: '#ffffff' },
  layers: [],
  variables: [],
};

/** A recipe applied to the document as the active variant shows it, written back to the whole. */
function applyRecipe(doc: TemplateDocument, variant: string | null, recipe: Recipe): TemplateDocument {
  const view = variantView(doc, variant);
  const next = recipe(view);
  if (next === view) return doc;
  return view === doc ? keepVariantsInStep(doc, next) : mergeVariantEdit(doc, variant ?? '', view, next);
}

export function createDocumentStore(initial: TemplateDocument = EMPTY_DOCUMENT) {
  return createStore<DocumentState>()((set, get) => ({
    history: createHistory(initial),
    saved: initial,
    gestureBase: null,
    variant: null,
    setVariant: (name) => {
      get().endGesture();
      const exists = name !== null && get().history.present.variants?.some((v) => v.name === name);
      set({ variant: exists ? name : null });
    },
    load: (doc) => {
      const { variant } = get();
      const keep = variant !== null && doc.variants?.some((v) => v.name === variant);
      set({ history: createHistory(doc), saved: doc, gestureBase: null, variant: keep ? variant : null });
    },
    change: (recipe, opts) => {
      const { history, gestureBase, variant } = get();
      // A discrete change during a gesture (a key press mid-drag) ends the gesture first.
      const h = gestureBase ? commitGesture(history, gestureBase) : history;
      set({ history: pushHistory(h, applyRecipe(h.present, variant, recipe), opts), gestureBase: null });
    },
    changeWhole: (recipe) => {
      get().endGesture();
      const { history } = get();
      const next = recipe(history.present);
      if (next !== history.present) set({ history: pushHistory(history, next) });
    },
    beginGesture: () => {
      const { history, gestureBase } = get();
      if (!gestureBase) set({ gestureBase: history.present });
    },
    preview: (recipe) => {
      const { history, variant } = get();
      set({ history: replacePresent(history, applyRecipe(history.present, variant, recipe)) });
    },
    endGesture: () => {
      const { history, gestureBase } = get();
      if (gestureBase) set({ history: commitGesture(history, gestureBase), gestureBase: null });
    },
    cancelGesture: () => {
      const { history, gestureBase } = get();
      if (gestureBase) set({ history: replacePresent(history, gestureBase), gestureBase: null });
    },
    undo: () => {
      get().endGesture();
      set({ history: undoHistory(get().history) });
    },
    redo: () => {
      get().endGesture();
      set({ history: redoHistory(get().history) });
    },
    markSaved: (doc) => set({ saved: doc }),
  }));
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

/** The document as the designer shows and edits it: the active variant's view, else the base. */
export const selectDoc = (s: DocumentState) => variantView(s.history.present, s.variant);
/** The whole document (base design and every variant): what is saved. */
export const selectFullDoc = (s: DocumentState) => s.history.present;
export const selectDirty = (s: DocumentState) => s.history.present !== s.saved;
export const selectCanUndo = (s: DocumentState) => canUndo(s.history);
export const selectCanRedo = (s: DocumentState) => canRedo(s.history);
