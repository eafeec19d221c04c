// The job queue on Postgres (pg-boss) with real `layercast serve` processes sharing one
// database and bucket: a node killed (SIGKILL) mid-job leaves the job to another node, which
// finishes it; with two nodes taking jobs from one queue, each job's rows are worked by one
// node at a time. Rows are forced past the render cache, so a row rendered twice would show
// as two stored renders and two charges.
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/database';
import type { Database } from '../../src/db/schema';
import { spawnServe } from '../support/cli';
import { call } from '../support/client';
import { accountWithTemplate, waitForJob, waitForRows } from '../support/jobs';
import { cardTemplate } from '../support/render-server';
import { startS3Server, type TestS3Server } from '../support/s3-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Node {
  child: ChildProcess;
  url: string;
  logs: string[];
}

const root = mkdtempSync(join(tmpdir(), 'layercast-jobs-nodes-'));
let database: TestDatabase;
let s3: TestS3Server;
let env: Record<string, string>;
let db: Kysely<Database>;
const nodes: Node[] = [];

async function startNode(name: string): Promise<Node> {
  const { child, url } = await spawnServe({ ...env, LAYERCAST_DATA: join(root, name) });
  const node: Node = { child, url, logs: [] };
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    node.logs.push(...lines);
  });
  nodes.push(node);
  return node;
}

async function kill(node: Node): Promise<void> {
  const exited = new Promise((resolve) => node.child.once('exit', resolve));
  node.child.kill('SIGKILL');
  await exited;
}

beforeAll(async () => {
  database = await createTestDatabase();
  s3 = await startS3Server('layercast-jobs');
  env = {
    DATABASE_URL: database.url,
    ...s3.env('jobs'),
    LAYERCAST_RENDER_WORKERS: '1',
    LAYERCAST_JOB_LEASE_MS: '2000',
    LAYERCAST_JOB_POLL_MS: '200',
  };
  db = await connectDatabase({ dataDir: root, databaseUrl: database.url });
}, 180_000);

afterAll(async () => {
  const running = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  const exited = running.map((n) => new Promise((r) => n.child.once('exit', r)));
  for (const node of running) node.child.kill('SIGTERM');
  await Promise.all(exited);
  await db?.destroy();
  await s3?.stop();
  await database?.drop();
  rmSync(root, { recursive: true, force: true });
});

const forcedRows = (count: number, label: string) =>
  Array.from({ length: count }, (_, i) => ({ layers: { title: { text: `${label} ${i + 1}` } }, force: true }));

async function storedRenders(templateId: string): Promise<number> {
  const row = await db
    .selectFrom('renders')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('template_id', '=', templateId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function charged(accountId: string): Promise<number> {
  const row = await db
    .selectFrom('usage_months')
    .select('renders')
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row?.renders ?? 0;
}

describe('jobs on Postgres with pg-boss', () => {
  it('finishes on another node a job whose node was killed mid-job, each row rendered once', async () => {
    const a = await startNode('a');
    const { accountId, as, templateId } = await accountWithTemplate(a.url, 'pg-restart@example.com', cardTemplate());
    const total = 20;
    const accepted = await call(a.url, 'POST', '/api/bulk', {
      as,
      body: { templateId, rows: forcedRows(total, 'Crash') },
    });
    expect(accepted.status).toBe(202);
    const before = await waitForRows(a.url, as, accepted.body.jobId, 3);
    await kill(a);
    expect(before.finishedAt).toBeNull();

    const b = await startNode('b');
    const job = await waitForJob(b.url, as, accepted.body.jobId, 90_000);
    expect(job).toMatchObject({ status: 'succeeded', total, done: total, failed: 0 });
    expect(await storedRenders(templateId)).toBe(total);
    expect(await charged(accountId)).toBe(total);
  }, 180_000);

  it('shares one queue between two nodes: each job is worked by one node at a time', async () => {
    const [b] = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    const c = await startNode('c');
    const { accountId, as, templateId } = await accountWithTemplate(c.url, 'pg-shared@example.com', cardTemplate());
    const jobs = 4;
    const rowsEach = 6;
    const accepted = await Promise.all(
      Array.from({ length: jobs }, (_, j) =>
        call(j % 2 ? c.url : b!.url, 'POST', '/api/bulk', {
          as,
          body: { templateId, rows: forcedRows(rowsEach, `Shared ${j}`) },
        }),
      ),
    );
    for (const res of accepted) expect(res.status).toBe(202);
    for (const res of accepted) {
      const job = await waitForJob(c.url, as, res.body.jobId, 90_000);
      expect(job).toMatchObject({ status: 'succeeded', done: rowsEach });
    }
    expect(await storedRenders(templateId)).toBe(jobs * rowsEach);
    expect(await charged(accountId)).toBe(jobs * rowsEach);
    // Each job was finished once, by one of the nodes.
    const finished = [b!, c].flatMap((n) => n.logs.filter((l) => l.includes('"msg":"job finished"')));
    const ids = accepted.map((r) => r.body.jobId as string);
    for (const id of ids) expect(finished.filter((l) => l.includes(id))).toHaveLength(1);
  }, 180_000);
});
