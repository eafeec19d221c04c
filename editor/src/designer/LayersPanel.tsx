// The z-order list, top layer first: click to select (Shift adds), drag to reorder,
// double-click or F2 to rename, and visibility and lock switches on every row. A group's
// children are listed under it, indented, and can be folded away; selecting one there
// selects the child itself (the canvas then edits inside its group).
import { type Layer, allLayers } from '@layercast/shared';
import { useState } from 'react';
import { selectFullDoc } from '../state/document-store';
import { moveLayerTo } from '../state/layer-ops';
import { validateLayerName } from '../state/layer-names';
import { EyeIcon, EyeOffIcon, LockIcon, UnlockIcon } from '../ui/icons';
import { Menu } from '../ui/Menu';
import { selectionEntries } from './arrange-menus';
import { useDesigner, useDoc, useDocState, useUi } from './context';

const ICON: Record<Layer['type'], string> = {
  text: 'T',
  image: '▣',
  rect: '■',
  ellipse: '●',
  line: '╱',
  polygon: '⬢',
  star: '★',
  qr: '▦',
  group: '❐',
};

export function LayersPanel() {
  const { ui, actions } = useDesigner();
  const doc = useDoc();
  const selectedIds = useUi((s) => s.selectedIds);
  const renamingId = useUi((s) => s.renamingId);
  const [dragId, setDragId] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const rows: { layer: Layer; depth: number }[] = [];
  const addRows = (layers: readonly Layer[], depth: number) => {
    for (const layer of [...layers].reverse()) {
      rows.push({ layer, depth });
      if (layer.type === 'group' && !collapsed.has(layer.id)) addRows(layer.layers, depth + 1);
    }
  };
  addRows(doc.layers, 0);
  const toggleCollapsed = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  // The size variant being edited, whose overrides the rows mark.
  const active = useDocState((s) => selectFullDoc(s).variants?.find((v) => v.name === s.variant));

  if (rows.length === 0) {
    return (
      <div className="panel-empty">
        <p>No layers yet.</p>
        <p className="field-hint">Add text, an image or a shape from the toolbar.</p>
      </div>
    );
  }

  return (
    <ul className="layer-list" aria-label="Layers" data-testid="layers-panel">
      {rows.map(({ layer, depth }) => {
        // Rows are top first; the document is bottom first. Only top-level rows are dragged.
        const index = depth === 0 ? doc.layers.indexOf(layer) : -1;
        const selected = selectedIds.includes(layer.id);
        return (
          <li
            key={layer.id}
            className={`layer-row${selected ? ' is-selected' : ''}${!layer.visible ? ' is-hidden' : ''}${dropIndex === index && dragId !== layer.id ? ' is-drop-target' : ''}`}
            style={depth ? { paddingLeft: `${depth * 16}px` } : undefined}
            draggable={depth === 0 && renamingId !== layer.id}
            data-testid={`layer-row-${layer.name}`}
            data-depth={depth}
            onDragStart={(e) => {
              setDragId(layer.id);
              e.dataTransfer.effectAllowed = 'move';
              e.dataTransfer.setData('text/plain', layer.id);
            }}
            onDragOver={(e) => {
              if (!dragId || index < 0) return;
              e.preventDefault();
              setDropIndex(index);
            }}
            onDragEnd={() => {
              setDragId(null);
              setDropIndex(null);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragId && index >= 0) actions.updateDocument((d) => moveLayerTo(d, dragId, index));
              setDragId(null);
              setDropIndex(null);
            }}
            onContextMenu={(e) => {
              e.preventDefault();
              if (!selected) actions.selectInTree(layer.id, false);
              setMenu({ x: e.clientX, y: e.clientY });
            }}
          >
            {layer.type === 'group' ? (
              <button
                type="button"
                className="icon-btn layer-fold"
                aria-expanded={!collapsed.has(layer.id)}
                aria-label={collapsed.has(layer.id) ? `Expand ${layer.name}` : `Collapse ${layer.name}`}
                onClick={() => toggleCollapsed(layer.id)}
              >
                {collapsed.has(layer.id) ? '▸' : '▾'}
              </button>
            ) : null}
            <span className="layer-icon" aria-hidden>
              {ICON[layer.type]}
            </span>
            {renamingId === layer.id ? (
              <RenameInput
                layer={layer}
                layers={allLayers(doc.layers)}
                onDone={() => ui.getState().setRenaming(null)}
              />
            ) : (
              <button
                type="button"
                className="layer-name"
                aria-pressed={selected}
                title="Double-click or F2 to rename"
                onClick={(e) => actions.selectInTree(layer.id, e.shiftKey)}
                onDoubleClick={() => ui.getState().setRenaming(layer.id)}
                onKeyDown={(e) => {
                  if (e.key === 'F2' || (e.key === 'Enter' && selected)) {
                    e.preventDefault();
                    ui.getState().setRenaming(layer.id);
                  }
                }}
              >
                {layer.name}
              </button>
            )}
            {active && <OverriddenMark variant={active.name} layer={layer.name} props={active.layers} />}
            <button
              type="button"
              className={`icon-btn row-toggle${layer.visible ? '' : ' is-on'}`}
              aria-label={layer.visible ? `Hide ${layer.name}` : `Show ${layer.name}`}
              title={layer.visible ? 'Hide' : 'Show'}
              onClick={() => actions.toggle(layer.id, 'visible')}
            >
              {layer.visible ? <EyeIcon /> : <EyeOffIcon />}
            </button>
            <button
              type="button"
              className={`icon-btn row-toggle${layer.locked ? ' is-on' : ''}`}
              aria-label={layer.locked ? `Unlock ${layer.name}` : `Lock ${layer.name}`}
              title={layer.locked ? 'Unlock' : 'Lock'}
              onClick={() => actions.toggle(layer.id, 'locked')}
            >
              {layer.locked ? <LockIcon /> : <UnlockIcon />}
            </button>
          </li>
        );
      })}
      {menu && (
        <Menu
          x={menu.x}
          y={menu.y}
          label="Layer actions"
          testId="context-menu"
          entries={selectionEntries(
            actions,
            allLayers(doc.layers).filter((l) => selectedIds.includes(l.id)),
          )}
          onClose={() => setMenu(null)}
        />
      )}
    </ul>
  );
}

function RenameInput({ layer, layers, onDone }: { layer: Layer; layers: Layer[]; onDone(): void }) {
  const { actions } = useDesigner();
  const [value, setValue] = useState(layer.name);
  const error = validateLayerName(value, layers, layer.id);
  const commit = () => {
    if (error) return;
    if (value !== layer.name) actions.rename(layer.id, value);
    onDone();
  };
  return (
    <div className="rename">
      <input
        className="input input-sm"
        // biome-ignore lint/a11y/noAutofocus: the user asked to rename this row
        autoFocus
        aria-label="Layer name"
        data-testid="rename-input"
        aria-invalid={error ? true : undefined}
        aria-describedby={`rename-${layer.id}-message`}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') onDone();
          e.stopPropagation();
        }}
        onBlur={() => (error ? onDone() : commit())}
      />
      <div
        className={error ? 'field-error' : 'field-hint'}
        role={error ? 'alert' : undefined}
        id={`rename-${layer.id}-message`}
      >
        {error ?? (
          <>
            API key: <code>{`{"${value}": {…}}`}</code>
          </>
        )}
      </div>
    </div>
  );
}

/** Marks a row whose layer the variant being edited sets properties of, naming them. */
function OverriddenMark(props: { variant: string; layer: string; props: Record<string, object> }) {
  const own = Object.hasOwn(props.props, props.layer) ? props.props[props.layer] : undefined;
  const keys = own ? Object.keys(own) : [];
  if (keys.length === 0) return null;
  const text = `Set for ${props.variant}: ${keys.join(', ')}`;
  return (
    <span
      className="layer-overridden"
      role="img"
      aria-label={text}
      title={text}
      data-testid={`overridden-${props.layer}`}
    >
      ◆
    </span>
  );
}
