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

/**
 * Work the queue may have lost sight of (a node that died between storing a job and queueing
 * it, jobs copied from another install): offered again when the queue starts working and
 * every `everyMs` after. Offering twice is harmless.
 */
export interface ResumeSweep {
  run(): Promise<void>;
  everyMs: number;
}

export interface JobQueue {
  readonly backend: 'sqlite' | 'pg-boss';
  /** Offers `ref` on `queue` after `delayMs`; a ref already waiting on that queue is not offered twice. */
  enqueue(queue: QueueName, ref: string, delayMs?: number): Promise<void>;
  /**
   * Starts handing this process tasks, at most `concurrency` of each queue at once. Calling
   * it again replaces the handlers (an app built again over the same queue).
   */
  work(handlers: Record<QueueName, TaskHandler>, sweep?: ResumeSweep): void;
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

/** Runs the sweep now and every `everyMs` until the returned stop is called. */
export function startSweep(sweep: ResumeSweep | undefined, onError: (error: unknown) => void): () => void {
  if (!sweep) return () => {};
  const run = () => void sweep.run().catch(onError);
  run();
  const timer = setInterval(run, sweep.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
