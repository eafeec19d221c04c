// `layercast bulk` as a user runs it: the real CLI in a child process against a real server
// with real renders; what lands in --out (decoded PNGs, the manifest), what is printed, and
// the exit code.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { PNG } from 'pngjs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { call } from '../support/client';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

const JOBS = { concurrency: 2, rowsInFlight: 2, leaseMs: 2_000, pollMs: 100, webhookBackoffMs: 100 };

let app: RenderTestServer;
let work: string;
let templateId: string;
let auth: string[];

beforeAll(async () => {
  app = await startRenderServer({ jobs: JOBS });
  templateId = await app.createTemplate(cardTemplate());
  // A name of its own, so the CLI can find the template by it.
  await app.updateTemplate(templateId, { name: 'Launch card' });
  work = mkdtempSync(join(tmpdir(), 'layercast-bulk-'));
  auth = ['--url', app.url, '--key', app.key.key];
});
afterAll(async () => {
  await app?.close();
  rmSync(work, { recursive: true, force: true });
});

/** How many pixels of two same-sized PNGs differ. */
function differingPixels(a: PNG, b: PNG): number {
  let n = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) n++;
  }
  return n;
}

describe('layercast bulk', () => {
  it('renders a CSV, writes the images and the manifest, lists the failed row and exits 1', async () => {
    const rows = join(work, 'rows.csv');
    writeFileSync(
      rows,
      'title.text,title.fontSize,{{author}}\n' +
        'First card,32,Ann\n' +
        'Broken card,huge,Bob\n' +
        '"Third, with a comma",28,Cy\n',
    );
    const out = join(work, 'out-csv');
    const run = await runCli(['bulk', templateId, rows, '--out', out, ...auth]);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toMatch(/^job job_\S+: 3 rows queued/m);
    expect(run.stdout).toContain(`wrote 2 images and manifest.csv to ${out}`);
    expect(run.stdout).toContain('2 of 3 rows rendered, 1 failed');
    // Not a terminal: plain progress lines, the last one complete.
    expect(run.stderr).toMatch(/progress 3\/3 \(1 failed\)/);
    expect(run.stderr).toMatch(/^row 2 failed: layers\.title\.fontSize: .*number/m);

    expect(readdirSync(out).sort()).toEqual(['0001.png', '0003.png', 'manifest.csv']);
    const manifest = parse(readFileSync(join(out, 'manifest.csv'))) as string[][];
    expect(manifest[0]).toEqual(['row', 'status', 'file', 'image_url', 'error']);
    expect(manifest.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([
      ['1', 'done', '0001.png'],
      ['2', 'failed', ''],
      ['3', 'done', '0003.png'],
    ]);
    const first = PNG.sync.read(readFileSync(join(out, '0001.png')));
    const third = PNG.sync.read(readFileSync(join(out, '0003.png')));
    expect([first.width, first.height]).toEqual([400, 210]);
    // Each row drew its own title: the images differ where the text is.
    expect(differingPixels(first, third)).toBeGreaterThan(200);
  });

  it('finds the template by name, sends JSON rows with --format, and exits 0 when every row renders', async () => {
    const rows = join(work, 'rows.json');
    writeFileSync(
      rows,
      JSON.stringify([
        { layers: { title: { text: 'One' } } },
        { layers: { title: { text: 'Two' } }, variables: { author: 'Di' } },
      ]),
    );
    const out = join(work, 'out-json');
    const run = await runCli(['bulk', 'Launch card', rows, '-o', out, '--format', 'webp', ...auth]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('2 of 2 rows rendered, 0 failed');
    expect(readdirSync(out).sort()).toEqual(['0001.webp', '0002.webp', 'manifest.csv']);
    const meta = await sharp(readFileSync(join(out, '0002.webp'))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 400, 210]);
  });

  it('gives a CSV its --format on the rows that name none', async () => {
    const rows = join(work, 'formats.csv');
    writeFileSync(rows, 'title.text,format\nA,\nB,jpeg\n');
    const out = join(work, 'out-formats');
    const run = await runCli(['bulk', templateId, rows, '--out', out, '--format', 'webp', ...auth]);
    expect(run.code, run.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['0001.webp', '0002.jpg', 'manifest.csv'].sort());
  });

  it('exits 2 for bad arguments and for rows the server refuses as a whole, writing nothing', async () => {
    const csv = join(work, 'unknown.csv');
    writeFileSync(csv, 'headline.text\nHello\n');
    const before = (await call(app.url, 'GET', '/api/jobs', { as: { key: app.key.key } })).body.jobs.length;

    const refused = await runCli(['bulk', templateId, csv, '--out', join(work, 'refused'), ...auth]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/the server refused the rows: 422/);
    expect(refused.stderr).toContain('headline');

    const noOut = await runCli(['bulk', templateId, csv, ...auth]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--out <dir> is required');

    const noName = await runCli(['bulk', 'No such card', csv, '--out', join(work, 'x'), ...auth]);
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain('no template named "No such card"');

    const badFormat = await runCli(['bulk', templateId, csv, '--out', join(work, 'x'), '--format', 'gif', ...auth]);
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toMatch(/--format: expected one of png/);

    expect(readdirSync(work).filter((f) => f === 'refused' || f === 'x')).toEqual([]);
    expect((await call(app.url, 'GET', '/api/jobs', { as: { key: app.key.key } })).body.jobs.length).toBe(before);
  });
});
