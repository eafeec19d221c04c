// The template gallery: every template as a card with a server-rendered thumbnail, and
// the "new template" dialog (size presets and starter templates).
import { STARTERS, type TemplateSummary } from '@layercast/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { navigate } from '../app/router';
import { SIZE_PRESETS } from '../presets';
import { Button, ErrorNote, Spinner, Toggle } from '../ui/controls';
import { Modal } from '../ui/Modal';
import { NewTemplateDialog } from './NewTemplateDialog';
import { queryKeys } from '../api/queries';

/**
 * The server's thumbnail of the saved version (GET /api/templates/:id/thumbnail: small,
 * cached per version, charged to no quota); the version in the URL makes a save show anew.
 */
function Thumbnail({ t }: { t: TemplateSummary }) {
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading');
  const ratio = `${t.width} / ${t.height}`;
  return (
    <div className="thumb" style={{ aspectRatio: ratio }}>
      {state !== 'failed' && (
        <img
          src={`/api/templates/${encodeURIComponent(t.id)}/thumbnail?v=${t.version}`}
          alt={`Preview of ${t.name}`}
          loading="lazy"
          onLoad={() => setState('loaded')}
          onError={() => setState('failed')}
          style={state === 'loaded' ? undefined : { visibility: 'hidden' }}
        />
      )}
      {state === 'failed' && <span className="thumb-note">No preview</span>}
      {state === 'loading' && <span className="spinner thumb-spinner" role="img" aria-label="Rendering preview" />}
    </div>
  );
}

export function GalleryPage() {
  const qc = useQueryClient();
  const templates = useQuery({ queryKey: queryKeys.templates.all, queryFn: api.templates.list });
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<TemplateSummary | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: queryKeys.templates.all });
  const duplicate = useMutation({
    mutationFn: async (t: TemplateSummary) => {
      const full = await api.templates.get(t.id);
      return api.templates.create({
        name: `${t.name} copy`.slice(0, 200),
        description: full.description,
        jsonData: full.jsonData,
      });
    },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (t: TemplateSummary) => api.templates.delete(t.id),
    onSuccess: () => {
      setDeleting(null);
      refresh();
    },
  });
  const setPublic = useMutation({
    mutationFn: ({ t, isPublic }: { t: TemplateSummary; isPublic: boolean }) =>
      api.templates.update(t.id, { isPublic }),
    onSuccess: refresh,
  });

  return (
    <div>
      <div className="page-head">
        <div>
          <h1>Templates</h1>
          <p className="muted">Design once, render with different text and images from the API.</p>
        </div>
        <Button variant="primary" onClick={() => setCreating(true)} data-testid="new-template">
          + New template
        </Button>
      </div>
      {templates.isPending && <Spinner label="Loading templates" />}
      {templates.isError && <ErrorNote error={templates.error} onRetry={() => templates.refetch()} />}
      {(duplicate.error || setPublic.error) && <ErrorNote error={duplicate.error ?? setPublic.error} />}
      {templates.data?.length === 0 && (
        <div className="empty-state" data-testid="gallery-empty">
          <h2>No templates yet</h2>
          <p className="muted">Start from a size such as Open Graph 1200×630, or from a finished starter design.</p>
          <Button variant="primary" onClick={() => setCreating(true)}>
            Create your first template
          </Button>
        </div>
      )}
      {templates.data && templates.data.length > 0 && (
        <ul className="gallery" data-testid="gallery">
          {templates.data.map((t) => (
            <li key={t.id} className="card template-card">
              <a
                href={`#/templates/${t.id}`}
                className="template-open"
                onClick={(e) => {
                  e.preventDefault();
                  navigate(`/templates/${t.id}`);
                }}
              >
                <Thumbnail t={t} />
                <div className="template-meta">
                  <strong>{t.name}</strong>
                  <span className="muted small">
                    {t.width}×{t.height} · edited {new Date(t.updatedAt).toLocaleDateString()}
                  </span>
                </div>
              </a>
              <div className="template-actions">
                <Toggle
                  label={t.isPublic ? 'Public' : 'Private'}
                  checked={t.isPublic}
                  onChange={(isPublic) => setPublic.mutate({ t, isPublic })}
                />
                <span className="spacer" />
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Bulk render ${t.name}`}
                  title="Render one image per row of a CSV"
                  onClick={() => navigate(`/bulk?template=${encodeURIComponent(t.id)}`)}
                >
                  Bulk…
                </Button>
                <Button
                  size="sm"
                  variant="ghost"
                  busy={duplicate.isPending && duplicate.variables?.id === t.id}
                  onClick={() => duplicate.mutate(t)}
                >
                  Duplicate
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setDeleting(t)}>
                  Delete
                </Button>
              </div>
            </li>
          ))}
        </ul>
      )}
      {creating && <NewTemplateDialog presets={SIZE_PRESETS} starters={STARTERS} onClose={() => setCreating(false)} />}
      <Modal
        open={deleting !== null}
        title="Delete this template?"
        onClose={() => setDeleting(null)}
        footer={
          <>
            <Button onClick={() => setDeleting(null)}>Cancel</Button>
            <Button
              variant="danger"
              busy={remove.isPending}
              onClick={() => deleting && remove.mutate(deleting)}
              data-testid="confirm-delete"
            >
              Delete template
            </Button>
          </>
        }
      >
        <p>
          <strong>{deleting?.name}</strong> will be deleted, and its render URLs will return 404. This cannot be undone.
        </p>
        {remove.error && <ErrorNote error={remove.error} />}
      </Modal>
    </div>
  );
}
