// A popup menu (context menu, toolbar menu) at a point on the screen: arrow keys move
// between items, Enter or a click runs one, Escape or a press elsewhere closes it. It is
// rendered in a portal with a fixed position and kept inside the window.
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';

export type MenuEntry =
  | {
      kind: 'item';
      label: string;
      onSelect(): void;
      icon?: ReactNode;
      shortcut?: string;
      disabled?: boolean;
    }
  | { kind: 'separator'; key: string };

/** "Shift+Ctrl+]" as aria-keyshortcuts spells it: "Shift+Control+]". */
const ariaShortcut = (s: string) => s.replace('Ctrl', 'Control').replace(/^Del$/, 'Delete');

export function Menu({
  x,
  y,
  label,
  entries,
  onClose,
  testId,
}: {
  x: number;
  y: number;
  label: string;
  entries: readonly MenuEntry[];
  onClose(): void;
  testId?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [at, setAt] = useState({ x, y });
  // Measured after the first layout: open up or left of the point when it would overflow.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setAt({
      x: Math.max(4, Math.min(x, window.innerWidth - width - 4)),
      y: Math.max(4, y + height > window.innerHeight - 4 ? y - height : y),
    });
    el.querySelector<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')?.focus();
  }, [x, y]);

  useEffect(() => {
    const away = (e: PointerEvent) => {
      const target = e.target as Element;
      // The button that opened the menu closes it itself (a toggle).
      if (target.closest?.('[aria-haspopup="menu"][aria-expanded="true"]')) return;
      if (!ref.current?.contains(target)) onClose();
    };
    const blur = () => onClose();
    window.addEventListener('pointerdown', away, true);
    window.addEventListener('blur', blur);
    window.addEventListener('resize', blur);
    return () => {
      window.removeEventListener('pointerdown', away, true);
      window.removeEventListener('blur', blur);
      window.removeEventListener('resize', blur);
    };
  }, [onClose]);

  const onKeyDown = (e: React.KeyboardEvent) => {
    // Keys in an open menu belong to it, not to the designer's shortcuts.
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? items.length - 1
          : (i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
    items[next]?.focus();
  };

  return createPortal(
    <div
      ref={ref}
      className="menu"
      role="menu"
      aria-label={label}
      data-testid={testId}
      style={{ left: at.x, top: at.y }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {entries.map((entry) =>
        entry.kind === 'separator' ? (
          <hr key={entry.key} className="menu-separator" />
        ) : (
          <button
            key={entry.label}
            type="button"
            role="menuitem"
            className="menu-item"
            aria-label={entry.label}
            aria-keyshortcuts={entry.shortcut && ariaShortcut(entry.shortcut)}
            disabled={entry.disabled}
            onClick={() => {
              onClose();
              entry.onSelect();
            }}
          >
            <span className="menu-icon" aria-hidden="true">
              {entry.icon}
            </span>
            <span className="menu-label">{entry.label}</span>
            {entry.shortcut && <kbd className="menu-shortcut">{entry.shortcut}</kbd>}
          </button>
        ),
      )}
    </div>,
    document.body,
  );
}
