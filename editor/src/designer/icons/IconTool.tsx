// The toolbar's "Icon" tool: opens the picker and adds the chosen icon as an image layer
// named `icon`, 96×96 in the middle of the canvas, in one undo step.
import { useState } from 'react';
import { selectDoc } from '../../state/document-store';
import { uniqueLayerName } from '../../state/layer-names';
import { useDesigner } from '../context';
import { iconSrc } from './icon-src';
import { IconPicker } from './IconPicker';

export const NEW_ICON_SIZE = 96;

export function IconTool() {
  const { actions, docs } = useDesigner();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="tool"
        onClick={() => setOpen(true)}
        data-testid="add-icon"
        title="Add icon"
        aria-haspopup="dialog"
      >
        {/* A smiley, drawn like the other toolbar icons (16-unit grid, 1.5 stroke). */}
        <svg
          viewBox="0 0 16 16"
          width="15"
          height="15"
          aria-hidden="true"
          focusable="false"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
        >
          <circle cx="8" cy="8" r="6" />
          <path d="M5.5 9.5a3 3 0 0 0 5 0M6 6.25v.01M10 6.25v.01" />
        </svg>
        <span className="tool-label">Icon</span>
      </button>
      <IconPicker
        open={open}
        onClose={() => setOpen(false)}
        onPick={(icon) => {
          const doc = selectDoc(docs.getState());
          const { width, height } = doc.canvas;
          actions.addLayer('image', {
            name: uniqueLayerName(
              'icon',
              doc.layers.map((l) => l.name),
            ),
            src: iconSrc(icon.name, icon.svg),
            objectFit: 'contain',
            width: NEW_ICON_SIZE,
            height: NEW_ICON_SIZE,
            x: Math.round((width - NEW_ICON_SIZE) / 2),
            y: Math.round((height - NEW_ICON_SIZE) / 2),
          });
        }}
      />
    </>
  );
}
