// A finished job's webhook: POSTed through the guarded fetcher to a loopback receiver (reached
// through LAYERCAST_FETCH_ALLOW's host:port), signed with the creating key's signing secret,
// retried with backoff (milliseconds here) and every attempt recorded in GET /api/jobs/:id.
import { createHmac } from 'node:crypto';
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '../support/client';
import { type JobBody, waitForJob } from '../support/jobs';
import { type Listener, listen } from '../support/net';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';
import { nextAttemptAt, windowMs } from '../../src/jobs/webhooks';

interface Delivery {
  path: string;
  signature: string;
  body: string;
}

let app: RenderTestServer;
let receiver: Listener;
let templateId: string;
const deliveries: Delivery[] = [];
/** Status the receiver answers, per path, in turn (200 once the list is used up). */
const script = new Map<string, number[]>();

beforeAll(async () => {
  receiver = await listen('127.0.0.1', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '';
      deliveries.push({
        path,
        signature: String(req.headers['layercast-signature'] ?? ''),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const status = script.get(path)?.shift() ?? 200;
      res.writeHead(status).end(status === 200 ? 'ok' : 'nope');
    });
  });
  app = await startRenderServer(
    { jobs: { concurrency: 2, rowsInFlight: 2, leaseMs: 2_000, pollMs: 50, webhookBackoffMs: 1 } },
    { fetcherOptions: { allowHostPorts: [`127.0.0.1:${receiver.port}`] } },
  );
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
  await receiver?.close();
});

/** Checks `t=<unix>,v1=<hex>` against the secret, as docs/render-api.md tells receivers to. */
function verify(secret: string, delivery: Delivery): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(delivery.signature);
  if (!match) return false;
  const expected = createHmac('sha256', secret).update(`${match[1]}.${delivery.body}`).digest('hex');
  return expected === match[2] && Math.abs(Date.now() / 1000 - Number(match[1])) < 300;
}

async function waitForWebhook(jobId: string, as: { key: string } | typeof app.session): Promise<JobBody> {
  for (let i = 0; i < 200; i++) {
    const job = (await call(app.url, 'GET', `/api/jobs/${jobId}`, { as })).body;
    if (job.webhook && job.webhook.status !== 'pending') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the webhook was not settled in time');
}

describe('the retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 1 h, 2 h, 4 h, then 8 h, and stops 24 h after the first attempt', () => {
    const base = 30_000;
    const delays: number[] = [];
    let last = 0;
    for (let attempts = 1; ; attempts++) {
      const next = nextAttemptAt(0, last, attempts, base);
      if (next === null) break;
      delays.push((next - last) / 60_000);
      last = next;
    }
    expect(delays).toEqual([0.5, 2, 10, 60, 120, 240, 480, 480]);
    expect(last).toBeLessThanOrEqual(windowMs(base));
    expect(windowMs(base)).toBe(24 * 3_600_000);
  });
});

describe('job webhooks', () => {
  it('retries a failing receiver with backoff until it answers 200, recording every attempt', async () => {
    script.set('/flaky', [500, 503]);
    const as = { key: app.key.key };
    const res = await call(app.url, 'POST', '/api/bulk', {
      as,
      body: {
        templateId,
        webhookUrl: `${receiver.origin}/flaky`,
        rows: [{ layers: { title: { text: 'Hook one' } } }, { layers: { title: { text: 'Hook two' } } }],
      },
    });
    expect(res.status).toBe(202);
    const job = await waitForWebhook(res.body.jobId, as);
    expect(job.webhook).toMatchObject({ url: `${receiver.origin}/flaky`, status: 'delivered', nextAttemptAt: null });
    expect(job.webhook.attempts.map((a: JobBody) => [a.statusCode, a.error])).toEqual([
      [500, 'HTTP 500'],
      [503, 'HTTP 503'],
      [200, null],
    ]);

    const sent = deliveries.filter((d) => d.path === '/flaky');
    expect(sent).toHaveLength(3);
    for (const delivery of sent) expect(verify(app.key.signingSecret, delivery)).toBe(true);
    expect(verify('another secret', sent[0]!)).toBe(false);
    const payload = JSON.parse(sent[2]!.body);
    expect(payload.type).toBe('job.finished');
    expect(payload.job).toMatchObject({ id: job.id, status: 'succeeded', total: 2, done: 2 });
    expect(payload.job.items.map((i: JobBody) => i.imageUrl)).toEqual(job.items.map((i: JobBody) => i.imageUrl));
  });

  it('gives up after the retry window and says so', async () => {
    script.set(
      '/down',
      Array.from({ length: 1000 }, () => 500),
    );
    const as = { key: app.key.key };
    const res = await call(app.url, 'POST', '/api/generate', {
      as,
      body: { templateId, async: true, webhookUrl: `${receiver.origin}/down` },
    });
    const job = await waitForWebhook(res.body.jobId, as);
    expect(job.webhook.status).toBe('failed');
    expect(job.webhook.nextAttemptAt).toBeNull();
    const attempts = job.webhook.attempts.length;
    // Several attempts (how many fit in the window depends on the queue: pg-boss delays by whole seconds).
    expect(attempts).toBeGreaterThanOrEqual(2);
    expect(job.webhook.attempts.every((a: JobBody) => a.statusCode === 500)).toBe(true);
    expect(deliveries.filter((d) => d.path === '/down')).toHaveLength(attempts);
  });

  it('signs a job a session created with the account’s newest key, and refuses one without any key', async () => {
    const res = await call(app.url, 'POST', '/api/generate', {
      as: app.session,
      body: { templateId, async: true, webhookUrl: `${receiver.origin}/session` },
    });
    expect(res.status).toBe(202);
    await waitForWebhook(res.body.jobId, app.session);
    const [delivery] = deliveries.filter((d) => d.path === '/session');
    expect(verify(app.key.signingSecret, delivery!)).toBe(true);

    const keyless = await app.signup();
    const own = await call(app.url, 'POST', '/api/templates', {
      as: keyless,
      body: { name: 'Card', jsonData: cardTemplate() },
    });
    const refused = await call(app.url, 'POST', '/api/generate', {
      as: keyless,
      body: { templateId: own.body.id, async: true, webhookUrl: `${receiver.origin}/session` },
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].path).toBe('webhookUrl');
  });

  it('does not reach a private address the operator did not allow', async () => {
    const as = { key: app.key.key };
    const res = await call(app.url, 'POST', '/api/generate', {
      as,
      body: { templateId, async: true, webhookUrl: 'http://127.0.0.1:9/hook' },
    });
    const job = await waitForJob(app.url, as, res.body.jobId);
    const settled = await waitForWebhook(job.id, as).catch(() => undefined);
    const attempts = (settled ?? (await call(app.url, 'GET', `/api/jobs/${job.id}`, { as })).body).webhook.attempts;
    expect(attempts[0]).toMatchObject({
      statusCode: null,
      error: expect.stringMatching(/private, loopback or reserved/),
    });
  });
});
