// The entries of the align menu (toolbar) and of the canvas's context menu, built from the
// editor's commands so both menus and the shortcuts do the same thing.
import type { Layer } from '@layercast/shared';
import type { AlignKind } from '../state/align';
import {
  AlignIcon,
  DistributeIcon,
  DuplicateIcon,
  EyeIcon,
  EyeOffIcon,
  LockIcon,
  TrashIcon,
  UnlockIcon,
} from '../ui/icons';
import type { MenuEntry } from '../ui/Menu';
import type { EditorActions } from './actions';

const ALIGN_LABELS: Record<AlignKind, string> = {
  left: 'Align left',
  center: 'Align centre',
  right: 'Align right',
  top: 'Align top',
  middle: 'Align middle',
  bottom: 'Align bottom',
};

/** Align (to the selection, or to the canvas for one layer) and distribute (three or more). */
export function alignEntries(actions: EditorActions, count: number): MenuEntry[] {
  const toCanvas = count === 1 ? ' to canvas' : '';
  const align = (kind: AlignKind): MenuEntry => ({
    kind: 'item',
    label: `${ALIGN_LABELS[kind]}${toCanvas}`,
    icon: <AlignIcon kind={kind} />,
    disabled: count === 0,
    onSelect: () => actions.align(kind),
  });
  return [
    align('left'),
    align('center'),
    align('right'),
    { kind: 'separator', key: 'vertical' },
    align('top'),
    align('middle'),
    align('bottom'),
    { kind: 'separator', key: 'distribute' },
    {
      kind: 'item',
      label: 'Distribute horizontally',
      icon: <DistributeIcon axis="horizontal" />,
      disabled: count < 3,
      onSelect: () => actions.distribute('horizontal'),
    },
    {
      kind: 'item',
      label: 'Distribute vertically',
      icon: <DistributeIcon axis="vertical" />,
      disabled: count < 3,
      onSelect: () => actions.distribute('vertical'),
    },
  ];
}

/** Right-click on layers: edit, order, lock, hide and align the selection. */
export function selectionEntries(actions: EditorActions, layers: readonly Layer[]): MenuEntry[] {
  const allHidden = layers.every((l) => !l.visible);
  const allLocked = layers.every((l) => l.locked);
  return [
    {
      kind: 'item',
      label: 'Duplicate',
      shortcut: 'Ctrl+D',
      icon: <DuplicateIcon />,
      onSelect: actions.duplicateSelected,
    },
    { kind: 'item', label: 'Delete', shortcut: 'Del', icon: <TrashIcon />, onSelect: actions.deleteSelected },
    { kind: 'separator', key: 'group' },
    { kind: 'item', label: 'Group', shortcut: 'Ctrl+G', disabled: !actions.canGroup(), onSelect: actions.group },
    {
      kind: 'item',
      label: 'Ungroup',
      shortcut: 'Shift+Ctrl+G',
      disabled: !actions.canUngroup(),
      onSelect: actions.ungroup,
    },
    { kind: 'separator', key: 'order' },
    { kind: 'item', label: 'Bring to front', shortcut: 'Shift+Ctrl+]', onSelect: () => actions.reorder('front') },
    { kind: 'item', label: 'Bring forward', shortcut: 'Ctrl+]', onSelect: () => actions.reorder('forward') },
    { kind: 'item', label: 'Send backward', shortcut: 'Ctrl+[', onSelect: () => actions.reorder('backward') },
    { kind: 'item', label: 'Send to back', shortcut: 'Shift+Ctrl+[', onSelect: () => actions.reorder('back') },
    { kind: 'separator', key: 'flags' },
    {
      kind: 'item',
      label: allLocked ? 'Unlock' : 'Lock',
      icon: allLocked ? <UnlockIcon /> : <LockIcon />,
      onSelect: () => actions.toggleSelected('locked'),
    },
    {
      kind: 'item',
      label: allHidden ? 'Show' : 'Hide',
      icon: allHidden ? <EyeIcon /> : <EyeOffIcon />,
      onSelect: () => actions.toggleSelected('visible'),
    },
    { kind: 'separator', key: 'align' },
    ...alignEntries(actions, layers.length),
  ];
}

/** Right-click on the empty canvas. */
export function canvasEntries(actions: EditorActions): MenuEntry[] {
  return [
    { kind: 'item', label: 'Paste', shortcut: 'Ctrl+V', onSelect: () => actions.paste() },
    { kind: 'item', label: 'Select all', shortcut: 'Ctrl+A', onSelect: actions.selectAll },
  ];
}
