// The typed client's bulk and job calls against the real server and job queue: a CSV and
// JSON rows queued, the preview of a CSV, a job's items paged, the recent jobs, the zip
// streamed, and whole-request problems as LayercastApiError with the server's words.
import { LayercastApiError, createClient, isJobFinished } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzip } from '../support/jobs';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

const JOBS = { concurrency: 2, rowsInFlight: 2, leaseMs: 2_000, pollMs: 100, webhookBackoffMs: 100 };

let app: RenderTestServer;
let templateId: string;
let client: ReturnType<typeof createClient>;

beforeAll(async () => {
  app = await startRenderServer({ jobs: JOBS });
  templateId = await app.createTemplate(cardTemplate());
  client = createClient({ baseUrl: app.url, apiKey: app.key.key });
});
afterAll(async () => {
  await app?.close();
});

async function finished(jobId: string) {
  for (let i = 0; i < 300; i++) {
    const job = await client.job(jobId);
    if (isJobFinished(job.status)) return job;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('the client on bulk renders and jobs', () => {
  it('previews a CSV: each column as the server reads it, the first rows as generate bodies', async () => {
    const preview = await client.bulkPreview(templateId, 'title.text,{{author}},format\nOne,Ann,webp\nTwo,Bob,\n');
    expect(preview.total).toBe(2);
    expect(preview.columns).toEqual([
      { header: 'title.text', target: { layer: 'title', property: 'text' } },
      { header: '{{author}}', target: { variable: 'author' } },
      { header: 'format', target: { field: 'format' } },
    ]);
    expect(preview.rows[0]).toMatchObject({ layers: { title: { text: 'One' } }, variables: { author: 'Ann' } });
    expect((await client.jobs()).length).toBe(0);
  });

  it('queues a CSV and JSON rows, pages the items, lists the jobs and streams the zip', async () => {
    const csv = await client.bulk(templateId, 'title.text\nFirst\nSecond\nThird\n');
    expect(csv).toMatchObject({ jobId: expect.stringMatching(/^job_/), status: 'queued', total: 3 });
    const json = await client.bulk(templateId, { rows: [{ layers: { title: { text: 'A' } } }], format: 'jpeg' });
    expect(json.total).toBe(1);

    const job = await finished(csv.jobId);
    expect(job).toMatchObject({ kind: 'bulk', status: 'succeeded', total: 3, done: 3, failed: 0, templateId });
    const page = await client.job(csv.jobId, { offset: 1, limit: 1 });
    expect(page.items.map((i) => i.row)).toEqual([2]);
    expect((await client.jobs()).map((j) => j.id)).toEqual([json.jobId, csv.jobId]);

    await finished(json.jobId);
    const stream = await client.jobArchive(json.jobId);
    const entries = await unzip(Buffer.from(await new Response(stream).arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual(['0001.jpg', 'manifest.csv']);
    expect([...(entries.get('0001.jpg') ?? Buffer.alloc(0)).subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('reports a CSV naming nothing of the template as a 422 with the column, and queues nothing', async () => {
    const before = (await client.jobs()).length;
    const error = await client.bulk(templateId, 'headline.text\nHello\n').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LayercastApiError);
    expect(error).toMatchObject({ status: 422 });
    expect((error as Error).message).toContain('headline');
    expect((await client.jobs()).length).toBe(before);
  });
});
