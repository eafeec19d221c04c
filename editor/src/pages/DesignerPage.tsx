// The designer: loads the template and the engine platform, then lays out the toolbar,
// layers panel, stage, inspector and preview panel around the two stores.
import { parseTemplate, type TemplateDocument, type TemplateWithEtag } from '@layercast/shared';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../api/client';
import { Link, setNavigationGuard } from '../app/router';
import { loadPlatform, type EditorPlatform } from '../engine/platform';
import { useScene } from '../engine/use-scene';
import { createEditorActions } from '../designer/actions';
import { DesignerContext, type DesignerContextValue, SceneContext } from '../designer/context';
import { DesignerCanvas } from '../designer/DesignerCanvas';
import { Inspector } from '../designer/inspector/Inspector';
import { handleShortcut } from '../designer/keyboard';
import { LayersPanel } from '../designer/LayersPanel';
import { PreviewPanel } from '../designer/PreviewPanel';
import { Toolbar } from '../designer/Toolbar';
import { type SaveState, useSave } from '../designer/use-save';
import { createDocumentStore, selectDirty, selectDoc } from '../state/document-store';
import { createUiStore } from '../state/ui-store';
import { centerViewport, zoomAround } from '../state/viewport';
import { Button, ErrorNote, Spinner } from '../ui/controls';
import { Modal } from '../ui/Modal';
import { useStore } from 'zustand';
import { queryKeys } from '../api/queries';

export function DesignerPage({ templateId }: { templateId: string }) {
  const template = useQuery({
    queryKey: queryKeys.templates.detail(templateId),
    queryFn: () => api.templates.get(templateId),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
  const platform = useQuery({
    queryKey: queryKeys.platform,
    queryFn: loadPlatform,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const error = template.error ?? platform.error;
  if (error) {
    return (
      <div className="center-page">
        <ErrorNote error={error} onRetry={() => (template.error ? template.refetch() : platform.refetch())} />
        <Link to="/">Back to your templates</Link>
      </div>
    );
  }
  if (!template.data || !platform.data) return <Spinner label="Opening the designer" />;
  const parsed = parseTemplate(template.data.jsonData);
  if (!parsed.ok) {
    return (
      <div className="center-page">
        <ErrorNote
          error={new Error(`This template is not valid: ${parsed.errors[0]?.path} ${parsed.errors[0]?.message}`)}
        />
      </div>
    );
  }
  return <Designer record={template.data} doc={parsed.value} platform={platform.data} />;
}

function Designer({
  record,
  doc,
  platform,
}: {
  record: TemplateWithEtag;
  doc: TemplateDocument;
  platform: EditorPlatform;
}) {
  // The stores live as long as this template is open (the page is keyed by template id).
  const [value] = useState<DesignerContextValue>(() => {
    const docs = createDocumentStore(doc);
    const ui = createUiStore();
    return { docs, ui, actions: createEditorActions(docs, ui), platform, templateId: record.id };
  });
  const { docs, ui, actions } = value;
  const current = useStore(docs, selectDoc);
  const dirty = useStore(docs, selectDirty);
  const sceneState = useScene(platform, current);
  const saver = useSave(record.id, docs, record.etag);
  const [panel, setPanel] = useState<'design' | 'preview'>('design');
  const [meta, setMeta] = useState({ name: record.name, isPublic: record.isPublic });

  // Unsaved-changes guard: the browser's own prompt on unload, ours on in-app navigation.
  useEffect(() => {
    if (!dirty) return;
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = '';
    };
    window.addEventListener('beforeunload', onUnload);
    const removeGuard = setNavigationGuard(() => window.confirm('You have unsaved changes. Leave without saving?'));
    return () => {
      window.removeEventListener('beforeunload', onUnload);
      removeGuard();
    };
  }, [dirty]);

  useEffect(() => {
    const view = () => document.querySelector('[data-testid="stage"]')?.getBoundingClientRect();
    const onKey = (e: KeyboardEvent) => {
      const handled = handleShortcut(e, {
        actions,
        save: () => saver.save(),
        zoomToFit: () => ui.getState().setViewport(ui.getState().viewport, true),
        zoomTo100: () => {
          const r = view();
          const { width, height } = selectDoc(docs.getState()).canvas;
          if (r) ui.getState().setViewport(centerViewport(width, height, r.width, r.height, 1));
        },
        zoomBy: (f) => {
          const r = view();
          if (r) ui.getState().setViewport(zoomAround(ui.getState().viewport, f, r.width / 2, r.height / 2));
        },
        deselect: () => ui.getState().select([]),
      });
      if (handled) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, saver, ui, docs]);

  return (
    <DesignerContext.Provider value={value}>
      <SceneContext.Provider value={sceneState}>
        <div className="designer">
          <Toolbar
            name={meta.name}
            isPublic={meta.isPublic}
            onMetaSaved={(m, saved) => {
              setMeta((old) => ({ ...old, ...m }));
              saver.adoptMetaSave(saved);
            }}
            saveState={saver.state}
            dirty={dirty}
            onSave={() => saver.save()}
          />
          {saver.state.kind === 'error' && (
            <div className="banner-error" role="alert" data-testid="save-error">
              <span>Not saved: {saver.state.message}</span>
              <button
                type="button"
                className="icon-btn"
                aria-label="Dismiss"
                onClick={() => saver.setState({ kind: 'idle' })}
              >
                ×
              </button>
            </div>
          )}
          <div className="designer-body">
            <aside className="sidebar sidebar-left" aria-label="Layers">
              <div className="panel-title">Layers</div>
              <LayersPanel />
            </aside>
            <section className="canvas-area" aria-label="Canvas">
              {!sceneState.fontsReady && <div className="canvas-loading">Loading fonts…</div>}
              <DesignerCanvas />
            </section>
            <aside className="sidebar sidebar-right" aria-label="Properties">
              <div className="tabs" role="tablist">
                <button
                  type="button"
                  role="tab"
                  aria-selected={panel === 'design'}
                  className={panel === 'design' ? 'is-active' : ''}
                  onClick={() => setPanel('design')}
                >
                  Design
                </button>
                <button
                  type="button"
                  role="tab"
                  data-testid="preview-tab"
                  aria-selected={panel === 'preview'}
                  className={panel === 'preview' ? 'is-active' : ''}
                  onClick={() => setPanel('preview')}
                >
                  Preview & API
                </button>
              </div>
              <div className="sidebar-scroll">
                {panel === 'design' ? (
                  <Inspector />
                ) : (
                  <PreviewPanel isPublic={meta.isPublic} dirty={dirty} onSave={() => saver.save()} />
                )}
              </div>
            </aside>
          </div>
          <ConflictDialog
            state={saver.state}
            onReload={saver.reload}
            onOverwrite={() => saver.save(true)}
            onCancel={() => saver.setState({ kind: 'idle' })}
          />
        </div>
      </SceneContext.Provider>
    </DesignerContext.Provider>
  );
}

function ConflictDialog({
  state,
  onReload,
  onOverwrite,
  onCancel,
}: {
  state: SaveState;
  onReload(): void;
  onOverwrite(): void;
  onCancel(): void;
}) {
  return (
    <Modal
      open={state.kind === 'conflict'}
      title="This template was changed elsewhere"
      onClose={onCancel}
      testId="conflict-dialog"
      footer={
        <>
          <Button onClick={onReload}>Reload theirs</Button>
          <Button variant="danger" onClick={onOverwrite}>
            Overwrite with mine
          </Button>
        </>
      }
    >
      <p>{state.kind === 'conflict' ? state.message : ''}</p>
      <p className="muted">
        Reload to get the saved version (your unsaved changes are lost), or overwrite it with what you see here.
      </p>
    </Modal>
  );
}
