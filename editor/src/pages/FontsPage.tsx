// The account's own fonts: drop or choose font files to upload (TTF, OTF, WOFF, WOFF2), see
// each face previewed in itself, delete. Templates use a font by its family name; the editor
// draws it from exactly the stored file, as the renderer does.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { CustomFont } from '@layercast/shared';
import { api } from '../api/client';
import { queryKeys, refreshPlatform } from '../api/queries';
import { Button, ErrorNote, Field, Spinner, fieldMessageId } from '../ui/controls';
import { Modal } from '../ui/Modal';

const ACCEPT = '.ttf,.otf,.woff,.woff2,font/ttf,font/otf,font/woff,font/woff2';
const size = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.round(bytes / 1024)} KB` : `${(bytes / 1048576).toFixed(1)} MB`;

/** Registers each face under its private name so its preview is drawn in itself. */
function usePreviewFaces(fonts: readonly CustomFont[] | undefined): void {
  useEffect(() => {
    for (const f of fonts ?? []) {
      const face = new FontFace(f.registeredAs, `url(${JSON.stringify(f.url)})`, {
        weight: String(f.weight),
        style: f.style,
      });
      (document.fonts as FontFaceSet & { add(face: FontFace): void }).add(face);
      face.load().catch(() => undefined);
    }
  }, [fonts]);
}

export function FontsPage() {
  const qc = useQueryClient();
  const fonts = useQuery({ queryKey: queryKeys.fonts, queryFn: api.customFonts.list });
  const [family, setFamily] = useState('');
  const [dragging, setDragging] = useState(false);
  const [deleting, setDeleting] = useState<CustomFont | null>(null);
  const input = useRef<HTMLInputElement>(null);
  usePreviewFaces(fonts.data);

  const changed = () => {
    qc.invalidateQueries({ queryKey: queryKeys.fonts });
    refreshPlatform(qc);
  };
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      for (const file of files) {
        await api.customFonts.upload(file, family.trim() ? { family: family.trim() } : {});
      }
    },
    onSettled: changed,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.customFonts.delete(id),
    onSuccess: () => setDeleting(null),
    onSettled: changed,
  });
  const send = (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length) upload.mutate(files);
  };

  return (
    <div className="narrow">
      <div className="page-head">
        <div>
          <h1>Fonts</h1>
          <p className="muted">
            Your brand fonts, for every template of this account. A text layer uses one by its family name; renders and
            the editor draw it from the same file.
          </p>
        </div>
      </div>
      <div className="card stack font-upload">
        <Field
          label="Family name"
          htmlFor="font-family-name"
          error={null}
          hint="Optional. Leave empty to use the name inside the font file."
        >
          <input
            id="font-family-name"
            className="input"
            aria-describedby={fieldMessageId('font-family-name')}
            value={family}
            maxLength={64}
            placeholder="Brand Sans"
            onChange={(e) => setFamily(e.target.value)}
          />
        </Field>
        <label
          className={`drop-zone${dragging ? ' is-dragging' : ''}`}
          data-testid="font-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            send(e.dataTransfer.files);
          }}
        >
          <input
            ref={input}
            type="file"
            accept={ACCEPT}
            multiple
            className="sr-only"
            data-testid="font-file"
            onChange={(e) => {
              send(e.target.files);
              e.target.value = '';
            }}
          />
          <span>{upload.isPending ? 'Uploading…' : 'Drop font files here, or click to choose'}</span>
          <span className="muted small">TTF, OTF, WOFF or WOFF2 · up to 10 MB each · 50 per account</span>
        </label>
        {upload.isError && (
          <p className="field-error" role="alert" data-testid="font-upload-error">
            {upload.error instanceof Error ? upload.error.message : 'The upload failed.'}
          </p>
        )}
      </div>
      {fonts.isPending && <Spinner />}
      {fonts.isError && <ErrorNote error={fonts.error} onRetry={() => fonts.refetch()} />}
      {fonts.data && fonts.data.length === 0 && (
        <div className="empty-state small">
          <p>No fonts yet. Upload your brand's font files to use them in templates.</p>
        </div>
      )}
      {fonts.data && fonts.data.length > 0 && (
        <table className="table" data-testid="fonts-table">
          <thead>
            <tr>
              <th>Preview</th>
              <th>Family</th>
              <th>Weight</th>
              <th>Style</th>
              <th>File</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {fonts.data.map((f) => (
              <tr key={f.id} data-testid="font-row">
                <td>
                  <span
                    className="font-preview"
                    style={{ fontFamily: `"${f.registeredAs}"`, fontWeight: f.weight, fontStyle: f.style }}
                  >
                    {f.family}
                  </span>
                </td>
                <td>{f.family}</td>
                <td>{f.weight}</td>
                <td>{f.style}</td>
                <td className="muted small">
                  {f.format.toUpperCase()} · {size(f.bytes)}
                </td>
                <td className="actions">
                  <Button size="sm" variant="ghost" onClick={() => setDeleting(f)}>
                    Delete
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Modal
        open={deleting !== null}
        title="Delete this font?"
        onClose={() => setDeleting(null)}
        testId="delete-font"
        footer={
          <>
            <Button variant="ghost" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button variant="danger" busy={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id)}>
              Delete
            </Button>
          </>
        }
      >
        <p>
          Templates that use <strong>{deleting?.family}</strong> {deleting?.weight} {deleting?.style} will be drawn with
          the nearest other face of the family, or with the default font.
        </p>
        {remove.isError && <ErrorNote error={remove.error} />}
      </Modal>
    </div>
  );
}
