// The job queue: hands out "work on X" to one process at a time and offers it again when that
// process dies. What the work is, and its progress, live in our own tables (jobs, job_items),
// so both backends behave alike: pg-boss on Postgres (pg-boss-queue.ts), a leased SQLite
// table when embedded (sqlite-queue.ts).

/** The queues: a job's rows to render, a job's webhook to deliver. */
export const QUEUES = ['render', 'webhook'] as const;
export type QueueName = (typeof QUEUES)[number];

/**
 * What a handler answers: `done` (the task is finished), or `again` with a delay (the job has
 * rows left after its slice of work, another process holds it, a webhook retry is due later).
 */
export type TaskOutcome = { done: true } | { done: false; delayMs: number };

export type TaskHandler = (ref: string) => Promise<TaskOutcome>;

export interface JobQueue {
  readonly backend: 'sqlite' | 'pg-boss';
  /** Offers `ref` on `queue` after `delayMs`; a ref already waiting on that queue is not offered twice. */
  enqueue(queue: QueueName, ref: string, delayMs?: number): Promise<void>;
  /**
   * Starts handing this process tasks, at most `concurrency` of each queue at once. Calling
   * it again replaces the handlers (an app built again over the same queue).
   */
  work(handlers: Record<QueueName, TaskHandler>): void;
  /** Stops taking tasks and waits for those under way (their leases lapse if they do not end). */
  close(): Promise<void>;
}

export interface QueueSettings {
  /** Tasks of one queue this process works on at once. */
  concurrency: number;
  /** How long a claim holds without being renewed; a dead process's tasks return after it. */
  leaseMs: number;
  /** How often an idle process looks for due tasks. */
  pollMs: number;
}
