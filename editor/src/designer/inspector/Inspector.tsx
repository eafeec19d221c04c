import { allLayers } from '@layercast/shared';
import { useDoc, useUi } from '../context';
import { CanvasInspector } from './CanvasInspector';
import { LayerInspector } from './LayerInspector';

export function Inspector() {
  const doc = useDoc();
  const selectedIds = useUi((s) => s.selectedIds);
  const layers = allLayers(doc.layers).filter((l) => selectedIds.includes(l.id));
  return layers.length ? <LayerInspector layers={layers} /> : <CanvasInspector />;
}
