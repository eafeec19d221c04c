// The queue on Postgres: pg-boss (10.x, the last line that runs on Node 20). Each queue is a
// pg-boss queue with the `stately` policy keyed by our ref, so a ref is at most once waiting
// and once active across every node. A node that dies holds its task until pg-boss expires
// it (the lease), then the task is retried on any node. Tasks are short slices of work (see
// jobs.service.ts), well within the lease; the job's own lease in the jobs table guards
// against a slow slice overlapping its retry.
import pg from 'pg';
import PgBoss from 'pg-boss';
import type pino from 'pino';
import type { JobQueue, QueueName, QueueSettings, TaskHandler } from './queue';
import { QUEUES, startSweep } from './queue';

/** pg-boss's tables live in a schema of their own, beside ours. */
export const PG_BOSS_SCHEMA = 'pgboss';

const queueName = (queue: QueueName) => `layercast-${queue}`;

/** The advisory lock nodes take while they install pg-boss and create the queues. */
const SETUP_LOCK = 0x6c63_7175; // "lcqu"

/**
 * Runs `setup` while holding a session advisory lock, so nodes starting together set up
 * the queues one after the other: pg-boss's `create_queue` attaches a partition and adds a
 * foreign key to its queue table, and two sessions doing that at once deadlock.
 */
async function oneNodeAtATime(connectionString: string, setup: () => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'layercast-queue-setup' });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [SETUP_LOCK]);
    await setup();
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [SETUP_LOCK]).catch(() => undefined);
    await client.end();
  }
}

export async function createPgBossQueue(
  connectionString: string,
  settings: QueueSettings,
  log: pino.Logger,
): Promise<JobQueue> {
  const leaseSeconds = Math.max(1, Math.ceil(settings.leaseMs / 1000));
  const boss = new PgBoss({
    connectionString,
    schema: PG_BOSS_SCHEMA,
    application_name: 'layercast-queue',
    // Expired tasks (their node died) are found by maintenance: run it about once a lease.
    maintenanceIntervalSeconds: leaseSeconds,
    max: 4,
  });
  boss.on('error', (error: unknown) => log.warn({ err: error }, 'job queue error'));
  await oneNodeAtATime(connectionString, async () => {
    await boss.start();
    for (const queue of QUEUES) {
      await boss.createQueue(queueName(queue), {
        name: queueName(queue),
        policy: 'stately',
        expireInSeconds: leaseSeconds,
        // A task is retried until it says it is done; a crash must not end a job.
        retryLimit: 1_000_000,
        retryDelay: 1,
      });
    }
  });
  let handlers: Record<QueueName, TaskHandler> | undefined;
  let working = false;
  let stopSweep = () => {};

  async function enqueue(queue: QueueName, ref: string, delayMs = 0): Promise<void> {
    await boss.send(
      queueName(queue),
      { ref },
      { singletonKey: ref, ...(delayMs > 0 ? { startAfter: Math.max(1, Math.ceil(delayMs / 1000)) } : {}) },
    );
  }

  return {
    backend: 'pg-boss',
    enqueue,
    work(next, sweep) {
      handlers = next;
      if (working) return;
      working = true;
      stopSweep = startSweep(sweep, (error) => log.warn({ err: error }, 'could not look for unqueued jobs'));
      const pollingIntervalSeconds = Math.max(0.5, settings.pollMs / 1000);
      for (const queue of QUEUES) {
        for (let i = 0; i < settings.concurrency; i++) {
          void boss
            .work<{ ref: string }>(queueName(queue), { batchSize: 1, pollingIntervalSeconds }, async ([job]) => {
              if (!job || !handlers) return;
              const outcome = await handlers[queue](job.data.ref);
              // Finishing this task and offering the next slice: the stately policy allows one
              // waiting beside the one active, so the follow-up is not lost.
              if (!outcome.done) await enqueue(queue, job.data.ref, outcome.delayMs);
            })
            .catch((error: unknown) => log.error({ err: error, queue }, 'could not start a queue worker'));
        }
      }
    },
    async close() {
      stopSweep();
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
