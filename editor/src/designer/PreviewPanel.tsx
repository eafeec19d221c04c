// Preview & integrate: trial overrides rendered by the server beside the canvas, with the
// render's diagnostics, and ready-to-copy snippets for the API, the public URL and a
// signed URL.
import { type GenerateResponse, type LayerOverridesInput, assertNever, leafLayers } from '@layercast/shared';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Layer } from '@layercast/shared';
import { api } from '../api/client';
import { Button, ErrorNote, Select, Toggle } from '../ui/controls';
import { describeIssue, issuesOf } from '../state/issue-text';
import { CopyBlock } from '../ui/copy';
import { selectFullDoc } from '../state/document-store';
import { useDesigner, useDoc, useDocState, useUi } from './context';
import { trialOverrides, trialVariables } from './sample-data';
import { type TrialValues, formFromOverrides, overridesFromForm, trialProperty } from './preview-overrides';
import { queryKeys } from '../api/queries';

/** A trial field shows the layer's current value: its text, image URL or fill. */
function trialPlaceholder(layer: Layer): string {
  switch (layer.type) {
    case 'text':
      return layer.text.slice(0, 60);
    case 'image':
      return layer.src.startsWith('data:') ? '(embedded image)' : layer.src.slice(0, 60) || 'https://…';
    case 'rect':
    case 'ellipse':
    case 'polygon':
    case 'star':
      return typeof layer.fill === 'string' ? layer.fill.slice(0, 60) : `${layer.fill.type} gradient`;
    case 'line':
      return layer.stroke;
    case 'qr':
      return layer.data.slice(0, 60);
    case 'group':
      return `${layer.layers.length} layers`;
    default:
      return assertNever(layer, 'layer');
  }
}

function Diagnostics({ result }: { result: GenerateResponse }) {
  const { layers, missingGlyphs, background, warnings } = result.diagnostics;
  return (
    <div className="diagnostics" data-testid="diagnostics">
      <div className="muted small">
        {result.width}×{result.height} · {result.cached ? 'from cache' : `rendered in ${result.generationMs} ms`}
        {result.source && (
          <>
            {' '}
            · from <span data-testid="preview-source">{result.source.title ?? result.source.url}</span>
          </>
        )}
      </div>
      <ul>
        {Object.entries(layers).map(([name, d]) => (
          <li
            key={name}
            className={(d.type === 'text' ? d.truncated || d.fontFallback || d.textCut : !d.loaded) ? 'is-warning' : ''}
          >
            <code>{name}</code>{' '}
            {d.type === 'text'
              ? `${d.fontSize} px, ${d.lines} line${d.lines === 1 ? '' : 's'}${d.truncated ? ', truncated' : ''}${d.fontFallback ? ` — ${d.fontFallback}` : ''}${d.textCut ? ` — ${d.textCut}` : ''}`
              : d.loaded
                ? 'image loaded'
                : `image failed: ${d.error ?? 'unknown error'}`}
          </li>
        ))}
        {background && !background.loaded && (
          <li className="is-warning">Background image failed: {background.error ?? 'unknown error'}</li>
        )}
        {missingGlyphs.length > 0 && <li className="is-warning">No font has: {missingGlyphs.join(' ')}</li>}
        {warnings?.map((w) => (
          <li key={w} className="is-warning">
            {w}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function PreviewPanel({ isPublic, dirty, onSave }: { isPublic: boolean; dirty: boolean; onSave(): void }) {
  const { templateId, ui } = useDesigner();
  const doc = useDoc();
  // The trial lives in the UI store: the canvas draws it too when "Preview data" is on.
  const trial = useUi((s) => s.trial);
  const previewData = useUi((s) => s.previewData);
  const { values, variables, raw } = trial;
  const setValues = (v: TrialValues) => ui.getState().setTrial({ values: v });
  const setVariables = (v: Record<string, string>) => ui.getState().setTrial({ variables: v });
  const setRaw = (v: string | null) => ui.getState().setTrial({ raw: v });
  const formOverrides = useMemo(() => overridesFromForm(doc, values), [doc, values]);
  const json = raw ?? JSON.stringify(formOverrides, null, 2);
  const { value: parsedRaw, error: rawError } = trialOverrides(doc, trial);
  const varsUsed = trialVariables(trial);
  // A web page whose metadata fills the page.* variables (POST /api/generate's `url`).
  const [pageUrl, setPageUrl] = useState('');
  const url = pageUrl.trim();
  // Every size of the design is rendered beside the base.
  const sizes = useDocState((s) => selectFullDoc(s).variants ?? []);
  const render = useMutation({
    // Whatever JSON was typed goes as it is: the server's 422 names the path that is wrong.
    mutationFn: async () => {
      const body = {
        templateId,
        layers: parsedRaw as LayerOverridesInput,
        variables: varsUsed,
        ...(url ? { url } : {}),
        format: 'png' as const,
      };
      const names = sizes.map((v) => v.name);
      const [base, ...variants] = await Promise.all([
        api.generate(body),
        ...names.map((variant) =>
          api.generate({ ...body, variant }).then(
            (result) => ({ result, error: null }),
            (error: unknown) => ({ result: null, error }),
          ),
        ),
      ]);
      return { ...(base as GenerateResponse), variants: variants.map((v, i) => ({ name: names[i] ?? '', ...v })) };
    },
  });
  const origin = api.baseUrl;
  const bodyJson = JSON.stringify(
    {
      templateId,
      ...(url ? { url } : {}),
      layers: parsedRaw,
      ...(Object.keys(varsUsed).length ? { variables: varsUsed } : {}),
      format: 'png',
    },
    null,
    2,
  );
  const layersArg =
    parsedRaw && typeof parsedRaw === 'object' && Object.keys(parsedRaw).length
      ? (parsedRaw as Record<string, Record<string, unknown>>)
      : undefined;
  const publicUrl = api.renderUrl({
    templateId,
    layers: layersArg,
    ...(Object.keys(varsUsed).length ? { variables: varsUsed } : {}),
  });

  return (
    <div className="preview-panel" data-testid="preview-panel">
      <section className="inspector-section">
        <h3>Trial overrides</h3>
        <p className="field-hint">The server renders the saved template with these values, exactly as the API would.</p>
        {leafLayers(doc.layers).map((layer) => (
          <label className="trial-field" key={layer.id}>
            <span>
              <code>{layer.name}</code> <span className="muted small">{trialProperty(layer)}</span>
            </span>
            <input
              className="input"
              data-testid={`trial-${layer.name}`}
              value={values[layer.name] ?? ''}
              placeholder={trialPlaceholder(layer)}
              onChange={(e) => {
                setRaw(null);
                setValues({ ...values, [layer.name]: e.target.value });
              }}
            />
          </label>
        ))}
        {doc.variables.map((v) => (
          <label className="trial-field" key={v.name}>
            <span>
              <code>{`{{${v.name}}}`}</code> <span className="muted small">variable</span>
            </span>
            <input
              className="input"
              data-testid={`trial-var-${v.name}`}
              value={variables[v.name] ?? ''}
              placeholder={v.default}
              onChange={(e) => setVariables({ ...variables, [v.name]: e.target.value })}
            />
          </label>
        ))}
        <label className="trial-field">
          <span>
            Page URL{' '}
            <span className="muted small">
              fills {'{{page.title}}'}, {'{{page.image}}'}, …
            </span>
          </span>
          <input
            className="input"
            type="url"
            data-testid="trial-page-url"
            value={pageUrl}
            placeholder="https://blog.example/post"
            onChange={(e) => setPageUrl(e.target.value)}
          />
        </label>
        <label className="field-label" htmlFor="raw-overrides">
          <code>layers</code> JSON
        </label>
        <textarea
          id="raw-overrides"
          className="textarea code"
          rows={5}
          spellCheck={false}
          value={json}
          data-testid="raw-overrides"
          aria-invalid={rawError ? true : undefined}
          aria-describedby={rawError ? 'raw-overrides-error' : undefined}
          onChange={(e) => {
            setRaw(e.target.value);
            try {
              setValues(formFromOverrides(doc, JSON.parse(e.target.value)));
            } catch {
              // keep the form as it was while the JSON is being typed
            }
          }}
        />
        <Toggle
          label="Preview data on the canvas"
          testId="preview-data"
          checked={previewData}
          onChange={(on) => ui.getState().setPreviewData(on)}
        />
        {rawError && (
          <div className="field-error" role="alert" id="raw-overrides-error">
            {rawError}
          </div>
        )}
        {dirty && (
          <p className="note">
            You have unsaved changes; the server renders the saved version.{' '}
            <button type="button" className="link-btn" onClick={onSave}>
              Save now
            </button>
          </p>
        )}
        <Button
          variant="primary"
          busy={render.isPending}
          disabled={rawError !== null}
          onClick={() => render.mutate()}
          data-testid="render-preview"
        >
          Render preview
        </Button>
        {render.error && <RenderError error={render.error} />}
        {render.data && (
          <figure className="preview-figure">
            <a href={render.data.imageUrl} target="_blank" rel="noreferrer" title="Open the image at full size">
              <img
                src={render.data.imageUrl}
                alt="Server render with the trial overrides"
                data-testid="preview-image"
              />
            </a>
            <a
              className="link-btn"
              href={render.data.imageUrl}
              target="_blank"
              rel="noreferrer"
              data-testid="preview-full-size"
            >
              Open full size ({render.data.width}×{render.data.height})
            </a>
            <Diagnostics result={render.data} />
          </figure>
        )}
        {render.data?.variants.map((v) => (
          <figure className="preview-figure" key={v.name} data-testid={`preview-variant-${v.name}`}>
            <figcaption className="muted small">
              <code>variant: {v.name}</code>
            </figcaption>
            {v.result ? (
              <>
                <a href={v.result.imageUrl} target="_blank" rel="noreferrer" title="Open the image at full size">
                  <img src={v.result.imageUrl} alt={`Server render of the ${v.name} size`} />
                </a>
                <span className="muted small">
                  {v.result.width}×{v.result.height}
                </span>
              </>
            ) : (
              <RenderError error={v.error} />
            )}
          </figure>
        ))}
      </section>
      <section className="inspector-section">
        <h3>Use it</h3>
        <CopyBlock
          label="curl"
          text={`curl -X POST ${origin}/api/generate \\\n  -H "Authorization: Bearer $LAYERCAST_API_KEY" \\\n  -H "Content-Type: application/json" \\\n  -d '${bodyJson.replaceAll("'", "'\\''")}'`}
        />
        <CopyBlock
          label="fetch"
          text={`const res = await fetch('${origin}/api/generate', {\n  method: 'POST',\n  headers: {\n    Authorization: \`Bearer \${process.env.LAYERCAST_API_KEY}\`,\n    'Content-Type': 'application/json',\n  },\n  body: JSON.stringify(${bodyJson.replaceAll('\n', '\n  ')}),\n});\nconst { imageUrl } = await res.json();`}
        />
        {isPublic ? (
          <>
            <CopyBlock label="Public render URL" text={publicUrl} testId="public-url" />
            <CopyBlock
              label="<meta> tag"
              text={`<meta property="og:image" content="${publicUrl.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}" />`}
            />
          </>
        ) : (
          <SignedUrl templateId={templateId} layers={layersArg} variables={varsUsed} />
        )}
      </section>
    </div>
  );
}

/** A refused render: each issue names its layer (`title: text is longer than 2,000 characters`). */
function RenderError({ error }: { error: unknown }) {
  const doc = useDoc();
  const issues = issuesOf(error);
  return (
    <div className="error-note" role="alert" data-testid="render-error">
      {issues.length === 0 ? (
        <span>{error instanceof Error ? error.message : String(error)}</span>
      ) : issues.length === 1 ? (
        <span>{describeIssue(doc, issues[0]!)}</span>
      ) : (
        <ul>
          {issues.map((issue) => (
            <li key={`${issue.path}${issue.message}`}>{describeIssue(doc, issue)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function SignedUrl({
  templateId,
  layers,
  variables,
}: {
  templateId: string;
  layers?: Record<string, Record<string, unknown>>;
  variables: Record<string, string>;
}) {
  const keys = useQuery({ queryKey: queryKeys.keys, queryFn: api.keys.list });
  const [keyId, setKeyId] = useState<string | null>(null);
  const chosen = keyId ?? keys.data?.[0]?.id ?? null;
  const signed = useQuery({
    queryKey: queryKeys.signedUrl(templateId, chosen, layers, variables),
    enabled: chosen !== null,
    queryFn: async () => {
      const { keyId, signingSecret } = await api.keys.signingSecret(chosen!);
      return api.signedRenderUrl({
        templateId,
        keyId,
        signingSecret,
        layers,
        ...(Object.keys(variables).length ? { variables } : {}),
      });
    },
  });
  return (
    <div className="stack">
      <p className="field-hint">
        This template is private: its render URL must be signed with one of your API keys (valid 7 days). Make it public
        for a plain URL.
      </p>
      {keys.data?.length === 0 && <p className="note">Create an API key on the API keys page to sign URLs.</p>}
      {keys.data && keys.data.length > 0 && (
        <Select<string>
          label="Signing key"
          value={chosen}
          onChange={(v) => setKeyId(v)}
          options={keys.data.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` }))}
        />
      )}
      {signed.error && <ErrorNote error={signed.error} />}
      {signed.data && (
        <>
          <CopyBlock label="Signed render URL" text={signed.data} testId="signed-url" />
          <CopyBlock
            label="<meta> tag"
            text={`<meta property="og:image" content="${signed.data.replaceAll('&', '&amp;')}" />`}
          />
        </>
      )}
    </div>
  );
}
