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

export type Recipe = (doc: TemplateDocument) => TemplateDocument;

export interface DocumentState {
  history: History<TemplateDocument>;
  /** The document as last loaded or saved; the editor is dirty while the present differs. */
  saved: TemplateDocument;
  /** The document when the current drag/resize began, or null outside a gesture. */
  gestureBase: TemplateDocument | null;
  load(doc: TemplateDocument): void;
  /** One undoable change (merged with the previous one when `coalesceKey` repeats). */
  change(recipe: Recipe, opts?: PushOptions): void;
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

export function createDocumentStore(initial: TemplateDocument = EMPTY_DOCUMENT) {
  return createStore<DocumentState>()((set, get) => ({
    history: createHistory(initial),
    saved: initial,
    gestureBase: null,
    load: (doc) => set({ history: createHistory(doc), saved: doc, gestureBase: null }),
    change: (recipe, opts) => {
      const { history, gestureBase } = get();
      // A discrete change during a gesture (a key press mid-drag) ends the gesture first.
      const h = gestureBase ? commitGesture(history, gestureBase) : history;
      set({ history: pushHistory(h, recipe(h.present), opts), gestureBase: null });
    },
    beginGesture: () => {
      const { history, gestureBase } = get();
      if (!gestureBase) set({ gestureBase: history.present });
    },
    preview: (recipe) => {
      const { history } = get();
      set({ history: replacePresent(history, recipe(history.present)) });
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

export const selectDoc = (s: DocumentState) => s.history.present;
export const selectDirty = (s: DocumentState) => s.history.present !== s.saved;
export const selectCanUndo = (s: DocumentState) => canUndo(s.history);
export const selectCanRedo = (s: DocumentState) => canRedo(s.history);
