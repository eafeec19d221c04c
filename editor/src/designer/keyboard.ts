// Designer shortcuts. Ctrl on Linux/Windows and Cmd on macOS are treated alike.
import type { EditorActions } from './actions';

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el?.tagName) return false;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'range', 'color'].includes(type);
}

export interface ShortcutHandlers {
  actions: EditorActions;
  save(): void;
  zoomToFit(): void;
  zoomTo100(): void;
  zoomBy(factor: number): void;
  deselect(): void;
}

/** Handles one keydown; returns true when it was a designer shortcut. */
export function handleShortcut(e: KeyboardEvent, h: ShortcutHandlers): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  const a = h.actions;
  if (mod && key === 's') {
    h.save();
    return true;
  }
  if (isTyping(e.target)) return false;
  if (mod && key === 'z') {
    if (e.shiftKey) a.redo();
    else a.undo();
    return true;
  }
  if (mod && key === 'y') {
    a.redo();
    return true;
  }
  if (mod && key === 'c') return a.copy() > 0;
  if (mod && key === 'x') {
    a.cut();
    return true;
  }
  if (mod && key === 'v') return a.paste() > 0;
  if (mod && key === 'd') {
    a.duplicateSelected();
    return true;
  }
  if (mod && key === 'g') {
    if (e.shiftKey) a.ungroup();
    else a.group();
    return true;
  }
  if (mod && key === 'a') {
    a.selectAll();
    return true;
  }
  if (mod && (e.key === ']' || e.code === 'BracketRight')) {
    a.reorder(e.shiftKey ? 'front' : 'forward');
    return true;
  }
  if (mod && (e.key === '[' || e.code === 'BracketLeft')) {
    a.reorder(e.shiftKey ? 'back' : 'backward');
    return true;
  }
  if (mod && key === '0') {
    h.zoomTo100();
    return true;
  }
  if (mod && (key === '=' || key === '+')) {
    h.zoomBy(1.25);
    return true;
  }
  if (mod && key === '-') {
    h.zoomBy(0.8);
    return true;
  }
  if (mod) return false;
  if (e.shiftKey && key === '1') {
    h.zoomToFit();
    return true;
  }
  if (key === 'delete' || key === 'backspace') {
    a.deleteSelected();
    return true;
  }
  if (key === 'escape') {
    if (!a.exitGroup()) h.deselect();
    return true;
  }
  const step = e.shiftKey ? 10 : 1;
  const arrows: Record<string, [number, number]> = {
    arrowleft: [-step, 0],
    arrowright: [step, 0],
    arrowup: [0, -step],
    arrowdown: [0, step],
  };
  const move = arrows[key];
  if (move) {
    a.nudge(move[0], move[1]);
    return true;
  }
  return false;
}
