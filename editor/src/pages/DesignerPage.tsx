// The designer: loads the template and the engine platform, then lays out the toolbar,
// layers panel, stage, inspector and preview panel around the two stores.
import { parseTemplate, type TemplateDocument, type TemplateWithEtag } from '@layercast/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../api/client';
import { Link, setNavigationGuard } from '../app/router';
import { loadPlatform, type EditorPlatform } from '../engine/platform';
import { useScene } from '../engine/use-scene';
import { createEditorActions } from '../designer/actions';
import { DesignerContext, type DesignerContextValue, SceneContext } from '../designer/context';
import { DesignerCanvas } from '../designer/DesignerCanvas';
import { Inspector } from '../designer/inspector/Inspector';
import { HistoryPanel } from '../designer/HistoryPanel';
import { handleShortcut } from '../designer/keyboard';
import { LayersPanel } from '../designer/LayersPanel';
import { PreviewPanel } from '../designer/PreviewPanel';
import { Rulers } from '../designer/Rulers';
import { sampleData } from '../designer/sample-data';
import { Toolbar } from '../designer/Toolbar';
import { type SaveState, useSave } from '../designer/use-save';
import { createDocumentStore, selectDirty, selectDoc } from '../state/document-store';
import { restoreHistory, storeHistory } from '../state/history-storage';
import { createUiStore } from '../state/ui-store';
import { centerViewport, zoomAround } from '../state/viewport';
import { Button, ErrorNote, Spinner } from '../ui/controls';
import { Modal } from '../ui/Modal';
import { useStore } from 'zustand';
import { queryKeys } from '../api/queries';

/** The right sidebar's tabs, in order. */
const PANELS = [
  ['design', 'Design'],
  ['preview', 'Preview & API'],
  ['history', 'History'],
] as const;
type Panel = (typeof PANELS)[number][0];

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
    // The undo steps of this tab's earlier visit, while the server still holds that version.
    const restored = restoreHistory(record.id, record.etag, doc);
    if (restored) docs.setState({ history: restored });
    const ui = createUiStore();
    return { docs, ui, actions: createEditorActions(docs, ui, platform.env), platform, templateId: record.id };
  });
  const { docs, ui, actions } = value;
  const current = useStore(docs, selectDoc);
  const dirty = useStore(docs, selectDirty);
  const previewData = useStore(ui, (s) => s.previewData);
  const trial = useStore(ui, (s) => s.trial);
  const sample = useMemo(() => (previewData ? sampleData(current, trial) : null), [previewData, current, trial]);
  // An old version opened from History: the canvas draws it, and nothing can be edited.
  const [viewing, setViewing] = useState<{ version: number; doc: TemplateDocument } | null>(null);
  const viewingRef = useRef(viewing);
  viewingRef.current = viewing;
  // What the layers panel, canvas and inspector read while a version is open: that version
  // in a store of its own (nothing there can be edited), so they show its layers, size and
  // framing; the real store and its undo history are left as they were.
  const shown = useMemo<DesignerContextValue>(
    () => (viewing ? { ...value, docs: createDocumentStore(viewing.doc) } : value),
    [viewing, value],
  );
  // Opening a version or going back frames the canvas that is shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the shown document changes
  useEffect(() => {
    ui.getState().setViewport(ui.getState().viewport, true);
  }, [shown, ui]);
  const sceneState = useScene(
    platform,
    viewing?.doc ?? current,
    !viewing && sample && !sample.error ? sample : undefined,
  );
  const saver = useSave(record.id, docs, record.etag);
  const [panel, setPanel] = useState<Panel>('design');
  const qc = useQueryClient();

  const openVersion = useCallback(
    async (version: number) => {
      if (
        dirty &&
        !window.confirm(`You have unsaved changes. Open version ${version} read-only? Your changes stay here.`)
      ) {
        return;
      }
      try {
        const saved = await qc.fetchQuery({
          queryKey: queryKeys.templates.version(record.id, version),
          queryFn: () => api.templates.version(record.id, version),
          staleTime: Number.POSITIVE_INFINITY,
        });
        const parsed = parseTemplate(saved.jsonData);
        if (!parsed.ok) throw new Error(`version ${version} is not a valid template`);
        ui.getState().select([]);
        setViewing({ version, doc: parsed.value });
      } catch (error) {
        saver.setState({ kind: 'error', message: error instanceof Error ? error.message : 'Opening failed' });
      }
    },
    [dirty, qc, record.id, ui, saver],
  );

  const restoreVersion = useCallback(
    async (version: number) => {
      if (dirty && !window.confirm(`You have unsaved changes. Restore version ${version} and discard them?`)) return;
      try {
        await api.templates.restore(record.id, version);
        await saver.reload();
        setViewing(null);
        await qc.invalidateQueries({ queryKey: queryKeys.templates.versions(record.id) });
      } catch (error) {
        saver.setState({ kind: 'error', message: error instanceof Error ? error.message : 'Restoring failed' });
      }
    },
    [dirty, qc, record.id, saver],
  );

  // A save adds a version: the History list asks again.
  useEffect(() => {
    if (saver.state.kind === 'saved') qc.invalidateQueries({ queryKey: queryKeys.templates.versions(record.id) });
  }, [saver.state, qc, record.id]);
  const [meta, setMeta] = useState({ name: record.name, isPublic: record.isPublic });

  // The history goes to sessionStorage shortly after each change and when the page goes.
  const persistHistory = useCallback(
    () => storeHistory(record.id, saver.etag.current, docs.getState().history),
    [record.id, saver.etag, docs],
  );
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = docs.subscribe((s, prev) => {
      if (s.history === prev.history && s.saved === prev.saved) return;
      clearTimeout(timer);
      timer = setTimeout(persistHistory, 250);
    });
    window.addEventListener('pagehide', persistHistory);
    return () => {
      clearTimeout(timer);
      persistHistory();
      unsubscribe();
      window.removeEventListener('pagehide', persistHistory);
    };
  }, [docs, persistHistory]);

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
      if (viewingRef.current) return; // read-only: no edits, no saves
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
          <div className="contents" inert={viewing !== null}>
            <Toolbar
              name={meta.name}
              isPublic={meta.isPublic}
              onMetaSaved={(m, saved) => {
                setMeta((old) => ({ ...old, ...m }));
                saver.adoptMetaSave(saved);
                persistHistory();
              }}
              saveState={saver.state}
              dirty={dirty}
              onSave={() => saver.save()}
            />
          </div>
          {viewing && (
            <section className="version-banner" aria-label="Old version" data-testid="version-banner">
              <span role="status">Viewing version {viewing.version} — read only</span>
              <Button size="sm" variant="primary" onClick={() => restoreVersion(viewing.version)}>
                Restore
              </Button>
              <Button size="sm" onClick={() => setViewing(null)}>
                Back
              </Button>
            </section>
          )}
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
          <DesignerContext.Provider value={shown}>
            <div className="designer-body">
              <aside className="sidebar sidebar-left" aria-label="Layers" inert={viewing !== null}>
                <div className="panel-title">Layers</div>
                <LayersPanel />
              </aside>
              <section className="canvas-area" aria-label="Canvas">
                {!sceneState.fontsReady && <div className="canvas-loading">Loading fonts…</div>}
                <Rulers />
                {sample && (
                  <div
                    className={`sample-pill${sample.error ? ' is-error' : ''}`}
                    role="status"
                    data-testid="sample-pill"
                  >
                    <span>{sample.error ? `Sample data not drawn: ${sample.error}` : 'Showing sample data'}</span>
                    <button type="button" className="link-btn" onClick={() => ui.getState().setPreviewData(false)}>
                      Show the template
                    </button>
                  </div>
                )}
                <div className="contents" inert={viewing !== null} data-read-only={viewing !== null || undefined}>
                  <DesignerCanvas />
                </div>
              </section>
              <aside className="sidebar sidebar-right" aria-label="Properties">
                <div className="tabs" role="tablist">
                  {PANELS.map(([id, label]) => (
                    <button
                      key={id}
                      type="button"
                      role="tab"
                      data-testid={`${id}-tab`}
                      aria-selected={panel === id}
                      className={panel === id ? 'is-active' : ''}
                      onClick={() => setPanel(id)}
                    >
                      {label}
                    </button>
                  ))}
                </div>
                <div className="sidebar-scroll">
                  {panel === 'design' ? (
                    <div inert={viewing !== null}>
                      <Inspector />
                    </div>
                  ) : panel === 'preview' ? (
                    <PreviewPanel isPublic={meta.isPublic} dirty={dirty} onSave={() => saver.save()} />
                  ) : (
                    <HistoryPanel templateId={record.id} viewing={viewing?.version ?? null} onOpen={openVersion} />
                  )}
                </div>
              </aside>
            </div>
          </DesignerContext.Provider>
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
