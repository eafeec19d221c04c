// The embedded queue: a SQLite table of tasks, each claimed by one process with a lease that
// the process renews while it works. A process that dies stops renewing; once its lease has
// lapsed the task is due again and the next process (or the same server, restarted) takes it.
// Several processes may share the database file: a claim is one write transaction.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import type { Database } from '../db/schema';
import type { JobQueue, QueueName, QueueSettings, TaskHandler, TaskOutcome } from './queue';
import { QUEUES, startSweep } from './queue';

/** What a task that threw waits before it is offered again. */
const RETRY_AFTER_FAILURE_MS = 5_000;

const iso = (ms: number) => new Date(ms).toISOString();

export function createSqliteQueue(db: Kysely<Database>, settings: QueueSettings, log: pino.Logger): JobQueue {
  const owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let handlers: Record<QueueName, TaskHandler> | undefined;
  let stopped = false;
  const running = new Map<QueueName, Set<Promise<void>>>(QUEUES.map((q) => [q, new Set()]));
  let timer: NodeJS.Timeout | undefined;
  let polling = false;
  let stopSweep = () => {};
  let pollAgain = false;

  /** Takes one due task of `queue` for this process, or undefined. */
  async function claim(queue: QueueName): Promise<string | undefined> {
    const dueTask = (reader: Kysely<Database>, now: number) =>
      reader
        .selectFrom('queue_tasks')
        .select('ref')
        .where('queue', '=', queue)
        .where('run_after', '<=', iso(now))
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', iso(now))]))
        .orderBy('run_after')
        .limit(1)
        .executeTakeFirst();
    // A read first: an idle poll takes no write lock from the requests being served.
    if (!(await dueTask(db, Date.now()))) return undefined;
    return db.transaction().execute(async (trx) => {
      const now = Date.now();
      const due = await dueTask(trx, now);
      if (!due) return undefined;
      await trx
        .updateTable('queue_tasks')
        .set({ locked_by: owner, locked_until: iso(now + settings.leaseMs) })
        .where('queue', '=', queue)
        .where('ref', '=', due.ref)
        .execute();
      return due.ref;
    });
  }

  async function settle(queue: QueueName, ref: string, outcome: TaskOutcome): Promise<void> {
    const mine = db.updateTable('queue_tasks').where('queue', '=', queue).where('ref', '=', ref);
    if (outcome.done) {
      await db
        .deleteFrom('queue_tasks')
        .where('queue', '=', queue)
        .where('ref', '=', ref)
        .where('locked_by', '=', owner)
        .execute();
    } else {
      await mine
        .set({ run_after: iso(Date.now() + outcome.delayMs), locked_by: null, locked_until: null })
        .where('locked_by', '=', owner)
        .execute();
    }
  }

  function run(queue: QueueName, ref: string, handler: TaskHandler): void {
    const renew = setInterval(
      () => {
        db.updateTable('queue_tasks')
          .set({ locked_until: iso(Date.now() + settings.leaseMs) })
          .where('queue', '=', queue)
          .where('ref', '=', ref)
          .where('locked_by', '=', owner)
          .execute()
          .catch((error: unknown) => log.warn({ err: error, queue, ref }, 'could not renew a queue lease'));
      },
      Math.max(50, Math.floor(settings.leaseMs / 3)),
    );
    const task = (async () => {
      let outcome: TaskOutcome;
      try {
        outcome = await handler(ref);
      } catch (error) {
        log.error({ err: error, queue, ref }, 'queue task failed; it is offered again later');
        outcome = { done: false, delayMs: RETRY_AFTER_FAILURE_MS };
      } finally {
        clearInterval(renew);
      }
      await settle(queue, ref, outcome).catch((error: unknown) =>
        log.warn({ err: error, queue, ref }, 'could not settle a queue task; its lease will lapse'),
      );
    })();
    const set = running.get(queue)!;
    set.add(task);
    task.finally(() => {
      set.delete(task);
      schedule(0);
    });
  }

  /** Fills each queue's free places with due tasks, then waits `pollMs` (or a wake-up). */
  async function poll(): Promise<void> {
    timer = undefined;
    if (stopped || !handlers) return;
    if (polling) {
      pollAgain = true;
      return;
    }
    polling = true;
    try {
      await fill(handlers);
    } finally {
      polling = false;
    }
    if (pollAgain) {
      pollAgain = false;
      schedule(0);
    } else schedule(settings.pollMs);
  }

  async function fill(current: Record<QueueName, TaskHandler>): Promise<void> {
    for (const queue of QUEUES) {
      const set = running.get(queue)!;
      while (!stopped && set.size < settings.concurrency) {
        let ref: string | undefined;
        try {
          ref = await claim(queue);
        } catch (error) {
          log.warn({ err: error, queue }, 'could not look for queued tasks');
          break;
        }
        if (!ref || stopped) break;
        run(queue, ref, current[queue]);
      }
    }
  }

  function schedule(ms: number): void {
    if (stopped || !handlers) return;
    if (timer && ms > 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void poll(), ms);
  }

  return {
    backend: 'sqlite',
    async enqueue(queue, ref, delayMs = 0) {
      const now = Date.now();
      await db
        .insertInto('queue_tasks')
        .values({
          queue,
          ref,
          run_after: iso(now + delayMs),
          locked_by: null,
          locked_until: null,
          created_at: iso(now),
        })
        .onConflict((oc) => oc.columns(['queue', 'ref']).doNothing())
        .execute();
      if (delayMs === 0) schedule(0);
      else setTimeout(() => schedule(0), delayMs).unref();
    },
    work(next, sweep) {
      const first = !handlers;
      handlers = next;
      if (first) stopSweep = startSweep(sweep, (error) => log.warn({ err: error }, 'could not look for unqueued jobs'));
      schedule(0);
    },
    async close() {
      stopped = true;
      stopSweep();
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.all(QUEUES.flatMap((q) => [...running.get(q)!]));
    },
  };
}
