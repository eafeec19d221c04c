// Bulk renders: pick a template, drop, choose or paste a CSV, check how the server reads its
// columns and see the first rows drawn by the engine, start the job, watch it, download the
// zip. The template and the job live in the URL (`#/bulk?template=<id>&job=<id>`), so a
// reload or a shared link lands on the same job; the CSV stays in the page.
import { type TemplateDocument, isApiError } from '@layercast/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';
import { navigate } from '../app/router';
import { JobPanel, RecentJobs } from '../bulk/BulkJob';
import { columnProblems, describeColumn, rowPreview } from '../bulk/bulk-view';
import { exampleCsv, exampleFileName } from '../bulk/example-csv';
import { DocumentThumbnail } from '../engine/DocumentThumbnail';
import { describeIssue, issuesOf } from '../state/issue-text';
import { Button, ErrorNote, Field, Spinner, fieldMessageId } from '../ui/controls';

const ACCEPT = '.csv,text/csv';
/** Typing in the CSV box asks the server again once the typing pauses. */
const PREVIEW_DELAY_MS = 400;

const bulkPath = (template: string | null, job?: string | null) => {
  const query = new URLSearchParams();
  if (template) query.set('template', template);
  if (job) query.set('job', job);
  const qs = query.toString();
  return `/bulk${qs ? `?${qs}` : ''}`;
};

function downloadText(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function BulkPage({ templateId, jobId }: { templateId: string | null; jobId: string | null }) {
  const qc = useQueryClient();
  const templates = useQuery({ queryKey: queryKeys.templates.all, queryFn: api.templates.list });
  const template = useQuery({
    queryKey: queryKeys.bulk.template(templateId ?? ''),
    queryFn: () => api.templates.get(templateId ?? ''),
    enabled: templateId !== null,
  });
  const [draft, setDraft] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [csv, setCsv] = useState({ text: '', version: 0 });
  const [dragging, setDragging] = useState(false);

  // The typed text becomes the previewed text after a pause; a dropped file at once.
  useEffect(() => {
    if (draft === csv.text) return;
    const timer = setTimeout(() => setCsv((c) => ({ text: draft, version: c.version + 1 })), PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [draft, csv.text]);
  const takeText = (text: string, name: string | null) => {
    setDraft(text);
    setFileName(name);
    setCsv((c) => ({ text, version: c.version + 1 }));
  };
  const readFile = async (files: FileList | null) => {
    const file = files?.[0];
    if (file) takeText(await file.text(), file.name);
  };

  const hasCsv = templateId !== null && csv.text.trim() !== '';
  const preview = useQuery({
    queryKey: queryKeys.bulk.preview(templateId ?? '', csv.version),
    queryFn: () => api.bulkPreview(templateId ?? '', csv.text),
    enabled: hasCsv,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const start = useMutation({
    mutationFn: () => api.bulk(templateId ?? '', csv.text),
    onSuccess: (accepted) => {
      qc.invalidateQueries({ queryKey: queryKeys.jobs.all });
      navigate(bulkPath(templateId, accepted.jobId));
    },
  });

  const doc = template.data?.jsonData;
  const columns = useMemo(
    () => (preview.data && hasCsv ? preview.data.columns.map((c) => describeColumn(c, doc)) : []),
    [preview.data, hasCsv, doc],
  );
  const problems = columnProblems(columns);
  const example = doc ? exampleCsv(doc) : '';

  return (
    <div className="narrow bulk-page">
      <div className="page-head">
        <div>
          <h1>Bulk render</h1>
          <p className="muted">
            One image per row of a CSV file: columns name layer properties (<code>title.text</code>,{' '}
            <code>logo.image_url</code>) and variables (<code>{'{{author}}'}</code>). You get the images as a zip.
          </p>
        </div>
      </div>

      <section className="card bulk-section stack" aria-labelledby="bulk-input-heading">
        <h2 id="bulk-input-heading">Template and rows</h2>
        {templates.isError && <ErrorNote error={templates.error} onRetry={() => templates.refetch()} />}
        <div className="row bulk-template-row">
          <Field
            label="Template"
            htmlFor="bulk-template"
            hint={templates.data?.length === 0 ? 'No templates yet.' : null}
          >
            <select
              id="bulk-template"
              className="select"
              aria-describedby={fieldMessageId('bulk-template')}
              value={templateId ?? ''}
              onChange={(e) => navigate(bulkPath(e.target.value || null))}
            >
              <option value="">Choose a template…</option>
              {templates.data?.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.width}×{t.height})
                </option>
              ))}
            </select>
          </Field>
          <Button
            disabled={!example || !template.data}
            title={template.data && !example ? 'This template has no text, image or QR layer or variable' : undefined}
            onClick={() => template.data && downloadText(example, exampleFileName(template.data.name))}
            data-testid="bulk-example"
          >
            Download example CSV
          </Button>
        </div>
        {template.isError && (
          <ErrorNote
            error={isApiError(template.error, 404) ? 'This template does not exist (any more).' : template.error}
          />
        )}
        <label
          className={`drop-zone${dragging ? ' is-dragging' : ''}`}
          data-testid="bulk-drop"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            readFile(e.dataTransfer.files);
          }}
        >
          <input
            type="file"
            accept={ACCEPT}
            className="sr-only"
            data-testid="bulk-file"
            onChange={(e) => {
              readFile(e.target.files);
              e.target.value = '';
            }}
          />
          <span>{fileName ? `${fileName} · drop or choose another` : 'Drop a CSV file here, or click to choose'}</span>
          <span className="muted small">A header row, then one row per image · up to 10,000 rows</span>
        </label>
        <Field label="Or paste the CSV" htmlFor="bulk-csv">
          <textarea
            id="bulk-csv"
            className="input bulk-csv"
            spellCheck={false}
            rows={5}
            value={draft}
            placeholder={'title.text,{{author}}\nHello world,Jane'}
            onChange={(e) => {
              setDraft(e.target.value);
              setFileName(null);
            }}
          />
        </Field>
      </section>

      {hasCsv && (
        <section
          className="card bulk-section stack"
          aria-labelledby="bulk-columns-heading"
          aria-busy={preview.isFetching}
        >
          <h2 id="bulk-columns-heading">Columns</h2>
          {preview.isPending && <Spinner label="Reading the CSV" />}
          {preview.isError && <PreviewError error={preview.error} doc={doc} />}
          {preview.data && (
            <>
              <table className="table" data-testid="bulk-columns">
                <caption className="sr-only">How each column of the CSV is used</caption>
                <thead>
                  <tr>
                    <th scope="col">Column</th>
                    <th scope="col">Sets</th>
                    <th scope="col">Problem</th>
                  </tr>
                </thead>
                <tbody>
                  {columns.map((c) => (
                    <tr key={c.header} data-testid="bulk-column" className={c.error ? 'has-error' : undefined}>
                      <td>
                        <code>{c.header}</code>
                      </td>
                      <td>{c.target}</td>
                      <td className={c.error ? 'field-error' : 'muted'}>{c.error ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {doc && <RowPreviews doc={doc} rows={preview.data.rows} total={preview.data.total} />}
              <div className="row">
                <Button
                  variant="primary"
                  busy={start.isPending}
                  disabled={problems > 0 || preview.data.total === 0}
                  onClick={() => start.mutate()}
                  data-testid="bulk-start"
                >
                  Render {preview.data.total.toLocaleString('en')} image{preview.data.total === 1 ? '' : 's'}
                </Button>
                {problems > 0 && (
                  <span className="field-error">
                    Fix or remove the column{problems === 1 ? '' : 's'} marked above to start.
                  </span>
                )}
              </div>
              {start.isError && <PreviewError error={start.error} doc={doc} />}
            </>
          )}
        </section>
      )}

      {jobId && <JobPanel jobId={jobId} />}
      <RecentJobs
        templates={templates.data ?? []}
        current={jobId}
        onOpen={(job) => navigate(bulkPath(job.templateId ?? templateId, job.id))}
      />
    </div>
  );
}

/** An error of the whole CSV, with every issue the server listed. */
function PreviewError({ error, doc }: { error: unknown; doc: TemplateDocument | undefined }) {
  const issues = issuesOf(error);
  return (
    <div className="error-note" role="alert" data-testid="bulk-error">
      <span>{error instanceof Error ? error.message : String(error)}</span>
      {issues.length > 1 && (
        <ul>
          {issues.slice(0, 20).map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>{doc ? describeIssue(doc, issue) : issue.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The first rows as the engine draws them, each with its row number. */
function RowPreviews({ doc, rows, total }: { doc: TemplateDocument; rows: unknown[]; total: number }) {
  const previews = useMemo(() => rows.map((row) => rowPreview(doc, row)), [doc, rows]);
  return (
    <div className="stack">
      <h3 className="bulk-subhead">
        First {previews.length === 1 ? 'row' : `${previews.length} rows`} of {total.toLocaleString('en')}
      </h3>
      <ul className="bulk-previews" data-testid="bulk-previews">
        {previews.map((p, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are identified by their position in the file
          <li key={i} className="bulk-preview" data-testid="bulk-preview">
            {p.error ? (
              <div className="bulk-preview-error field-error" role="note" aria-label={`Row ${i + 1}: ${p.error}`}>
                {p.error}
              </div>
            ) : (
              <DocumentThumbnail doc={doc} input={p.input} width={200} height={140} label={`Row ${i + 1} preview`} />
            )}
            <span className="muted small">Row {i + 1}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
