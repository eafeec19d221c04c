// The decoded-pixel budget of one render, through the app: a 15 KB template of ten
// 4900×4900 lossless WebPs (about 1 KB each) used to take a render child from 150 MB to
// 1.16 GB. Now at most 50 MP of images are decoded per render, whatever their source
// (data: URLs, uploads, remote URLs), and the parent does not even send the child the
// bytes of images past the budget.
import { readFileSync, readdirSync } from 'node:fs';
import type http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderJob } from '../../src/render/job';
import { type RenderPool, createRenderPool } from '../../src/render/pool';
import { pngBytes } from '../support/fixtures';
import { type Listener, listen } from '../support/net';
import { type RenderTestServer, startRenderServer } from '../support/render-server';

const BUDGET_MESSAGE = 'the images of this template exceed 50 megapixels in total';

let app: RenderTestServer;
let inner: RenderPool;
let images: Listener;
let bigWebp: Buffer;
const jobs: RenderJob[] = [];

beforeAll(async () => {
  bigWebp = await sharp({ create: { width: 4900, height: 4900, channels: 3, background: '#10b981' } })
    .webp({ lossless: true })
    .toBuffer();
  const small = pngBytes(10, 10, [255, 0, 0, 255]);
  images = await listen('127.0.0.2', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.url === '/big.webp') res.writeHead(200, { 'content-type': 'image/webp' }).end(bigWebp);
    else if (req.url === '/small.png') res.writeHead(200, { 'content-type': 'image/png' }).end(small);
    else res.writeHead(404).end();
  });
  // One child, so its peak memory is this file's renders; jobs are recorded on their way in.
  inner = createRenderPool({ size: 1, timeoutMs: 20_000 });
  const pool: RenderPool = {
    ...inner,
    options: inner.options,
    render: (job, ...rest) => {
      jobs.push(job);
      return inner.render(job, ...rest);
    },
  };
  app = await startRenderServer({}, { pool });
});
afterAll(async () => {
  await app?.close();
  await inner?.close();
  await images?.close();
});

function template(srcs: string[]) {
  return {
    version: 2,
    canvas: { width: 400, height: 210, background: '#ffffff' },
    layers: srcs.map((src, i) => ({ name: `img${i}`, type: 'image', x: i * 35, y: 0, width: 30, height: 30, src })),
  };
}

type Diagnostics = { layers: Record<string, { loaded: boolean; error?: string }> };

async function generate(srcs: string[]): Promise<Diagnostics> {
  const templateId = await app.createTemplate(template(srcs));
  const res = await app.generate({ templateId });
  const body = (await res.json()) as { diagnostics: Diagnostics };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.diagnostics;
}

/** This process's render children (Linux /proc): command line and peak resident memory in MB. */
function renderChildren(): { args: string[]; peakMb: number }[] {
  const children: { args: string[]; peakMb: number }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (ppid !== process.pid || !args.some((a) => a.endsWith('worker.ts'))) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      children.push({ args, peakMb: Number(hwm) / 1024 });
    } catch {
      // the process went away while we looked
    }
  }
  return children;
}

describe('decoded pixels per render', () => {
  it('decodes at most 50 MP of data: URL images per render; the child stays small', async () => {
    const srcs = Array.from(
      { length: 10 },
      (_, i) => `data:image/webp;name=big${i};base64,${bigWebp.toString('base64')}`,
    );
    expect(JSON.stringify(template(srcs)).length).toBeLessThan(20_000);
    const diagnostics = await generate(srcs);
    expect(diagnostics.layers.img0).toEqual({ type: 'image', loaded: true });
    expect(diagnostics.layers.img1).toEqual({ type: 'image', loaded: true });
    for (let i = 2; i < 10; i++)
      expect(diagnostics.layers[`img${i}`], `img${i}`).toEqual({ type: 'image', loaded: false, error: BUDGET_MESSAGE });
    const children = renderChildren();
    expect(children).toHaveLength(1);
    // Ten decoded images would be ~960 MB on top of the child's ~150 MB.
    expect(children[0]?.peakMb).toBeLessThan(700);
    // Its JavaScript heap has a ceiling too (native memory is what the pixel budget bounds).
    expect(children[0]?.args).toContain('--max-old-space-size=512');
  });

  it('counts uploads, remote images and data: URLs against one budget; the parent keeps back what does not fit', async () => {
    const upload = await fetch(`${app.url}/api/assets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.key.key}`, 'content-type': 'image/webp' },
      body: bigWebp,
    });
    expect(upload.status).toBeLessThan(300);
    const asset = ((await upload.json()) as { asset: { url: string } }).asset.url;
    const origin = `http://images.example.com:${images.port}`;
    const srcs = [
      `data:image/webp;base64,${bigWebp.toString('base64')}`,
      asset,
      `${origin}/big.webp`,
      `${origin}/small.png`,
    ];
    jobs.length = 0;
    const diagnostics = await generate(srcs);
    expect(diagnostics.layers.img0?.loaded).toBe(true);
    expect(diagnostics.layers.img1?.loaded).toBe(true);
    expect(diagnostics.layers.img2).toEqual({ type: 'image', loaded: false, error: BUDGET_MESSAGE });
    expect(diagnostics.layers.img3?.loaded).toBe(true);
    // The remote image past the budget was fetched (its size is in its header) but its
    // bytes never went to the child.
    const job = jobs.at(-1);
    expect(Object.keys(job?.images ?? {}).sort()).toEqual([asset, `${origin}/small.png`].sort());
    expect(job?.imageErrors[`${origin}/big.webp`]).toBe(BUDGET_MESSAGE);
  });
});
