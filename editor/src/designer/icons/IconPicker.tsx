// The icon picker: a search field over the icon set and a grid of matches; choosing one
// calls `onPick` and closes. The set is loaded when the picker first opens.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Modal } from '../../ui/Modal';
import { type SetIcon, loadIconSet, searchIcons } from './icon-set';

/** More buttons than this make the dialog slow to open for no gain: search narrows it. */
const SHOWN = 160;

export function IconPicker({
  open,
  title = 'Add icon',
  onPick,
  onClose,
}: {
  open: boolean;
  title?: string;
  onPick(icon: SetIcon): void;
  onClose(): void;
}) {
  const [icons, setIcons] = useState<readonly SetIcon[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const searchId = useId();
  useEffect(() => {
    if (!open || icons) return;
    let live = true;
    setError(null);
    loadIconSet().then(
      (set) => live && setIcons(set),
      () => live && setError('The icons did not load. Check the connection and open the picker again.'),
    );
    return () => {
      live = false;
    };
  }, [open, icons]);
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (!open) return;
    setQuery('');
    // After the dialog's own effect has opened it (children's effects run first), so the
    // dialog's initial focus on its first button does not win.
    search.current?.focus();
  }, [open]);
  const matches = useMemo(() => (icons ? searchIcons(icons, query) : []), [icons, query]);
  const pick = (icon: SetIcon) => {
    onPick(icon);
    onClose();
  };
  return (
    <Modal open={open} title={title} onClose={onClose} testId="icon-picker">
      <div className="stack">
        <label className="field-label" htmlFor={searchId}>
          Search icons
        </label>
        <input
          id={searchId}
          className="input"
          type="search"
          ref={search}
          value={query}
          placeholder="heart, arrow, star…"
          data-testid="icon-search"
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && matches[0]) pick(matches[0]);
          }}
        />
        {error && (
          <div className="field-error" role="alert">
            {error}
          </div>
        )}
        {!icons && !error && <p className="muted">Loading icons…</p>}
        {icons && (
          <p className="muted" role="status">
            {matches.length === 0
              ? 'No icon matches.'
              : matches.length > SHOWN
                ? `${SHOWN} of ${matches.length} icons shown; search to narrow.`
                : `${matches.length} ${matches.length === 1 ? 'icon' : 'icons'}`}
          </p>
        )}
        <div className="icon-grid" data-testid="icon-grid">
          {matches.slice(0, SHOWN).map((icon) => (
            <button
              key={icon.name}
              type="button"
              className="icon-cell"
              aria-label={icon.name}
              title={icon.name}
              data-icon={icon.name}
              onClick={() => pick(icon)}
            >
              {/* The set's own SVG, shipped in the bundle; drawn in the text colour. */}
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: trusted markup from the icon package */}
              <span aria-hidden="true" dangerouslySetInnerHTML={{ __html: icon.svg }} />
            </button>
          ))}
        </div>
      </div>
    </Modal>
  );
}
