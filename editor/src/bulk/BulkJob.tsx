// A bulk job as the Bulk page shows it: progress polled until the job finishes, the rows
// that failed with their reasons, the zip; and the account's recent jobs.
import { type JobItem, type JobSummary, type TemplateSummary, isJobFinished } from '@layercast/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client';
import { queryKeys } from '../api/queries';
import { Button, ErrorNote, Spinner } from '../ui/controls';
import { JOB_STATUS_TEXT, failureText, jobProgress } from './bulk-view';

/** How often a running job is asked for its progress. */
const POLL_MS = 1000;
/** Failed rows listed on the page; the zip's manifest has them all. */
const FAILED_SHOWN = 100;
/** Items per page when looking for the failed rows. */
const PAGE = 1000;

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The first failed rows of a finished job, page by page (a job may hold 10,000 rows). */
async function firstFailures(jobId: string, total: number): Promise<JobItem[]> {
  const failed: JobItem[] = [];
  for (let offset = 0; offset < total && failed.length < FAILED_SHOWN; offset += PAGE) {
    const page = await api.job(jobId, { offset, limit: PAGE });
    failed.push(...page.items.filter((item) => item.status === 'failed'));
    if (page.items.length < PAGE) break;
  }
  return failed.slice(0, FAILED_SHOWN);
}

export function JobPanel({ jobId }: { jobId: string }) {
  const qc = useQueryClient();
  // Progress only (no items) while it runs: one small answer a second, whatever the size.
  const job = useQuery({
    queryKey: queryKeys.jobs.detail(jobId),
    queryFn: () => api.job(jobId, { limit: 0 }),
    refetchInterval: (q) => (q.state.data && isJobFinished(q.state.data.status) ? false : POLL_MS),
  });
  const finished = job.data ? isJobFinished(job.data.status) : false;
  const failures = useQuery({
    queryKey: queryKeys.jobs.failures(jobId),
    queryFn: () => firstFailures(jobId, job.data?.total ?? 0),
    enabled: finished && (job.data?.failed ?? 0) > 0,
    staleTime: Number.POSITIVE_INFINITY,
  });
  // The list's row of this job shows the same outcome once it is known.
  useEffect(() => {
    if (finished) qc.invalidateQueries({ queryKey: queryKeys.jobs.all });
  }, [finished, qc]);

  if (job.isPending) return <Spinner label="Loading the job" />;
  if (job.isError) return <ErrorNote error={job.error} onRetry={() => job.refetch()} />;
  const j = job.data;
  const progress = jobProgress(j);
  const failedRows = failures.data ?? [];
  return (
    <section className="card bulk-section stack" aria-labelledby="bulk-job-heading" data-testid="bulk-job">
      <div className="row">
        <h2 id="bulk-job-heading">Job {j.id}</h2>
        <span className={`badge badge-${j.status}`} data-testid="bulk-job-status">
          {JOB_STATUS_TEXT[j.status]}
        </span>
      </div>
      <progress
        className="bulk-progress"
        max={100}
        value={progress.percent}
        aria-label="Bulk render progress"
        aria-valuetext={progress.label}
        data-testid="bulk-progress"
      />
      <p className="muted small" aria-live="polite" data-testid="bulk-progress-label">
        {progress.label}
        {progress.finished ? ` · finished ${when(j.finishedAt)}` : ''}
      </p>
      {finished && j.total > j.failed && (
        <div className="row">
          <a
            className="btn btn-primary btn-md"
            href={`/api/jobs/${encodeURIComponent(j.id)}/archive`}
            download={`${j.id}.zip`}
            data-testid="bulk-download"
          >
            Download zip
          </a>
          <span className="muted small">The images and a manifest.csv of every row.</span>
        </div>
      )}
      {failures.isError && <ErrorNote error={failures.error} onRetry={() => failures.refetch()} />}
      {failedRows.length > 0 && (
        <>
          <h3 className="bulk-subhead">Failed rows</h3>
          <table className="table" data-testid="bulk-failed">
            <caption className="sr-only">Rows that were not rendered and why</caption>
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {failedRows.map((item) => (
                <tr key={item.row} data-testid="bulk-failed-row">
                  <td>{item.row}</td>
                  <td>{failureText(item)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {j.failed > failedRows.length && (
            <p className="muted small">
              And {j.failed - failedRows.length} more: the zip's manifest.csv lists every row.
            </p>
          )}
        </>
      )}
    </section>
  );
}

export function RecentJobs({
  templates,
  current,
  onOpen,
}: {
  templates: readonly TemplateSummary[];
  current: string | null;
  onOpen(job: JobSummary): void;
}) {
  const jobs = useQuery({
    queryKey: queryKeys.jobs.all,
    queryFn: api.jobs,
    refetchInterval: (q) => (q.state.data?.some((j) => !isJobFinished(j.status)) ? POLL_MS * 3 : false),
  });
  const names = new Map(templates.map((t) => [t.id, t.name]));
  return (
    <section className="bulk-recent stack" aria-labelledby="bulk-recent-heading">
      <h2 id="bulk-recent-heading">Recent jobs</h2>
      {jobs.isPending && <Spinner label="Loading jobs" />}
      {jobs.isError && <ErrorNote error={jobs.error} onRetry={() => jobs.refetch()} />}
      {jobs.data?.length === 0 && <p className="muted">No jobs yet.</p>}
      {jobs.data && jobs.data.length > 0 && (
        <table className="table" data-testid="bulk-jobs">
          <caption className="sr-only">The account's recent jobs, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Created</th>
              <th scope="col">Template</th>
              <th scope="col">Status</th>
              <th scope="col">Rows</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {jobs.data.map((j) => (
              <tr key={j.id} aria-current={j.id === current ? 'true' : undefined}>
                <td>{when(j.createdAt)}</td>
                <td>{j.templateId ? (names.get(j.templateId) ?? 'Deleted template') : '—'}</td>
                <td>{JOB_STATUS_TEXT[j.status]}</td>
                <td>{jobProgress(j).label}</td>
                <td className="actions">
                  <Button size="sm" variant="ghost" onClick={() => onOpen(j)} aria-label={`Show job ${j.id}`}>
                    Show
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
