import { describe, expect, it } from 'vitest';
import {
  COALESCE_MS,
  HISTORY_LIMIT,
  commitGesture,
  createHistory,
  pushHistory,
  redoHistory,
  replacePresent,
  undoHistory,
} from './history';

describe('undo history', () => {
  it('undoes and redoes steps in order, and a new change drops the redo branch', () => {
    let h = createHistory('a');
    h = pushHistory(h, 'b');
    h = pushHistory(h, 'c');
    h = undoHistory(h);
    expect(h.present).toBe('b');
    h = undoHistory(h);
    expect(h.present).toBe('a');
    expect(undoHistory(h)).toBe(h);
    h = redoHistory(h);
    expect(h.present).toBe('b');
    h = pushHistory(h, 'd');
    expect(h.future).toEqual([]);
    expect(redoHistory(h)).toBe(h);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('merges typing in one field into one step, but not after a pause or in another field', () => {
    let h = createHistory('');
    h = pushHistory(h, 'H', { coalesceKey: 'title.text', now: 1000 });
    h = pushHistory(h, 'He', { coalesceKey: 'title.text', now: 1200 });
    h = pushHistory(h, 'Hel', { coalesceKey: 'title.text', now: 1400 });
    expect(h.past).toEqual(['']);
    h = pushHistory(h, 'Hell', { coalesceKey: 'title.text', now: 1400 + COALESCE_MS + 1 });
    expect(h.past).toEqual(['', 'Hel']);
    h = pushHistory(h, 'Hell!', { coalesceKey: 'other', now: 3000 });
    expect(h.past).toEqual(['', 'Hel', 'Hell']);
    expect(undoHistory(h).present).toBe('Hell');
  });

  it('records a drag as one step from where it started, however many frames it had', () => {
    let h = createHistory({ x: 0 });
    const base = h.present;
    h = replacePresent(h, { x: 5 });
    h = replacePresent(h, { x: 10 });
    h = commitGesture(h, base);
    expect(h.present).toEqual({ x: 10 });
    expect(h.past).toEqual([{ x: 0 }]);
    expect(undoHistory(h).present).toEqual({ x: 0 });
  });

  it('does not record a gesture that changed nothing', () => {
    const h = createHistory('a');
    expect(commitGesture(h, h.present)).toBe(h);
    expect(pushHistory(h, h.present)).toBe(h);
  });

  it('keeps at most the limit of steps, dropping the oldest', () => {
    let h = createHistory(0);
    for (let i = 1; i <= HISTORY_LIMIT + 10; i++) h = pushHistory(h, i);
    expect(h.past.length).toBe(HISTORY_LIMIT);
    expect(h.past[0]).toBe(10);
  });
});
