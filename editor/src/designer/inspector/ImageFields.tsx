// Image properties: source (URL or upload), fit, focal point, mask, crop and filters.
import type { ImageLayer, Layer } from '@layercast/shared';
import { useId, useRef, useState } from 'react';
import { api } from '../../api/client';
import { BrandLogos } from '../../brand/BrandSwatches';
import { Button, NumberInput, Select } from '../../ui/controls';
import { retryImage } from '../../engine/image-cache';
import { useSceneState } from '../context';
import { IconFields } from './IconFields';
import { ImageFilterFields, ImageMaskFields } from './ImageLookFields';
import { sharedValue } from './shared-value';

type Patch = (patch: Record<string, unknown> | ((l: Layer) => Layer), key?: string) => void;

const ACCEPT = 'image/png,image/jpeg,image/webp,image/gif,image/avif,image/svg+xml';

export function ImageSourceField({
  value,
  onChange,
  label = 'Image URL',
  testId,
}: {
  value: string | null;
  onChange(src: string): void;
  label?: string;
  testId?: string;
}) {
  const [text, setText] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const { images } = useSceneState();
  const id = useId();
  const loadError = value ? images.errors.get(value) : undefined;
  const commit = (raw: string) => {
    setText(null);
    const v = raw.trim();
    if (v !== '' && !/^(https?:\/\/|\/|data:image\/)/i.test(v)) {
      setError('Use an http(s) URL, a path on this server, or upload a file');
      return;
    }
    setError(null);
    if (v !== value) {
      retryImage(v);
      onChange(v);
    }
  };
  return (
    <div className="stack">
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      <div className="row">
        <input
          id={id}
          className="input"
          aria-invalid={error || loadError ? true : undefined}
          aria-describedby={error || loadError ? `${id}-error` : undefined}
          data-testid={testId}
          value={text ?? (value?.startsWith('data:') ? '(embedded image)' : (value ?? ''))}
          placeholder={value === null ? 'Mixed' : 'https://example.com/logo.png'}
          onChange={(e) => setText(e.target.value)}
          onBlur={(e) => text !== null && commit(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && commit((e.target as HTMLInputElement).value)}
        />
        <Button size="sm" busy={uploading} onClick={() => file.current?.click()}>
          Upload
        </Button>
        <input
          ref={file}
          type="file"
          accept={ACCEPT}
          hidden
          data-testid="image-upload"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (!f) return;
            setUploading(true);
            setError(null);
            try {
              const asset = await api.assets.upload(f);
              onChange(asset.url);
            } catch (err) {
              setError(err instanceof Error ? err.message : 'Upload failed');
            } finally {
              setUploading(false);
            }
          }}
        />
      </div>
      {(error || loadError) && (
        <div className="field-error" role="alert" id={`${id}-error`}>
          {error ?? `The image did not load: ${loadError}`}
        </div>
      )}
      <BrandLogos
        value={value}
        onPick={(src) => {
          setError(null);
          if (src !== value) onChange(src);
        }}
      />
    </div>
  );
}

export function ImageFields({ layers, update }: { layers: ImageLayer[]; update: Patch }) {
  const v = <K extends keyof ImageLayer>(k: K) =>
    sharedValue(layers, (l) => (l as ImageLayer)[k]) as ImageLayer[K] | null;
  const pos = v('objectPosition');
  return (
    <div className="stack">
      <ImageSourceField value={v('src')} onChange={(src) => update({ src })} testId="image-src" />
      <IconFields layers={layers} update={update} />
      <div className="grid-2">
        <Select
          label="Fit"
          value={v('objectFit')}
          onChange={(objectFit) => update({ objectFit })}
          options={[
            { value: 'cover', label: 'Cover (crop)' },
            { value: 'contain', label: 'Contain' },
            { value: 'fill', label: 'Stretch' },
            { value: 'none', label: 'Natural size' },
          ]}
        />
      </div>
      <div className="grid-2">
        <NumberInput
          label="Focus X"
          unit="%"
          min={0}
          max={100}
          value={pos ? pos.x * 100 : null}
          mixed={!pos}
          onChange={(x) =>
            update((l) => ({ ...l, objectPosition: { ...(l as ImageLayer).objectPosition, x: x / 100 } }) as Layer)
          }
        />
        <NumberInput
          label="Focus Y"
          unit="%"
          min={0}
          max={100}
          value={pos ? pos.y * 100 : null}
          mixed={!pos}
          onChange={(y) =>
            update((l) => ({ ...l, objectPosition: { ...(l as ImageLayer).objectPosition, y: y / 100 } }) as Layer)
          }
        />
      </div>
      <ImageMaskFields layers={layers} update={update} />
      <ImageFilterFields layers={layers} update={update} />
    </div>
  );
}
