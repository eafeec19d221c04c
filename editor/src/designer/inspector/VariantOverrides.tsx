// While a size variant is edited: which properties of the selected layers that size sets
// itself (the rest come from the base design), and a way to give them the base values back.
import type { Layer } from '@layercast/shared';
import { selectFullDoc } from '../../state/document-store';
import { withoutOverrides } from '../../state/variant-edit';
import { Button } from '../../ui/controls';
import { useDesigner, useDocState } from '../context';

export function VariantOverrides({ layers }: { layers: Layer[] }) {
  const { docs } = useDesigner();
  const active = useDocState((s) => selectFullDoc(s).variants?.find((v) => v.name === s.variant));
  if (!active) return null;
  const set = layers
    .map((l) => ({
      name: l.name,
      keys: Object.keys(Object.hasOwn(active.layers, l.name) ? active.layers[l.name]! : {}),
    }))
    .filter((l) => l.keys.length > 0);
  if (set.length === 0) return null;
  const text =
    layers.length === 1
      ? `Set for ${active.name}: ${set[0]!.keys.join(', ')}`
      : `${set.length} of ${layers.length} layers set for ${active.name}: ${set.map((l) => `${l.name} (${l.keys.join(', ')})`).join('; ')}`;
  return (
    <div className="variant-overrides" data-testid="variant-overrides">
      <span className="layer-overridden" aria-hidden>
        ◆
      </span>
      <span className="variant-overrides-text">{text}</span>
      <Button
        size="sm"
        variant="ghost"
        data-testid="use-base-values"
        title={`Give ${set.length === 1 ? 'this layer' : 'these layers'} the base design's values in ${active.name}`}
        onClick={() =>
          docs.getState().changeWhole((doc) =>
            withoutOverrides(
              doc,
              active.name,
              set.map((l) => l.name),
            ),
          )
        }
      >
        Use base values
      </Button>
    </div>
  );
}
