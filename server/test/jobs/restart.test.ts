// The embedded queue survives a crash: a `layercast serve` process killed (SIGKILL) in the
// middle of a bulk job, started again on the same data directory, finishes the job, and every
// row was rendered (stored and charged) exactly once.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/database';
import { spawnServe } from '../support/cli';
import { accountWithTemplate, waitForJob, waitForRows } from '../support/jobs';
import { call } from '../support/client';
import { cardTemplate } from '../support/render-server';

const dataDir = mkdtempSync(join(tmpdir(), 'layercast-jobs-restart-'));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const env = {
  LAYERCAST_DATA: dataDir,
  LAYERCAST_RENDER_WORKERS: '1',
  LAYERCAST_JOB_LEASE_MS: '1500',
  LAYERCAST_JOB_POLL_MS: '100',
};

async function serve() {
  const started = await spawnServe(env);
  children.push(started.child);
  return started;
}

describe('a bulk job across a crash', () => {
  it('resumes after kill -9 and renders every row exactly once', async () => {
    const first = await serve();
    const { accountId, as, templateId } = await accountWithTemplate(first.url, 'restart@example.com', cardTemplate());
    const total = 24;
    // `force`: no row is answered from the render cache, so a row rendered twice would show as
    // two stored renders and two charges.
    const rows = Array.from({ length: total }, (_, i) => ({
      layers: { title: { text: `Restart row ${i + 1}` } },
      force: true,
    }));
    const accepted = await call(first.url, 'POST', '/api/bulk', { as, body: { templateId, rows } });
    expect(accepted.status).toBe(202);
    const jobId = accepted.body.jobId as string;

    const before = await waitForRows(first.url, as, jobId, 3);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    // Killed mid-job: rows were still pending.
    expect(before.finishedAt).toBeNull();

    const db = await connectDatabase({ dataDir, databaseUrl: null });
    try {
      const atKill = await db
        .selectFrom('jobs')
        .select(['done', 'status'])
        .where('id', '=', jobId)
        .executeTakeFirstOrThrow();
      expect(atKill.status).toBe('running');
      expect(atKill.done).toBeLessThan(total);

      const second = await serve();
      const job = await waitForJob(second.url, as, jobId);
      expect(job).toMatchObject({ status: 'succeeded', total, done: total, failed: 0 });
      const ids = new Set(job.items.map((i: { imageUrl: string }) => i.imageUrl));
      expect(ids.size).toBe(total);

      // One stored render per row, and one charge per render.
      const stored = await db
        .selectFrom('renders')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('template_id', '=', templateId)
        .executeTakeFirstOrThrow();
      expect(Number(stored.n)).toBe(total);
      const charged = await db
        .selectFrom('usage_months')
        .select('renders')
        .where('account_id', '=', accountId)
        .executeTakeFirstOrThrow();
      expect(charged.renders).toBe(total);
      second.child.kill('SIGTERM');
    } finally {
      await db.destroy();
    }
  }, 120_000);
});
