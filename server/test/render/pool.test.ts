// The render pool's isolation, through the app: a child that crashes or hangs fails only
// its own request (500 / 503 render_timeout), the next request renders, a crash is not
// charged (a timeout is: it used the machine), and a full queue sheds load with 503 + Retry-After.
import { loadTemplate, type TemplateDocument } from '@layercast/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderJob, RenderOutput } from '../../src/render/job';
import { type RenderPool, childEnv, createRenderPool } from '../../src/render/pool';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
let inner: RenderPool;
let templateId: string;
const hook: { mode: 'none' | 'crash' | 'hang' } = { mode: 'none' };

beforeAll(async () => {
  inner = createRenderPool({ size: 1, queueLimit: 0, timeoutMs: 1500 });
  // The worker's test hooks stand in for a native crash or an endless loop in the engine.
  const pool: RenderPool = {
    ...inner,
    options: inner.options,
    // The request's slot goes to the real job, or is handed back for the hook to take one.
    render: (job, slot) => {
      if (hook.mode === 'none') return inner.render(job, slot);
      slot?.release();
      return inner.exec(hook.mode) as never;
    },
  };
  app = await startRenderServer({}, { pool });
  templateId = await app.createTemplate(cardTemplate());
});
afterAll(async () => {
  await app?.close();
  await inner?.close();
});

type Json = { error?: { code: string; message: string } };

async function rendersUsed(): Promise<number> {
  const res = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } });
  return ((await res.json()) as { renders: number }).renders;
}

describe('render pool', () => {
  it('turns a crashed child into a 500 for that request only, and does not charge it', async () => {
    const before = await rendersUsed();
    hook.mode = 'crash';
    const crashed = await app.generate({ templateId, layers: { title: { text: 'crash' } } });
    expect(crashed.status).toBe(500);
    const body = (await crashed.json()) as Json;
    expect(body.error?.code).toBe('render_failed');
    expect(JSON.stringify(body)).not.toMatch(/exitCode|signal|\/work\//);
    expect(await rendersUsed()).toBe(before);
    hook.mode = 'none';
    const next = await app.generate({ templateId, layers: { title: { text: 'after crash' } } });
    expect(next.status).toBe(200);
    expect(await rendersUsed()).toBe(before + 1);
  });

  it('kills a child past the deadline: 503 render_timeout with Retry-After, charged, then renders again', async () => {
    const before = await rendersUsed();
    hook.mode = 'hang';
    const hung = await app.generate({ templateId, layers: { title: { text: 'hang' } } });
    expect(hung.status).toBe(503);
    expect(((await hung.json()) as Json).error?.code).toBe('render_timeout');
    expect(Number(hung.headers.get('retry-after'))).toBeGreaterThan(0);
    // It held a child for the whole deadline: the unit is not given back.
    expect(await rendersUsed()).toBe(before + 1);
    hook.mode = 'none';
    const next = await app.generate({ templateId, layers: { title: { text: 'after hang' } } });
    expect(next.status).toBe(200);
  });

  it('sheds load with 503 overloaded when every child is busy and the queue is full', async () => {
    hook.mode = 'hang';
    const busy = app.generate({ templateId, layers: { title: { text: 'occupying' } } });
    const deadline = Date.now() + 5000;
    while (inner.stats().inFlight < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    hook.mode = 'none';
    const shed = await app.generate({ templateId, layers: { title: { text: 'shed' } } });
    expect(shed.status).toBe(503);
    expect(((await shed.json()) as Json).error?.code).toBe('overloaded');
    expect(shed.headers.get('retry-after')).toBe('2');
    // A cache hit needs no child and is still served.
    const hit = await app.generate({ templateId, layers: { title: { text: 'after crash' } } });
    expect(hit.status).toBe(200);
    expect((await busy).status).toBe(503);
  });
});

describe('render children', () => {
  it('can be started ahead of the first render', async () => {
    const pool = createRenderPool({ size: 2, timeoutMs: 5000 });
    try {
      expect(pool.stats().workers).toBe(0);
      await pool.warm();
      expect(pool.stats().workers).toBe(2);
      expect(pool.stats().inFlight).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('keep a document sent once and render later jobs that name it by key, even after a restart', async () => {
    const pool = createRenderPool({ size: 1, timeoutMs: 5000 });
    const job = (document: TemplateDocument, documentKey: string): RenderJob => ({
      document,
      documentKey,
      layers: {},
      variables: {},
      format: 'png',
      images: {},
      imageErrors: {},
      fonts: [],
    });
    const blue = loadTemplate(cardTemplate());
    const red = loadTemplate({
      ...cardTemplate(),
      layers: [{ name: 'bg', type: 'rect', width: 400, height: 210, fill: '#dc2626' }],
    });
    const pixel = async (output: RenderOutput) => {
      const { data } = await sharp(output.data).raw().toBuffer({ resolveWithObject: true });
      return [...data.subarray(0, 3)];
    };
    try {
      // The first job of a key carries the document, later ones only the key.
      const byKey = [];
      for (let i = 0; i < 3; i++) byKey.push(await pixel(await pool.render(job(blue, 'blue'))));
      expect(byKey).toEqual([
        [30, 58, 138],
        [30, 58, 138],
        [30, 58, 138],
      ]);
      // Proof that the document did not go: the child draws what it holds for the key.
      expect(await pixel(await pool.render(job(red, 'blue')))).toEqual([30, 58, 138]);
      expect(await pixel(await pool.render(job(red, 'red')))).toEqual([220, 38, 38]);
      // A new child holds nothing: it asks, and the job goes again with its document.
      await expect(pool.exec('crash')).rejects.toThrow();
      expect(await pixel(await pool.render(job(red, 'red')))).toEqual([220, 38, 38]);
      expect(await pixel(await pool.render(job(blue, 'blue')))).toEqual([30, 58, 138]);
      expect(pool.stats().inFlight).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('start without the server\u2019s secrets in their environment', () => {
    const env = childEnv({
      PATH: '/usr/bin',
      LAYERCAST_SECRET: 's',
      AWS_SECRET_ACCESS_KEY: 'k',
      DATABASE_URL: 'postgres://u:p@h/db',
      PORT: '3000',
    });
    expect(env).toEqual({ PATH: '/usr/bin', PORT: '3000' });
  });
});
