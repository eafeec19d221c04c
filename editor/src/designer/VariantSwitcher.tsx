// The toolbar's sizes: which size of the design is being edited (the base or a variant),
// "Add size" from the presets (a variant scaled from the base as a starting point) and
// removing the size being edited. Edits while a variant is shown go to its overrides
// (state/variant-edit.ts).
import { LIMITS_VARIANTS, type TemplateDocument, scaleToVariant } from '@layercast/shared';
import { useState } from 'react';
import { SIZE_PRESETS, type SizePreset } from '../presets';
import { selectFullDoc } from '../state/document-store';
import { type MenuEntry, Menu } from '../ui/Menu';
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
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const variants = full.variants ?? [];
  const current = variants.find((v) => v.name === active) ?? null;
  const refit = () => ui.getState().setViewport(ui.getState().viewport, true);

  const switchTo = (name: string | null) => {
    docs.getState().setVariant(name);
    refit();
  };
  const addSize = (preset: SizePreset) => {
    docs.getState().setVariant(null);
    const base = selectFullDoc(docs.getState());
    const name = newVariantName(base, preset);
    const variant = scaleToVariant(base, name, preset.width, preset.height);
    docs.getState().change((doc) => ({ ...doc, variants: [...(doc.variants ?? []), variant] }));
    switchTo(name);
  };
  const removeSize = (name: string) => {
    docs.getState().setVariant(null);
    docs.getState().change((doc) => ({ ...doc, variants: (doc.variants ?? []).filter((v) => v.name !== name) }));
    refit();
  };
  const mark = (on: boolean) => (on ? '● ' : '');
  const entries: MenuEntry[] = [
    {
      kind: 'item',
      label: `${mark(current === null)}Base · ${full.canvas.width}×${full.canvas.height}`,
      onSelect: () => switchTo(null),
    },
    ...variants.map(
      (v): MenuEntry => ({
        kind: 'item',
        label: `${mark(v === current)}${v.name} · ${v.width}×${v.height}`,
        onSelect: () => switchTo(v.name),
      }),
    ),
    { kind: 'separator', key: 'add' },
    // A preset the design already has (the base's size or a variant's) is not offered again.
    ...SIZE_PRESETS.filter(
      (p) =>
        !(p.width === full.canvas.width && p.height === full.canvas.height) &&
        !variants.some((v) => v.width === p.width && v.height === p.height),
    ).map(
      (p): MenuEntry => ({
        kind: 'item',
        label: `Add size: ${p.label} · ${p.width}×${p.height}`,
        disabled: variants.length >= LIMITS_VARIANTS.maxVariants,
        onSelect: () => addSize(p),
      }),
    ),
    ...(current
      ? [
          { kind: 'separator', key: 'remove' } as const,
          { kind: 'item', label: `Remove the ${current.name} size`, onSelect: () => removeSize(current.name) } as const,
        ]
      : []),
  ];

  return (
    <div className="toolbar-group" role="toolbar" aria-label="Sizes">
      <button
        type="button"
        className="tool tool-sm size-menu"
        aria-haspopup="menu"
        aria-expanded={menu !== null}
        aria-label={`Size: ${current ? current.name : 'base design'}. Switch size or add one`}
        title="The size being edited: the base design or one of its size variants; add a size from the presets"
        data-testid="size-menu"
        data-variant={current?.name ?? ''}
        onClick={(e) => {
          const r = e.currentTarget.getBoundingClientRect();
          setMenu(menu ? null : { x: r.left, y: r.bottom + 4 });
        }}
      >
        <span className="size-menu-label">{current ? current.name : 'Base'}</span>
        <span className="caret" aria-hidden="true" />
      </button>
      {menu && (
        <Menu
          x={menu.x}
          y={menu.y}
          label="Sizes"
          entries={entries}
          onClose={() => setMenu(null)}
          testId="size-menu-list"
        />
      )}
    </div>
  );
}
