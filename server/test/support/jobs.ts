// Helpers of the job tests: store a job as the API would, poll a job until it has finished,
// read a zip.
import type { Kysely } from 'kysely';
import yauzl from 'yauzl';
import type { Database } from '../../src/db/schema';
import { type NewItem, insertJob, newJobId } from '../../src/jobs/jobs.repository';
import { call, type Credentials } from './client';

// biome-ignore lint/suspicious/noExplicitAny: replies are checked by assertions
export type JobBody = any;

/** GET /api/jobs/:id until the job has finished (or `timeoutMs` passed: the last answer). */
export async function waitForJob(url: string, as: Credentials, jobId: string, timeoutMs = 60_000): Promise<JobBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(url, 'GET', `/api/jobs/${jobId}`, { as });
    if (res.status !== 200) throw new Error(`GET job: ${res.status} ${JSON.stringify(res.body)}`);
    if (res.body.finishedAt || Date.now() > deadline) return res.body;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Every entry of a zip, by name. */
export function unzip(bytes: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Signs up on a running server and creates a key and a template with it. */
export async function accountWithTemplate(url: string, email: string, jsonData: unknown) {
  const signup = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status}`);
  const body = (await signup.json()) as { account: { id: string }; csrfToken: string };
  const cookie = signup.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const session = { cookie, csrf: body.csrfToken, accountId: body.account.id, email };
  const key = await call(url, 'POST', '/api/keys', { as: session, body: { name: 'jobs' } });
  if (key.status !== 201) throw new Error(`key creation failed: ${key.status}`);
  const as = { key: key.body.key as string };
  const template = await call(url, 'POST', '/api/templates', { as, body: { name: 'Card', jsonData } });
  if (template.status !== 201) throw new Error(`template creation failed: ${template.status}`);
  return { accountId: body.account.id, as, templateId: template.body.id as string };
}

/** GET /api/jobs/:id until `done` reaches `rows` (or the job finished). */
export async function waitForRows(url: string, as: Credentials, jobId: string, rows: number): Promise<JobBody> {
  for (let waited = 0; waited < 60_000; waited += 25) {
    const job = (await call(url, 'GET', `/api/jobs/${jobId}`, { as })).body;
    if (job.done >= rows || job.finishedAt) return job;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`job ${jobId} did not reach ${rows} rows`);
}

/**
 * Stores a bulk job and its rows as `POST /api/bulk` would, without offering it to the queue
 * (it stays queued until something picks it up). Returns the job's id.
 */
export async function insertTestJob(
  db: Kysely<Database>,
  job: { accountId: string; templateId: string; origin: string; status?: 'queued' | 'running'; createdAt?: string },
  rows: readonly NewItem[],
): Promise<string> {
  const id = newJobId();
  const createdAt = job.createdAt ?? new Date().toISOString();
  await insertJob(
    db,
    {
      id,
      account_id: job.accountId,
      key_id: null,
      kind: 'bulk',
      status: job.status ?? 'queued',
      template_id: job.templateId,
      template_version: 1,
      origin: job.origin,
      webhook_url: null,
      webhook_status: null,
      webhook_first_attempt_at: null,
      webhook_next_attempt_at: null,
      lease_owner: null,
      lease_until: null,
      created_at: createdAt,
      started_at: job.status === 'running' ? createdAt : null,
      finished_at: null,
    },
    rows,
  );
  return id;
}
