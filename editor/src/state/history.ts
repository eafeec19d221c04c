// Undo history over immutable snapshots. Documents are small (at most 200 layers) and every
// change produces a new object with structural sharing, so a snapshot per step is cheap and
// undo can never disagree with what was drawn.

export interface History<T> {
  past: T[];
  present: T;
  future: T[];
  /**
   * Consecutive changes with the same key inside `coalesceMs` merge into one undo step
   * (typing in a field, dragging a slider). Null after undo/redo or a gesture's end.
   */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 200;
export const COALESCE_MS = 800;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: 0 };
}

export interface PushOptions {
  /** Merge with the previous step when it had the same key and was recent. */
  coalesceKey?: string;
  now?: number;
}

/** Records `next` as a new step. A change to an identical object is not a step. */
export function pushHistory<T>(h: History<T>, next: T, opts: PushOptions = {}): History<T> {
  if (next === h.present) return h;
  const now = opts.now ?? Date.now();
  const key = opts.coalesceKey ?? null;
  if (key !== null && key === h.lastKey && now - h.lastAt <= COALESCE_MS) {
    return { ...h, present: next, future: [], lastAt: now };
  }
  const past = [...h.past, h.present];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: now };
}

/**
 * Replaces the present without a new step: the live frames of a drag or resize, whose
 * starting point `commitGesture` turns into one step when the gesture ends.
 */
export function replacePresent<T>(h: History<T>, next: T): History<T> {
  return next === h.present ? h : { ...h, present: next };
}

/** Makes one undo step from `base` (the document before a gesture) to the present. */
export function commitGesture<T>(h: History<T>, base: T): History<T> {
  if (base === h.present) return h;
  const past = [...h.past, base];
  if (past.length > HISTORY_LIMIT) past.splice(0, past.length - HISTORY_LIMIT);
  return { past, present: h.present, future: [], lastKey: null, lastAt: 0 };
}

export function undoHistory<T>(h: History<T>): History<T> {
  const prev = h.past[h.past.length - 1];
  if (prev === undefined) return h;
  return { past: h.past.slice(0, -1), present: prev, future: [h.present, ...h.future], lastKey: null, lastAt: 0 };
}

export function redoHistory<T>(h: History<T>): History<T> {
  const next = h.future[0];
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1), lastKey: null, lastAt: 0 };
}

export const canUndo = (h: History<unknown>) => h.past.length > 0;
export const canRedo = (h: History<unknown>) => h.future.length > 0;
