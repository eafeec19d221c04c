// With nothing selected: the canvas (size, background) and the template's variables.
import { LIMITS, type Variable, VariableSchema } from '@layercast/shared';
import { useState } from 'react';
import { SIZE_PRESETS, presetFor } from '../../presets';
import { updateCanvas } from '../../state/layer-ops';
import { Button, NumberInput, Select } from '../../ui/controls';
import { useDesigner, useDoc } from '../context';
import { FillField } from './FillField';
import { ImageSourceField } from './ImageFields';

export function CanvasInspector() {
  const { actions } = useDesigner();
  const doc = useDoc();
  const { canvas } = doc;
  const preset = presetFor(canvas.width, canvas.height);
  const setCanvas = (patch: Partial<typeof canvas>) => actions.updateDocument((d) => updateCanvas(d, patch));
  return (
    <div className="inspector" data-testid="canvas-inspector">
      <div className="inspector-title">Canvas</div>
      <section className="inspector-section">
        <h3>Size</h3>
        <Select
          label="Size preset"
          value={preset?.id ?? 'custom'}
          onChange={(id) => {
            const p = SIZE_PRESETS.find((x) => x.id === id);
            if (p) setCanvas({ width: p.width, height: p.height });
          }}
          options={[
            ...SIZE_PRESETS.map((p) => ({ value: p.id, label: `${p.label} · ${p.width}×${p.height}` })),
            { value: 'custom', label: 'Custom size' },
          ]}
        />
        <div className="grid-2">
          <NumberInput
            label="W"
            name="Canvas width"
            unit="px"
            integer
            testId="canvas-width"
            min={LIMITS.canvasMin}
            max={LIMITS.canvasMax}
            value={canvas.width}
            onChange={(width) => setCanvas({ width })}
          />
          <NumberInput
            label="H"
            name="Canvas height"
            unit="px"
            integer
            testId="canvas-height"
            min={LIMITS.canvasMin}
            max={LIMITS.canvasMax}
            value={canvas.height}
            onChange={(height) => setCanvas({ height })}
          />
        </div>
      </section>
      <section className="inspector-section">
        <h3>Background</h3>
        <FillField label="Fill" value={canvas.background} onChange={(background) => setCanvas({ background })} />
        <ImageSourceField
          label="Background image"
          value={canvas.backgroundImage ?? ''}
          onChange={(src) => setCanvas({ backgroundImage: src || undefined })}
        />
      </section>
      <VariablesEditor variables={doc.variables} />
    </div>
  );
}

function VariablesEditor({ variables }: { variables: Variable[] }) {
  const { actions } = useDesigner();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const set = (next: Variable[], key?: string) => actions.updateDocument((d) => ({ ...d, variables: next }), key);
  const add = () => {
    const name = draft.trim();
    if (!VariableSchema.shape.name.safeParse(name).success)
      return setError('Use letters, digits and _, not starting with a digit');
    if (variables.some((v) => v.name === name)) return setError(`"${name}" already exists`);
    if (variables.length >= LIMITS.maxVariables) return setError(`At most ${LIMITS.maxVariables} variables`);
    setError(null);
    setDraft('');
    set([...variables, { name, type: 'text', default: '' }]);
  };
  return (
    <section className="inspector-section">
      <h3>Variables</h3>
      <p className="field-hint">
        Write <code>{'{{name}}'}</code> in any text; a render's <code>variables</code> fill it in, or the default below.
      </p>
      {variables.map((v, i) => (
        <div className="variable" key={v.name}>
          <code className="variable-name">{`{{${v.name}}}`}</code>
          <input
            className="input"
            maxLength={LIMITS.maxTextLength}
            aria-label={`Default for ${v.name}`}
            placeholder="Default value"
            value={v.default}
            onChange={(e) =>
              set(
                variables.map((x, j) => (j === i ? { ...x, default: e.target.value } : x)),
                `var:${v.name}`,
              )
            }
          />
          <button
            type="button"
            className="icon-btn"
            aria-label={`Remove variable ${v.name}`}
            onClick={() => set(variables.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <div className="row">
        <input
          className="input"
          aria-label="New variable name"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'new-variable-error' : undefined}
          placeholder="author"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && add()}
        />
        <Button size="sm" onClick={add}>
          Add variable
        </Button>
      </div>
      {error && (
        <div className="field-error" role="alert" id="new-variable-error">
          {error}
        </div>
      )}
    </section>
  );
}
