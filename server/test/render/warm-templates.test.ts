// A template's first render should not be its slowest: a saved template, and at start the
// templates rendered last, are parsed by the server and rendered once in every child
// (render/warm-templates.ts) — without storing or charging anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RenderPool, createRenderPool } from '../../src/render/pool';
import { recentlyRenderedTemplates } from '../../src/render/render.repository';
import { prepareRender } from '../../src/render/render.service';
import { warmRecentTemplates } from '../../src/render/warm-templates';
import { TemplateDocuments } from '../../src/templates/template-documents';
import { findTemplateById } from '../../src/templates/templates.repository';
import type { RenderJob } from '../../src/render/job';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
const documents = new TemplateDocuments(100);
const pools: RenderPool[] = [];

beforeAll(async () => {
  const pool = createRenderPool({ size: 2, timeoutMs: 20_000 });
  pools.push(pool);
  await pool.warm();
  app = await startRenderServer({}, { pool, documents });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await Promise.all(pools.map((pool) => pool.close()));
});

async function rendersUsed(): Promise<number> {
  const res = await fetch(`${app.url}/api/usage`, { headers: { authorization: `Bearer ${app.key.key}` } });
  return ((await res.json()) as { renders: number }).renders;
}

async function storedRenders(): Promise<number> {
  const row = await app.db
    .selectFrom('renders')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The job a request with no overrides sends for the template, its document included. */
async function jobFor(id: string, docs = documents): Promise<RenderJob> {
  const template = await findTemplateById(app.db, id, docs);
  if (!template) throw new Error('no template');
  const p = prepareRender(
    template,
    { templateId: id, layers: {}, variables: {}, format: 'png', force: false },
    'render',
  );
  return {
    ...{ document: p.document, documentKey: p.documentKey, layers: p.layers, variables: p.variables },
    format: 'png',
    scale: 1,
    images: {},
    imageErrors: {},
    fonts: [],
  };
}

/**
 * Renders the job in both children at once. The pool sends a document with a job only
 * until each child was sent it; a child that does not hold it makes the pool send the job
 * again (`resent`). Returns how many were resent.
 */
async function resentRenderingInBothChildren(pool: RenderPool, job: RenderJob): Promise<number> {
  const before = pool.stats().resent;
  const outputs = await Promise.all([pool.render(job), pool.render(job)]);
  const { width, height } = job.document.canvas;
  for (const output of outputs) expect([output.width, output.height]).toEqual([width, height]);
  return pool.stats().resent - before;
}

describe('warming templates', () => {
  it('parses a saved template and renders it once in each child, storing and charging nothing', async () => {
    const used = await rendersUsed();
    const prepared = app.pool.stats().prepared;
    const id = await app.createTemplate(cardTemplate(), { isPublic: true });
    await expect.poll(() => app.pool.stats().prepared).toBe(prepared + 1);
    expect(documents.get(id, 1)).toBeDefined();
    expect(await rendersUsed()).toBe(used);
    expect(await storedRenders()).toBe(0);
    // Both children hold the document: neither needs it sent again.
    expect(await resentRenderingInBothChildren(app.pool, await jobFor(id))).toBe(0);

    // A new version is warmed too.
    await app.updateTemplate(id, {
      jsonData: { ...cardTemplate(), canvas: { width: 400, height: 210, background: '#102030' } },
    });
    await expect.poll(() => app.pool.stats().prepared).toBe(prepared + 2);
    expect(documents.get(id, 2)).toBeDefined();
    expect(await resentRenderingInBothChildren(app.pool, await jobFor(id))).toBe(0);
  });

  it('does not warm while a request is rendering: the request never waits behind it', async () => {
    const warmed = app.pool.stats().prepared;
    const id = await app.createTemplate(cardTemplate(), { isPublic: true });
    // The save's own warm-up first, so that nothing else runs in the pool.
    await expect.poll(() => app.pool.stats().prepared).toBe(warmed + 1);
    const job = await jobFor(id);
    const prepared = app.pool.stats().prepared;
    const rendering = app.pool.render({ ...job, layers: { title: { text: 'a request' } } });
    await app.pool.prepare({ ...job, documentKey: 'another document' });
    expect(app.pool.stats().prepared).toBe(prepared);
    expect((await rendering).width).toBe(job.document.canvas.width);
    await app.pool.prepare({ ...job, documentKey: 'another document' });
    expect(app.pool.stats().prepared).toBe(prepared + 1);
  });

  it('finds the templates rendered last, newest first, and prepares them in a new pool', async () => {
    const first = await app.createTemplate(cardTemplate(), { isPublic: true });
    const second = await app.createTemplate(cardTemplate(), { isPublic: true });
    for (const [id, title] of [
      [first, 'one'],
      [second, 'two'],
      [first, 'three'],
    ] as const) {
      const res = await app.generate({ templateId: id, layers: { title: { text: title } } });
      expect(res.status).toBe(200);
    }
    expect(await recentlyRenderedTemplates(app.db, 2)).toEqual([first, second]);
    expect(await recentlyRenderedTemplates(app.db, 1)).toEqual([first]);

    // A node starting on this database: its own document cache and children.
    const pool = createRenderPool({ size: 2, timeoutMs: 20_000 });
    pools.push(pool);
    await pool.warm();
    const fresh = new TemplateDocuments(100);
    await warmRecentTemplates({ db: app.db, documents: fresh, renderPool: pool }, 2);
    expect(pool.stats().prepared).toBe(2);
    expect(fresh.get(first, 1)).toBeDefined();
    expect(fresh.get(second, 1)).toBeDefined();
    expect(await resentRenderingInBothChildren(pool, await jobFor(first, fresh))).toBe(0);
    expect(await resentRenderingInBothChildren(pool, await jobFor(second, fresh))).toBe(0);

    // The check can fail: a child started since (this one replaces a crashed child) does
    // not hold the document, and its job goes again with it.
    await expect(pool.exec('crash')).rejects.toThrow();
    expect(await resentRenderingInBothChildren(pool, await jobFor(first, fresh))).toBe(1);
  });
});
