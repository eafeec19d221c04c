// Background jobs: the job, its items (one per rendered row, committed with its result before
// the next is rendered, so a resumed job renders only what is still pending), the attempts to
// deliver its webhook, and the embedded queue's tasks. Timestamps are ISO strings so the same
// queries (and comparisons) run on SQLite and Postgres.
import type { JobKind, JobStatus } from '@layercast/shared';

export interface JobsTable {
  /** `job_` + 22 URL-safe characters. */
  id: string;
  account_id: string;
  /** The API key that created the job (its signing secret signs the webhook); null for a session. */
  key_id: string | null;
  kind: JobKind;
  status: JobStatus;
  template_id: string;
  /** The template version current when the job was created: every row renders it. */
  template_version: number;
  total: number;
  done: number;
  failed: number;
  /** The origin the client used, for the image URLs the webhook carries. */
  origin: string;
  webhook_url: string | null;
  webhook_status: 'pending' | 'delivered' | 'failed' | null;
  webhook_first_attempt_at: string | null;
  webhook_next_attempt_at: string | null;
  /** The process working on the job and until when its claim holds (renewed while it works). */
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export type JobItemStatus = 'pending' | 'done' | 'failed';

export interface JobItemsTable {
  job_id: string;
  /** 1-based data row. */
  row: number;
  status: JobItemStatus;
  /** The row as a generate body (JSON); null for a row that failed before it could be read. */
  request: string | null;
  render_id: string | null;
  render_ext: string | null;
  cached: number;
  /**
   * When an attempt at the row was charged to the account's quota and has not finished: a
   * node that died mid-render left it, and the next attempt gives that unit back first.
   */
  charged_at: string | null;
  /** `{ code, message, path? }` as JSON. */
  error: string | null;
  finished_at: string | null;
}

export interface WebhookAttemptsTable {
  job_id: string;
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
}

export interface QueueTasksTable {
  queue: string;
  ref: string;
  run_after: string;
  locked_by: string | null;
  locked_until: string | null;
  created_at: string;
}

export interface JobsTables {
  jobs: JobsTable;
  job_items: JobItemsTable;
  webhook_attempts: WebhookAttemptsTable;
  queue_tasks: QueueTasksTable;
}
