// The toolbar's sizes: which size of the design is being edited (the base or a variant),
// "Add size" from the presets (a variant scaled from the base as a starting point) and
// removing the size being edited. Edits while a variant is shown go to its overrides
// (state/variant-edit.ts).
import { type TemplateDocument, scaleToVariant } from '@layercast/shared';
import { SIZE_PRESETS, type SizePreset } from '../presets';
import { selectFullDoc } from '../state/document-store';
import { useDesigner, useDocState } from './context';

/** Variant names for presets: the platform name the render API accepts for that size. */
const PRESET_VARIANT_NAMES: Record<string, string> = { x: 'twitter' };

function newVariantName(doc: TemplateDocument, preset: SizePreset): string {
  const base = PRESET_VARIANT_NAMES[preset.id] ?? preset.id.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  const taken = new Set((doc.variants ?? []).map((v) => v.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

export function VariantSwitcher() {
  const { docs, ui } = useDesigner();
  const full = useDocState(selectFullDoc);
  const active = useDocState((s) => s.variant);
  const variants = full.variants ?? [];
  const current = variants.some((v) => v.name === active) ? active : null;
  const refit = () => ui.getState().setViewport(ui.getState().viewport, true);

  const switchTo = (name: string | null) => {
    docs.getState().setVariant(name);
    refit();
  };
  const addSize = (presetId: string) => {
    const preset = SIZE_PRESETS.find((p) => p.id === presetId);
    if (!preset) return;
    const state = docs.getState();
    state.setVariant(null);
    const base = selectFullDoc(docs.getState());
    const name = newVariantName(base, preset);
    const variant = scaleToVariant(base, name, preset.width, preset.height);
    docs.getState().change((doc) => ({ ...doc, variants: [...(doc.variants ?? []), variant] }));
    switchTo(name);
  };
  const removeSize = () => {
    if (current === null) return;
    docs.getState().setVariant(null);
    docs.getState().change((doc) => ({ ...doc, variants: (doc.variants ?? []).filter((v) => v.name !== current) }));
    refit();
  };

  return (
    <div className="toolbar-group" role="toolbar" aria-label="Sizes">
      <select
        className="select select-sm"
        aria-label="Size being edited"
        title="The size being edited: the base design or one of its size variants"
        data-testid="variant-switcher"
        value={current ?? ''}
        onChange={(e) => switchTo(e.target.value || null)}
      >
        <option value="">
          Base · {full.canvas.width}×{full.canvas.height}
        </option>
        {variants.map((v) => (
          <option key={v.name} value={v.name}>
            {v.name} · {v.width}×{v.height}
          </option>
        ))}
      </select>
      <select
        className="select select-sm"
        aria-label="Add size"
        title="Add a size of this design, scaled from the base as a starting point"
        data-testid="add-size"
        value=""
        onChange={(e) => addSize(e.target.value)}
      >
        <option value="">Add size…</option>
        {SIZE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label} · {p.width}×{p.height}
          </option>
        ))}
      </select>
      {current !== null && (
        <button
          type="button"
          className="tool tool-sm"
          onClick={removeSize}
          title={`Remove the ${current} size (its overrides go; the base design stays)`}
          data-testid="remove-size"
        >
          Remove size
        </button>
      )}
    </div>
  );
}
