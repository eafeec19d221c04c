// The brand kit in the inspector: colour swatches under a colour field and logos under an
// image source, each applied in one click. Nothing is shown while the kit is empty.
import { isColor, parseColor } from '@layercast/shared';
import { useBrandKit } from './use-brand-kit';

const same = (a: string | null, b: string) => {
  const x = a ? parseColor(a) : null;
  const y = parseColor(b);
  return !!x && !!y && x.r === y.r && x.g === y.g && x.b === y.b && x.a === y.a;
};

export function BrandSwatches({
  value,
  onPick,
  field,
}: {
  value: string | null;
  onPick(color: string): void;
  field: string;
}) {
  const kit = useBrandKit();
  const colors = kit?.colors.filter((c) => isColor(c.value)) ?? [];
  if (colors.length === 0) return null;
  return (
    <fieldset className="brand-swatches" aria-label={`Brand colours for ${field.toLowerCase()}`}>
      {colors.map((c, i) => (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: colours may repeat; the order is the kit's
          key={i}
          type="button"
          className="brand-swatch"
          style={{ background: c.value }}
          title={c.name ? `${c.name} · ${c.value}` : c.value}
          aria-label={`Use brand colour ${c.name ?? c.value}`}
          aria-pressed={same(value, c.value)}
          onClick={() => onPick(c.value)}
        />
      ))}
    </fieldset>
  );
}

export function BrandLogos({ value, onPick }: { value: string | null; onPick(src: string): void }) {
  const kit = useBrandKit();
  const logos = kit?.logos ?? [];
  if (logos.length === 0) return null;
  return (
    <fieldset className="brand-logos" aria-label="Brand logos">
      {logos.map((logo) => (
        <button
          key={logo.assetId}
          type="button"
          className="brand-logo"
          title={logo.name ?? 'Logo'}
          aria-label={`Use brand logo ${logo.name ?? logo.assetId}`}
          aria-pressed={value === logo.url}
          onClick={() => onPick(logo.url)}
        >
          <img src={logo.url} alt="" />
        </button>
      ))}
    </fieldset>
  );
}
