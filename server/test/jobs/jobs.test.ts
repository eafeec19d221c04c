// Async generates and bulk jobs over real HTTP with real renders: the job's items, the images
// they point at (decoded), per-row errors with row numbers and paths, the quota charged per
// rendered row, the cache on a repeat, the zip archive, and scopes and ownership.
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, send } from '../support/client';
import { type JobBody, insertTestJob, unzip, waitForJob, waitForRows } from '../support/jobs';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let templateId: string;
let as: { key: string };

const JOBS = { concurrency: 2, rowsInFlight: 2, leaseMs: 2_000, pollMs: 100, webhookBackoffMs: 100 };

beforeAll(async () => {
  app = await startRenderServer({ jobs: JOBS });
  templateId = await app.createTemplate(cardTemplate());
  as = { key: app.key.key };
});
afterAll(async () => {
  await app?.close();
});

const waitForRowsDone = (jobId: string, rows: number) => waitForRows(app.url, as, jobId, rows);

const usage = async () => (await call(app.url, 'GET', '/api/usage', { as })).body.renders as number;

/** The RGBA pixel at (x, y) of a PNG. */
function pixel(png: PNG, x: number, y: number): number[] {
  const i = (png.width * y + x) * 4;
  return [...png.data.subarray(i, i + 4)];
}

describe('POST /api/generate with "async": true', () => {
  it('answers 202 with a job that renders the image', async () => {
    const res = await call(app.url, 'POST', '/api/generate', {
      as,
      body: { templateId, async: true, layers: { title: { text: 'Queued card' } } },
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      jobId: expect.stringMatching(/^job_/),
      status: 'queued',
      statusUrl: `/api/jobs/${res.body.jobId}`,
    });
    const job = await waitForJob(app.url, as, res.body.jobId);
    expect(job).toMatchObject({ kind: 'generate', status: 'succeeded', templateId, total: 1, done: 1, failed: 0 });
    expect(job.startedAt).toEqual(expect.any(String));
    const image = await fetch(job.items[0].imageUrl);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await image.arrayBuffer()));
    expect([png.width, png.height]).toEqual([400, 210]);
    // The card's dark blue background, away from the text.
    expect(pixel(png, 5, 205)).toEqual([0x1e, 0x3a, 0x8a, 255]);
  });

  it('refuses a bad request with a 422 at once and queues nothing', async () => {
    const before = (await call(app.url, 'GET', '/api/jobs', { as })).body.jobs.length;
    const res = await call(app.url, 'POST', '/api/generate', {
      as,
      body: { templateId, async: true, layers: { title: { fontSize: 'big' } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details[0].path).toBe('layers.title.fontSize');
    const webhookOnly = await call(app.url, 'POST', '/api/generate', {
      as,
      body: { templateId, webhookUrl: 'https://hooks.example.com/x' },
    });
    expect(webhookOnly.status).toBe(422);
    expect(webhookOnly.body.error.details[0].path).toBe('webhookUrl');
    const notBoolean = await call(app.url, 'POST', '/api/generate', { as, body: { templateId, async: 'yes' } });
    expect(notBoolean.status).toBe(422);
    expect(notBoolean.body.error.details[0]).toEqual({ path: 'async', message: 'expected true or false' });
    expect((await call(app.url, 'GET', '/api/jobs', { as })).body.jobs.length).toBe(before);
  });

  it('still answers a synchronous generate with "async": false', async () => {
    const res = await call(app.url, 'POST', '/api/generate', { as, body: { templateId, async: false } });
    expect(res.status).toBe(200);
    expect(res.body.imageUrl).toMatch(/\/api\/images\//);
  });
});

describe('POST /api/bulk', () => {
  const rows = [
    { layers: { title: { text: 'Row one' } } },
    { layers: { title: { text: 'Row two' } }, variables: { author: 'Ann' } },
    { layers: { title: { fontSize: 'big' } } },
    { layers: { title: { text: 'Row four' } }, format: 'jpeg' },
  ];

  it('renders JSON rows; a bad row fails alone with its row number and path; each render is charged once', async () => {
    const before = await usage();
    const res = await call(app.url, 'POST', '/api/bulk', { as, body: { templateId, rows } });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ status: 'queued', total: 4, statusUrl: `/api/jobs/${res.body.jobId}` });
    const job = await waitForJob(app.url, as, res.body.jobId);
    expect(job).toMatchObject({ kind: 'bulk', status: 'partial', total: 4, done: 3, failed: 1 });
    expect(job.items.map((i: JobBody) => [i.row, i.status])).toEqual([
      [1, 'done'],
      [2, 'done'],
      [3, 'failed'],
      [4, 'done'],
    ]);
    expect(job.items[2].error).toEqual({
      code: 'invalid_overrides',
      path: 'layers.title.fontSize',
      message: expect.stringMatching(/^row 3: layers\.title\.fontSize: expected a number/),
    });
    expect(job.items[3].imageUrl).toMatch(/\.jpg$/);
    expect(await usage()).toBe(before + 3);

    // The same rows again: every render comes from the cache, nothing is charged.
    const again = await call(app.url, 'POST', '/api/bulk', { as, body: { templateId, rows } });
    const repeat = await waitForJob(app.url, as, again.body.jobId);
    expect(repeat.items.filter((i: JobBody) => i.status === 'done').map((i: JobBody) => i.cached)).toEqual([
      true,
      true,
      true,
    ]);
    expect(repeat.items[0].imageUrl).toBe(job.items[0].imageUrl);
    expect(await usage()).toBe(before + 3);
  });

  it('reads CSV with layer.property, {{variable}} and format columns, coercing cells by the property', async () => {
    const csv = [
      'title.text,title.fontSize,{{author}},format',
      'First,24,Ann,png',
      'Second,abc,Bob,',
      '"Third, with comma",40,,webp',
    ].join('\n');
    const preview = await call(app.url, 'POST', `/api/bulk/preview?templateId=${templateId}`, {
      as,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(preview.status).toBe(200);
    expect(preview.body.columns).toEqual([
      { header: 'title.text', target: { layer: 'title', property: 'text' } },
      { header: 'title.fontSize', target: { layer: 'title', property: 'fontSize' } },
      { header: '{{author}}', target: { variable: 'author' } },
      { header: 'format', target: { field: 'format' } },
    ]);
    expect(preview.body.total).toBe(3);
    expect(preview.body.rows[0]).toEqual({
      templateId,
      layers: { title: { text: 'First', fontSize: 24 } },
      variables: { author: 'Ann' },
      format: 'png',
    });
    expect((await call(app.url, 'GET', '/api/jobs', { as })).body.jobs.every((j: JobBody) => j.total !== 3)).toBe(true);

    const res = await call(app.url, 'POST', `/api/bulk?templateId=${templateId}`, {
      as,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(202);
    const job = await waitForJob(app.url, as, res.body.jobId);
    expect(job).toMatchObject({ status: 'partial', done: 2, failed: 1 });
    expect(job.items[1].error.path).toBe('layers.title.fontSize');
    expect(job.items[1].error.message).toMatch(/^row 2: layers\.title\.fontSize: expected a number/);
    expect(job.items[2].imageUrl).toMatch(/\.webp$/);
  });

  it('refuses a header naming nothing in the template, listing what exists', async () => {
    const res = await call(app.url, 'POST', `/api/bulk?templateId=${templateId}`, {
      as,
      raw: 'title.text,headline.text,title.colour\nA,B,C\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(422);
    const messages = res.body.error.details.map((d: JobBody) => `${d.path}: ${d.message}`);
    expect(messages[0]).toMatch(/headline\.text.*no layer named "headline".*bg, title, subtitle, logo/);
    expect(messages[1]).toMatch(/title\.colour.*no overridable property "colour".*color/);
  });

  it('takes 10,000 rows in one job, pages them, and lists every one in the archive manifest', async () => {
    // Every row fails its check (a font size that is not a number): the job is all bookkeeping, no rendering.
    const csv = `title.text,title.fontSize\n${Array.from({ length: 10_000 }, (_, i) => `Row ${i + 1},x${i}`).join('\n')}\n`;
    const res = await call(app.url, 'POST', `/api/bulk?templateId=${templateId}`, {
      as,
      raw: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(res.status).toBe(202);
    expect(res.body.total).toBe(10_000);
    const job = await waitForJob(app.url, as, res.body.jobId);
    expect(job).toMatchObject({ status: 'failed', total: 10_000, done: 0, failed: 10_000 });
    expect(job.items).toHaveLength(1000);
    const last = await call(app.url, 'GET', `/api/jobs/${job.id}?offset=9998`, { as });
    expect(last.body.items.map((i: JobBody) => [i.row, i.error.message])).toEqual([
      [9999, 'row 9999: layers.title.fontSize: expected a number from 1 to 1000'],
      [10_000, 'row 10000: layers.title.fontSize: expected a number from 1 to 1000'],
    ]);
    const archive = await send(app.url, 'GET', `/api/jobs/${job.id}/archive`, { as });
    const entries = await unzip(Buffer.from(await archive.arrayBuffer()));
    expect([...entries.keys()]).toEqual(['manifest.csv']);
    expect(entries.get('manifest.csv')!.toString('utf8').trim().split('\n')).toHaveLength(10_001);
  }, 60_000);

  it('refuses unreadable CSV, too many rows, an unknown template and other content types', async () => {
    const csv = (body: string, id = templateId) =>
      call(app.url, 'POST', `/api/bulk?templateId=${id}`, { as, raw: body, headers: { 'content-type': 'text/csv' } });
    expect((await csv('title.text\n"unclosed\n')).status).toBe(400);
    expect((await csv(`title.text\n${'x\n'.repeat(10_001)}`)).status).toBe(422);
    expect((await csv('title.text\nx\n', '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const tooMany = await call(app.url, 'POST', '/api/bulk', {
      as,
      body: { templateId, rows: Array.from({ length: 10_001 }, () => ({})) },
    });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.error.details[0].path).toBe('rows');
    const text = await call(app.url, 'POST', '/api/bulk', { as, raw: 'x', headers: { 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
  });
});

describe('GET /api/jobs/:id/archive', () => {
  it('streams a zip of the images, named by padded row, with a manifest', async () => {
    const res = await call(app.url, 'POST', '/api/bulk', {
      as,
      body: {
        templateId,
        rows: [
          { layers: { title: { text: 'Zip one' } } },
          { layers: { nope: {} } },
          { layers: { title: { text: 'Zip three' } } },
        ],
      },
    });
    const job = await waitForJob(app.url, as, res.body.jobId);
    const archive = await send(app.url, 'GET', `/api/jobs/${job.id}/archive`, { as });
    expect(archive.status).toBe(200);
    expect(archive.headers.get('content-type')).toBe('application/zip');
    expect(archive.headers.get('content-disposition')).toBe(`attachment; filename="${job.id}.zip"`);
    const entries = await unzip(Buffer.from(await archive.arrayBuffer()));
    expect([...entries.keys()].sort()).toEqual(['0001.png', '0003.png', 'manifest.csv']);
    const png = PNG.sync.read(entries.get('0001.png')!);
    expect([png.width, png.height]).toEqual([400, 210]);
    const stored = await fetch(job.items[0].imageUrl);
    expect(Buffer.from(await stored.arrayBuffer()).equals(entries.get('0001.png')!)).toBe(true);
    const manifest = entries.get('manifest.csv')!.toString('utf8').trim().split('\n');
    expect(manifest[0]).toBe('row,status,file,image_url,error');
    expect(manifest[1]).toBe(`1,done,0001.png,${job.items[0].imageUrl},`);
    expect(manifest[2]).toMatch(/^2,failed,,,"?row 2: layers\.nope: the template has no layer named ""?nope/);
    expect(manifest[3]).toBe(`3,done,0003.png,${job.items[2].imageUrl},`);
  });
});

describe('a long job beside interactive renders', () => {
  it('leaves the render children to another account’s generates while it runs', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => ({ layers: { title: { text: `Busy ${i}` } }, force: true }));
    const accepted = await call(app.url, 'POST', '/api/bulk', { as, body: { templateId, rows } });
    expect(accepted.status).toBe(202);
    await waitForRowsDone(accepted.body.jobId, 1);

    const other = await app.signup();
    const otherTemplate = await app.createTemplate(cardTemplate(), { session: other });
    const otherKey = await app.createKey(other);
    const answers = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        call(app.url, 'POST', '/api/generate', {
          as: { key: otherKey.key },
          body: { templateId: otherTemplate, layers: { title: { text: `Interactive ${i}` } } },
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    // They were served while the job still had rows to render.
    const job = (await call(app.url, 'GET', `/api/jobs/${accepted.body.jobId}`, { as })).body;
    expect(job.finishedAt).toBeNull();
    expect(job.done).toBeLessThan(40);
    await waitForJob(app.url, as, accepted.body.jobId, 120_000);
  }, 150_000);
});

describe('a job that has not finished', () => {
  it('pages its items and answers 409 for its archive', async () => {
    // A job as the API stores it, with no queue task: it stays queued.
    const id = await insertTestJob(
      app.db,
      { accountId: app.session.accountId, templateId, origin: app.url },
      Array.from({ length: 30 }, (_, i) => ({ row: i + 1, request: { templateId } })),
    );
    const page = await call(app.url, 'GET', `/api/jobs/${id}?offset=10&limit=5`, { as });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ status: 'queued', total: 30, done: 0, offset: 10, limit: 5, finishedAt: null });
    expect(page.body.items).toEqual([11, 12, 13, 14, 15].map((row) => ({ row, status: 'pending' })));
    const badLimit = await call(app.url, 'GET', `/api/jobs/${id}?limit=-1`, { as });
    expect(badLimit.status).toBe(422);
    expect(badLimit.body.error.details[0].path).toBe('limit');

    const archive = await call(app.url, 'GET', `/api/jobs/${id}/archive`, { as });
    expect(archive.status).toBe(409);
    expect(archive.body.error).toMatchObject({ code: 'job_not_finished', details: { status: 'queued', total: 30 } });

    const listed = (await call(app.url, 'GET', '/api/jobs', { as })).body.jobs;
    expect(listed[0]).toMatchObject({ id, status: 'queued', total: 30 });
    expect(listed[0].items).toBeUndefined();
  });
});

describe('a row whose node died after charging', () => {
  it('takes the render its attempt stored before dying, keeping that one charge', async () => {
    const body = { templateId, layers: { title: { text: 'Stored before the crash' } }, force: true };
    // The interrupted attempt: charged, then rendered and stored (a synchronous generate of the
    // same request does exactly that), and the node died before recording the row.
    const chargedAt = new Date(Date.now() - 1000).toISOString();
    const generated = await app.generate(body);
    expect(generated.status).toBe(200);
    const { imageUrl } = (await generated.json()) as { imageUrl: string };
    const charged = await usage();
    const stored = async () =>
      Number(
        (
          await app.db
            .selectFrom('renders')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('template_id', '=', templateId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const renders = await stored();

    const id = await insertTestJob(
      app.db,
      { accountId: app.session.accountId, templateId, origin: app.url, status: 'running', createdAt: chargedAt },
      [{ row: 1, request: body }],
    );
    await app.db.updateTable('job_items').set({ charged_at: chargedAt }).where('job_id', '=', id).execute();
    await app.deps.jobQueue.enqueue('render', id);

    const job = await waitForJob(app.url, as, id);
    expect(job).toMatchObject({ status: 'succeeded', done: 1, failed: 0 });
    expect(job.items[0]).toMatchObject({ row: 1, status: 'done', imageUrl });
    // Not rendered again, not charged again, and the one charge not given back.
    expect(await stored()).toBe(renders);
    expect(await usage()).toBe(charged);
  });
});

describe('who may see a job', () => {
  it('is 404 to another account and 403 to a key without the render scope', async () => {
    const res = await call(app.url, 'POST', '/api/generate', { as, body: { templateId, async: true } });
    const other = await app.signup();
    const seen = await call(app.url, 'GET', `/api/jobs/${res.body.jobId}`, { as: other });
    expect(seen.status).toBe(404);
    expect((await call(app.url, 'GET', `/api/jobs/${res.body.jobId}/archive`, { as: other })).status).toBe(404);
    const readOnly = await call(app.url, 'POST', '/api/keys', {
      as: app.session,
      body: { name: 'reader', scopes: ['templates:read'] },
    });
    const refused = await call(app.url, 'GET', `/api/jobs/${res.body.jobId}`, { as: { key: readOnly.body.key } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('insufficient_scope');
  });
});
