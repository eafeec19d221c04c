import type { Starter } from '@layercast/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { DocumentThumbnail } from '../engine/DocumentThumbnail';
import { navigate } from '../app/router';
import type { SizePreset } from '../presets';
import { Button, ErrorNote, Field, NumberInput } from '../ui/controls';
import { Modal } from '../ui/Modal';
import { queryKeys } from '../api/queries';

type Choice = { kind: 'preset'; preset: SizePreset } | { kind: 'custom' } | { kind: 'starter'; starter: Starter };

export function NewTemplateDialog({
  presets,
  starters,
  onClose,
}: {
  presets: readonly SizePreset[];
  starters: readonly Starter[];
  onClose(): void;
}) {
  const qc = useQueryClient();
  const [choice, setChoice] = useState<Choice>({ kind: 'preset', preset: presets[0]! });
  const [name, setName] = useState('');
  const [size, setSize] = useState({ width: 1200, height: 630 });
  const create = useMutation({
    mutationFn: () => {
      const defaultName =
        choice.kind === 'starter'
          ? choice.starter.name
          : choice.kind === 'preset'
            ? choice.preset.label
            : 'Custom template';
      const jsonData =
        choice.kind === 'starter'
          ? (structuredClone(choice.starter.document) as never)
          : {
              version: 2 as const,
              canvas: {
                ...(choice.kind === 'preset' ? { width: choice.preset.width, height: choice.preset.height } : size),
                background: '#ffffff',
              },
              layers: [],
              variables: [],
            };
      return api.templates.create({ name: name.trim() || defaultName, jsonData });
    },
    onSuccess: (t) => {
      qc.invalidateQueries({ queryKey: queryKeys.templates.all });
      navigate(`/templates/${t.id}`);
    },
  });
  const isChosen = (c: Choice) =>
    c.kind === choice.kind &&
    (c.kind !== 'preset' || (choice.kind === 'preset' && choice.preset.id === c.preset.id)) &&
    (c.kind !== 'starter' || (choice.kind === 'starter' && choice.starter.file === c.starter.file));
  const option = (c: Choice, title: string, sub: string, w: number, h: number, testId: string) => (
    <button
      type="button"
      className={`choice${isChosen(c) ? ' is-active' : ''}`}
      onClick={() => setChoice(c)}
      data-testid={testId}
      aria-pressed={isChosen(c)}
    >
      <span className="choice-frame">
        {c.kind === 'starter' ? (
          <DocumentThumbnail doc={c.starter.document} width={140} height={76} label={`Preview of ${title}`} />
        ) : (
          <span
            className="choice-shape"
            style={{ width: (w * Math.min(120 / w, 64 / h)) | 0, height: (h * Math.min(120 / w, 64 / h)) | 0 }}
          />
        )}
      </span>
      <span className="choice-title">{title}</span>
      <span className="muted small">{sub}</span>
    </button>
  );
  return (
    <Modal
      open
      title="New template"
      onClose={onClose}
      testId="new-template-dialog"
      footer={
        <>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            variant="primary"
            busy={create.isPending}
            onClick={() => create.mutate()}
            data-testid="create-template"
          >
            Create template
          </Button>
        </>
      }
    >
      <Field label="Name" htmlFor="template-name">
        <input
          id="template-name"
          className="input"
          value={name}
          maxLength={200}
          placeholder="Blog post card"
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      <h3 className="section-label">Start from a size</h3>
      <div className="choices">
        {presets.map((p) =>
          option({ kind: 'preset', preset: p }, p.label, `${p.width}×${p.height}`, p.width, p.height, `preset-${p.id}`),
        )}
        {option({ kind: 'custom' }, 'Custom', `${size.width}×${size.height}`, size.width, size.height, 'preset-custom')}
      </div>
      {choice.kind === 'custom' && (
        <div className="grid-2">
          <NumberInput
            label="W"
            unit="px"
            integer
            min={16}
            max={4096}
            value={size.width}
            onChange={(width) => setSize({ ...size, width })}
          />
          <NumberInput
            label="H"
            unit="px"
            integer
            min={16}
            max={4096}
            value={size.height}
            onChange={(height) => setSize({ ...size, height })}
          />
        </div>
      )}
      <h3 className="section-label">Or from a starter design</h3>
      <div className="choices">
        {starters.map((s) =>
          option(
            { kind: 'starter', starter: s },
            s.name,
            s.description,
            s.width,
            s.height,
            `starter-${s.file.replace('.json', '')}`,
          ),
        )}
      </div>
      {create.error && <ErrorNote error={create.error} />}
    </Modal>
  );
}
