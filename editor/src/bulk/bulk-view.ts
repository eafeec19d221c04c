// What the Bulk page shows of the server's answers: each CSV column's target in words, a
// previewed row as layout input for the engine, and a job's progress.
import type { LayoutInput } from '@layercast/engine';
import {
  type BulkPreview,
  type JobItem,
  type JobSummary,
  type TemplateDocument,
  applyOverrides,
  isJobFinished,
  parseOverrides,
  parseVariables,
} from '@layercast/shared';
import { describeIssue } from '../state/issue-text';

type BulkColumn = BulkPreview['columns'][number];

export interface ColumnView {
  header: string;
  kind: 'layer' | 'variable' | 'field' | 'unused';
  /** Where the values go, e.g. `title → text`, `{{author}}`, `format`. */
  target: string;
  /** Why the column cannot be used (unused columns always have one). */
  error: string | null;
}

/** A column of the preview as the mapping table lists it. */
export function describeColumn(column: BulkColumn, doc?: TemplateDocument): ColumnView {
  const { header, target } = column;
  const error = column.error ?? null;
  if (target && 'layer' in target) {
    const layer = doc?.layers.find((l) => l.name === target.layer);
    const kind = layer ? ` (${layer.type})` : '';
    return { header, kind: 'layer', target: `layer ${target.layer}${kind} → ${target.property}`, error };
  }
  if (target && 'variable' in target) {
    return { header, kind: 'variable', target: `variable {{${target.variable}}}`, error };
  }
  if (target && 'field' in target) return { header, kind: 'field', target: `render ${target.field}`, error };
  return {
    header,
    kind: 'unused',
    target: 'not used',
    error: error ?? `"${header}" names no layer property, variable or field of this template`,
  };
}

/** How many columns have a problem (the table keeps the file's order and marks them). */
export function columnProblems(columns: readonly ColumnView[]): number {
  return columns.filter((c) => c.error !== null).length;
}

export interface RowPreview {
  input: LayoutInput;
  /** Why the row cannot be drawn as given (it would fail in the job too). */
  error: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A previewed row (a generate body) as the engine's layout input, validated as the server
 * validates a render: a row the server would refuse shows its reason instead.
 */
export function rowPreview(doc: TemplateDocument, row: unknown): RowPreview {
  const body = isObject(row) ? row : {};
  const layers = parseOverrides(doc, body.layers);
  const variables = parseVariables(doc, body.variables);
  if (!layers.ok || !variables.ok) {
    const issue = !layers.ok ? layers.errors[0] : !variables.ok ? variables.errors[0] : undefined;
    return { input: {}, error: issue ? describeIssue(doc, issue) : 'These values cannot be drawn.' };
  }
  return { input: { layers: layers.value, variables: variables.value }, error: null };
}

/** The document a row draws: its overrides applied (which fonts and images it needs). */
export const rowDocument = (doc: TemplateDocument, input: LayoutInput) => applyOverrides(doc, input.layers ?? {});

export interface JobProgress {
  /** Rows rendered or failed. */
  processed: number;
  /** 0..100, whole. */
  percent: number;
  finished: boolean;
  /** `12 of 40 rows · 1 failed`. */
  label: string;
}

export function jobProgress(job: Pick<JobSummary, 'status' | 'total' | 'done' | 'failed'>): JobProgress {
  const finished = isJobFinished(job.status);
  const processed = finished ? job.total : Math.min(job.total, job.done + job.failed);
  const percent = job.total === 0 ? (finished ? 100 : 0) : Math.floor((processed / job.total) * 100);
  const rows = `${processed} of ${job.total} row${job.total === 1 ? '' : 's'}`;
  const failed = job.failed ? ` · ${job.failed} failed` : '';
  return { processed, percent, finished, label: `${rows}${failed}` };
}

export const JOB_STATUS_TEXT: Record<JobSummary['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Finished',
  failed: 'Failed',
  partial: 'Finished with failures',
};

/** The server's message, which names the row and the JSON path; the path added when it does not. */
export function failureText(item: JobItem): string {
  const message = (item.error?.message ?? 'Not rendered').replace(/^row \d+: /, '');
  const path = item.error?.path;
  return path && !message.includes(path) ? `${path}: ${message}` : message;
}
