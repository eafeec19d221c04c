// The designer's top bar: back, template name, add-layer tools, undo/redo, arrange,
// zoom, public switch and save with its state.
import { type ReactNode, useEffect, useState } from 'react';
import type { LayerType } from '@layercast/shared';
import { api } from '../api/client';
import { Link } from '../app/router';
import { selectCanRedo, selectCanUndo, selectDoc } from '../state/document-store';
import { centerViewport, zoomAround } from '../state/viewport';
import { Toggle } from '../ui/controls';
import { AlignIcon, DuplicateIcon, LineIcon, PolygonIcon, QrIcon, StarIcon, TrashIcon } from '../ui/icons';
import { Menu } from '../ui/Menu';
import { alignEntries } from './arrange-menus';
import { IconTool } from './icons/IconTool';
import { useDesigner, useDocState, useUi } from './context';
import type { SaveState } from './use-save';
import { VariantSwitcher } from './VariantSwitcher';

function SaveStatus({ state, dirty }: { state: SaveState; dirty: boolean }) {
  if (state.kind === 'saving')
    return (
      <span className="save-status is-saving" role="status">
        Saving…
      </span>
    );
  if (state.kind === 'error') return <span className="save-status is-error">Not saved</span>;
  if (dirty) return <span className="save-status is-dirty">Unsaved changes</span>;
  if (state.kind === 'saved')
    return (
      <span className="save-status is-saved" role="status">
        Saved
      </span>
    );
  return <span className="save-status">All changes saved</span>;
}

/** The add-layer tools, in toolbar order. */
const ADD_TOOLS: readonly { type: LayerType; label: string; title: string; icon: ReactNode }[] = [
  { type: 'text', label: 'Text', title: 'Add text', icon: <span aria-hidden>T</span> },
  { type: 'image', label: 'Image', title: 'Add image', icon: <span aria-hidden>▣</span> },
  { type: 'rect', label: 'Rectangle', title: 'Add rectangle', icon: <span aria-hidden>■</span> },
  { type: 'ellipse', label: 'Ellipse', title: 'Add ellipse', icon: <span aria-hidden>●</span> },
  { type: 'line', label: 'Line', title: 'Add line or arrow', icon: <LineIcon /> },
  { type: 'polygon', label: 'Polygon', title: 'Add polygon', icon: <PolygonIcon /> },
  { type: 'star', label: 'Star', title: 'Add star', icon: <StarIcon /> },
  { type: 'qr', label: 'QR code', title: 'Add QR code', icon: <QrIcon /> },
];

export function Toolbar(props: {
  name: string;
  isPublic: boolean;
  onMetaSaved(m: { name?: string; isPublic?: boolean }, saved: { version: number; etag: string }): void;
  saveState: SaveState;
  dirty: boolean;
  onSave(): void;
}) {
  const { actions, ui, docs, templateId } = useDesigner();
  const canUndo = useDocState(selectCanUndo);
  const canRedo = useDocState(selectCanRedo);
  const zoom = useUi((s) => s.viewport.zoom);
  const selectionSize = useUi((s) => s.selectedIds.length);
  const hasSelection = selectionSize > 0;
  const [alignMenu, setAlignMenu] = useState<{ x: number; y: number } | null>(null);
  const [name, setName] = useState(props.name);
  const [metaError, setMetaError] = useState<string | null>(null);
  useEffect(() => setName(props.name), [props.name]);

  const saveMeta = async (m: { name?: string; isPublic?: boolean }) => {
    try {
      setMetaError(null);
      const saved = await api.templates.update(templateId, m);
      props.onMetaSaved(m, saved);
    } catch (error) {
      setMetaError(error instanceof Error ? error.message : 'Could not save');
      if (m.name !== undefined) setName(props.name);
    }
  };
  const view = () => document.querySelector('[data-testid="stage"]')?.getBoundingClientRect();
  const zoomTo = (z: number) => {
    const r = view();
    const { width, height } = selectDoc(docs.getState()).canvas;
    if (r) ui.getState().setViewport(centerViewport(width, height, r.width, r.height, z));
  };
  const zoomBy = (f: number) => {
    const r = view();
    if (r) ui.getState().setViewport(zoomAround(ui.getState().viewport, f, r.width / 2, r.height / 2));
  };

  return (
    <header className="toolbar">
      <div className="toolbar-group">
        <Link to="/" className="icon-btn" aria-label="Back to templates" title="Back to templates">
          ←
        </Link>
        <input
          className="name-input"
          aria-label="Template name"
          value={name}
          maxLength={200}
          onChange={(e) => setName(e.target.value)}
          onBlur={() => name.trim() && name !== props.name && saveMeta({ name: name.trim() })}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
      </div>
      <div className="toolbar-group" role="toolbar" aria-label="Add layer">
        {ADD_TOOLS.map((tool) => (
          <button
            key={tool.type}
            type="button"
            className="tool"
            onClick={() => actions.addLayer(tool.type)}
            data-testid={`add-${tool.type}`}
            title={tool.title}
          >
            {tool.icon}
            <span className="tool-label">{tool.label}</span>
          </button>
        ))}
        <IconTool />
      </div>
      <VariantSwitcher />
      <div className="toolbar-group" role="toolbar" aria-label="Edit">
        <button
          type="button"
          className="icon-btn"
          disabled={!canUndo}
          onClick={actions.undo}
          aria-label="Undo"
          title="Undo (Ctrl+Z)"
          data-testid="undo"
        >
          ↶
        </button>
        <button
          type="button"
          className="icon-btn"
          disabled={!canRedo}
          onClick={actions.redo}
          aria-label="Redo"
          title="Redo (Shift+Ctrl+Z)"
          data-testid="redo"
        >
          ↷
        </button>
        <span className="divider" />
        <button
          type="button"
          className="icon-btn"
          disabled={!hasSelection}
          onClick={() => actions.reorder('front')}
          aria-label="Bring to front"
          title="Bring to front (Shift+Ctrl+])"
        >
          ⤒
        </button>
        <button
          type="button"
          className="icon-btn"
          disabled={!hasSelection}
          onClick={() => actions.reorder('forward')}
          aria-label="Bring forward"
          title="Bring forward (Ctrl+])"
        >
          ↑
        </button>
        <button
          type="button"
          className="icon-btn"
          disabled={!hasSelection}
          onClick={() => actions.reorder('backward')}
          aria-label="Send backward"
          title="Send backward (Ctrl+[)"
        >
          ↓
        </button>
        <button
          type="button"
          className="icon-btn"
          disabled={!hasSelection}
          onClick={() => actions.reorder('back')}
          aria-label="Send to back"
          title="Send to back (Shift+Ctrl+[)"
        >
          ⤓
        </button>
        <button
          type="button"
          className="icon-btn icon-btn-menu"
          disabled={!hasSelection}
          aria-label="Align and distribute"
          aria-haspopup="menu"
          aria-expanded={alignMenu !== null}
          title="Align and distribute"
          data-testid="align-menu"
          onClick={(e) => {
            const r = e.currentTarget.getBoundingClientRect();
            setAlignMenu(alignMenu ? null : { x: r.left, y: r.bottom + 4 });
          }}
        >
          <AlignIcon kind="left" />
          <span className="caret" aria-hidden="true" />
        </button>
        {alignMenu && (
          <Menu
            x={alignMenu.x}
            y={alignMenu.y}
            label="Align and distribute"
            entries={alignEntries(actions, selectionSize)}
            onClose={() => setAlignMenu(null)}
          />
        )}
        <button
          type="button"
          className="icon-btn"
          disabled={!hasSelection}
          onClick={actions.duplicateSelected}
          aria-label="Duplicate"
          title="Duplicate (Ctrl+D)"
        >
          <DuplicateIcon />
        </button>
        <button
          type="button"
          className="icon-btn"
          disabled={!hasSelection}
          onClick={actions.deleteSelected}
          aria-label="Delete"
          title="Delete (Del)"
        >
          <TrashIcon />
        </button>
      </div>
      <div className="toolbar-group" role="toolbar" aria-label="Zoom">
        <button
          type="button"
          className="icon-btn"
          onClick={() => zoomBy(0.8)}
          aria-label="Zoom out"
          title="Zoom out (Ctrl+−)"
        >
          −
        </button>
        <span className="zoom-label" data-testid="zoom-label">
          {Math.round(zoom * 100)}%
        </span>
        <button
          type="button"
          className="icon-btn"
          onClick={() => zoomBy(1.25)}
          aria-label="Zoom in"
          title="Zoom in (Ctrl+=)"
        >
          +
        </button>
        <button
          type="button"
          className="tool tool-sm"
          onClick={() => ui.getState().setViewport(ui.getState().viewport, true)}
          aria-label="Zoom to fit"
          title="Fit (Shift+1)"
          data-testid="zoom-fit"
        >
          Fit
        </button>
        <button
          type="button"
          className="tool tool-sm"
          onClick={() => zoomTo(1)}
          aria-label="Zoom to 100 %"
          title="100 % (Ctrl+0)"
          data-testid="zoom-100"
        >
          100%
        </button>
      </div>
      <div className="toolbar-group toolbar-end">
        <Toggle
          label="Public"
          testId="public-toggle"
          checked={props.isPublic}
          onChange={(isPublic) => saveMeta({ isPublic })}
        />
        {metaError && (
          <span className="save-status is-error" role="alert">
            {metaError}
          </span>
        )}
        <SaveStatus state={props.saveState} dirty={props.dirty} />
        <button
          type="button"
          className="btn btn-primary btn-md"
          onClick={props.onSave}
          disabled={props.saveState.kind === 'saving'}
          data-testid="save"
        >
          Save
        </button>
      </div>
    </header>
  );
}
