// An icon layer's own fields: its colour and line width (rewriting the SVG in its data URL)
// and another icon of the set in the same look. Shown for image layers whose src the
// editor made from the icon set.
import type { ImageLayer, Layer } from '@layercast/shared';
import { useState } from 'react';
import { Button, NumberInput } from '../../ui/controls';
import { type IconLook, ICON_STROKE_RANGE, parseIconSrc, replaceIcon, restyleIcon } from '../icons/icon-src';
import { IconPicker } from '../icons/IconPicker';
import { ColorField } from './ColorField';
import { sharedValue } from './shared-value';

type Patch = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) => void;

/** The fields, or nothing when some selected layer is not an icon. */
export function IconFields({ layers, update }: { layers: ImageLayer[]; update: Patch }) {
  const [picking, setPicking] = useState(false);
  if (layers.some((l) => parseIconSrc(l.src) === null)) return null;
  const look = (l: Layer) => parseIconSrc((l as ImageLayer).src)!;
  const color = sharedValue(layers, (l) => look(l).color);
  const strokeWidth = sharedValue(layers, (l) => look(l).strokeWidth);
  const restyle = (look: Partial<IconLook>, key: string) =>
    update((l) => ({ ...l, src: restyleIcon((l as ImageLayer).src, look) ?? (l as ImageLayer).src }) as Layer, key);
  return (
    <div className="stack" data-testid="icon-fields">
      <ColorField
        label="Icon colour"
        value={color}
        onChange={(c) => restyle({ color: c }, 'icon-colour')}
        testId="icon-colour"
      />
      <div className="grid-2">
        <NumberInput
          label="Line width"
          min={ICON_STROKE_RANGE.min}
          max={ICON_STROKE_RANGE.max}
          step={0.25}
          value={strokeWidth}
          mixed={strokeWidth === null}
          onChange={(w) => restyle({ strokeWidth: w }, 'icon-width')}
          testId="icon-line-width"
        />
        <Button size="sm" onClick={() => setPicking(true)} data-testid="replace-icon">
          Replace icon
        </Button>
      </div>
      <IconPicker
        open={picking}
        title="Replace icon"
        onClose={() => setPicking(false)}
        onPick={(icon) =>
          update(
            (l) =>
              ({
                ...l,
                src: replaceIcon((l as ImageLayer).src, icon.name, icon.svg) ?? (l as ImageLayer).src,
              }) as Layer,
          )
        }
      />
    </div>
  );
}
