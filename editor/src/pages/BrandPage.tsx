// The account's brand kit: colours (named swatches shown in every colour field of the
// designer), logos (uploaded images offered under every image source) and its fonts (the
// Fonts page's uploads). Every change is saved at once.
import type { BrandKit, BrandKitUpdate } from '@layercast/shared';
import { useRef, useState } from 'react';
import { api } from '../api/client';
import { Link } from '../app/router';
import { useBrandKit, useSaveBrandKit } from '../brand/use-brand-kit';
import { ColorField } from '../designer/inspector/ColorField';
import { Button, ErrorNote, Spinner } from '../ui/controls';

const IMAGE_TYPES = 'image/png,image/jpeg,image/webp,image/gif,image/avif,image/svg+xml';

function NameInput({ value, label, onCommit }: { value: string; label: string; onCommit(name: string): void }) {
  const [text, setText] = useState<string | null>(null);
  const commit = () => {
    if (text !== null && text.trim() !== value) onCommit(text.trim());
    setText(null);
  };
  return (
    <input
      className="input"
      aria-label={label}
      value={text ?? value}
      maxLength={60}
      placeholder="Name (optional)"
      onChange={(e) => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
}

export function BrandPage() {
  const kit = useBrandKit();
  const save = useSaveBrandKit();
  const [uploading, setUploading] = useState(false);
  const [uploadError, setUploadError] = useState<unknown>(null);
  const file = useRef<HTMLInputElement>(null);

  if (!kit) return <Spinner label="Loading the brand kit" />;
  const change = (edit: (update: BrandKitUpdate) => void) => save.change(kit, edit);
  const addLogos = async (files: FileList | null) => {
    const list = [...(files ?? [])];
    if (list.length === 0) return;
    setUploading(true);
    setUploadError(null);
    try {
      const ids: { assetId: string; name: string }[] = [];
      for (const f of list) {
        const asset = await api.assets.upload(f);
        ids.push({ assetId: asset.id, name: f.name.replace(/\.[^.]+$/, '').slice(0, 60) });
      }
      change((u) => {
        for (const logo of ids) if (!u.logos.some((l) => l.assetId === logo.assetId)) u.logos.push(logo);
      });
    } catch (error) {
      setUploadError(error);
    } finally {
      setUploading(false);
    }
  };

  return (
    <div className="narrow">
      <div className="page-head">
        <div>
          <h1>Brand kit</h1>
          <p className="muted">
            Your colours, logos and fonts, one click away in the designer: colours appear under every colour field,
            logos under every image source, fonts first in the font picker.
          </p>
        </div>
      </div>
      {save.isError && <ErrorNote error={save.error} />}

      <section className="brand-section card stack" aria-labelledby="brand-colours">
        <div className="row-between">
          <h2 id="brand-colours">Colours</h2>
          <Button
            size="sm"
            data-testid="brand-add-colour"
            disabled={kit.colors.length >= 48}
            onClick={() => change((u) => u.colors.push({ value: '#4f46e5' }))}
          >
            Add colour
          </Button>
        </div>
        {kit.colors.length === 0 && <p className="muted small">No colours yet.</p>}
        <div className="brand-colors">
          {kit.colors.map((color, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the kit
            <div key={i} className="brand-color-row" data-testid="brand-colour-row">
              <ColorField
                label="Colour"
                name={`Brand colour ${i + 1}`}
                brandSwatches={false}
                value={color.value}
                onChange={(value) =>
                  change((u) => {
                    u.colors[i] = { ...u.colors[i], value };
                  })
                }
              />
              <NameInput
                label={`Name of brand colour ${i + 1}`}
                value={color.name ?? ''}
                onCommit={(name) =>
                  change((u) => {
                    u.colors[i] = name ? { name, value: u.colors[i]!.value } : { value: u.colors[i]!.value };
                  })
                }
              />
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove brand colour ${color.name ?? i + 1}`}
                onClick={() => change((u) => u.colors.splice(i, 1))}
              >
                Remove
              </Button>
            </div>
          ))}
        </div>
      </section>

      <section className="brand-section card stack" aria-labelledby="brand-logos">
        <div className="row-between">
          <h2 id="brand-logos">Logos</h2>
          <Button size="sm" busy={uploading} onClick={() => file.current?.click()} disabled={kit.logos.length >= 24}>
            Upload logos
          </Button>
          <input
            ref={file}
            type="file"
            accept={IMAGE_TYPES}
            multiple
            hidden
            data-testid="brand-logo-file"
            onChange={(e) => {
              void addLogos(e.target.files);
              e.target.value = '';
            }}
          />
        </div>
        {uploadError !== null && <ErrorNote error={uploadError} />}
        {kit.logos.length === 0 && <p className="muted small">No logos yet. PNG, JPEG, WebP, GIF, AVIF or SVG.</p>}
        {kit.logos.map((logo: BrandKit['logos'][number], i) => (
          <div key={logo.assetId} className="brand-color-row" data-testid="brand-logo-row">
            <img className="brand-logo-thumb" src={logo.url} alt={logo.name ?? 'Logo'} />
            <NameInput
              label={`Name of logo ${i + 1}`}
              value={logo.name ?? ''}
              onCommit={(name) =>
                change((u) => {
                  const ref = u.logos[i]!;
                  u.logos[i] = name ? { assetId: ref.assetId, name } : { assetId: ref.assetId };
                })
              }
            />
            <span className="muted small">
              {logo.width}×{logo.height}
            </span>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove logo ${logo.name ?? i + 1}`}
              onClick={() => change((u) => u.logos.splice(i, 1))}
            >
              Remove
            </Button>
          </div>
        ))}
      </section>

      <section className="brand-section card stack" aria-labelledby="brand-fonts">
        <h2 id="brand-fonts">Fonts</h2>
        {kit.fonts.length === 0 ? (
          <p className="muted small">
            No fonts yet. <Link to="/fonts">Upload your brand fonts</Link>.
          </p>
        ) : (
          <p data-testid="brand-fonts">
            {kit.fonts.join(', ')} · <Link to="/fonts">Manage fonts</Link>
          </p>
        )}
      </section>
    </div>
  );
}
