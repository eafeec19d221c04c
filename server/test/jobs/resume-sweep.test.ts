// A job stored but never handed to the queue (its node died between the two, or it was
// copied from another install) is offered again when a node starts working the queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertTestJob, waitForJob } from '../support/jobs';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';
import { type SecondNode, startSecondNode } from '../support/server';

let app: RenderTestServer;
let second: SecondNode | undefined;

beforeAll(async () => {
  app = await startRenderServer({
    jobs: { concurrency: 2, rowsInFlight: 2, leaseMs: 2_000, pollMs: 100, webhookBackoffMs: 100 },
  });
});
afterAll(async () => {
  await second?.close();
  await app?.close();
});

describe('unqueued jobs', () => {
  it('are picked up when a node starts', async () => {
    const templateId = await app.createTemplate(cardTemplate());
    const id = await insertTestJob(
      app.db,
      { accountId: app.session.accountId, templateId, origin: app.url },
      [1, 2].map((row) => ({ row, request: { templateId, layers: { title: { text: `Swept ${row}` } } } })),
    );
    const as = { key: app.key.key };
    // Nobody offered it: it stays queued.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await waitForJob(app.url, as, id, 0)).status).toBe('queued');

    second = await startSecondNode(app);
    const job = await waitForJob(app.url, as, id);
    expect(job).toMatchObject({ status: 'succeeded', done: 2 });
  });
});
