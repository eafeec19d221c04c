// The golden harness itself: it must pass identical renders and catch small real changes,
// or every golden test built on it proves nothing. Uses temporary folders, never the
// checked-in goldens.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { type GoldenCase, checkGolden, renderCase } from './harness';
import { card } from './suite';

const root = mkdtempSync(join(tmpdir(), 'layercast-golden-'));
// `update: false` even under UPDATE_GOLDENS=1: these checks compare, they never write.
const dirs = { goldensDir: join(root, 'goldens'), failuresDir: join(root, 'failures'), update: false };
afterAll(() => rmSync(root, { recursive: true, force: true }));

const base = (titleY: number, squareColor: string): GoldenCase => ({
  name: 'probe',
  description: 'a title and a small square',
  doc: card([
    {
      name: 'title',
      type: 'text',
      x: 20,
      y: titleY,
      width: 360,
      height: 60,
      text: 'Golden probe',
      fontSize: 32,
      fontWeight: 700,
      color: '#0f172a',
    },
    { name: 'square', type: 'rect', x: 20, y: 120, width: 12, height: 12, fill: squareColor },
  ]),
});

async function written(name: string, c: GoldenCase) {
  const { data } = await renderCase(c);
  expect(checkGolden(name, data, { ...dirs, update: true })).toEqual({ status: 'written' });
}

describe('golden harness', () => {
  it('passes a render identical to its golden with no differing pixel', async () => {
    await written('same', base(20, '#ef4444'));
    const { data } = await renderCase(base(20, '#ef4444'));
    expect(checkGolden('same', data, dirs)).toEqual({ status: 'match', diffPixels: 0 });
  });

  it('fails when a text line moves by one pixel, and writes actual, expected and diff images', async () => {
    await written('moved', base(20, '#ef4444'));
    const { data } = await renderCase(base(21, '#ef4444'));
    const outcome = checkGolden('moved', data, dirs);
    expect(outcome.status).toBe('fail');
    expect(outcome.status === 'fail' && outcome.message).toMatch(
      /"moved" does not match its golden: \d+ pixels differ/,
    );
    for (const kind of ['actual', 'expected', 'diff'])
      expect(existsSync(join(dirs.failuresDir, `moved.${kind}.png`))).toBe(true);
  });

  it('fails when a 12×12 square changes colour', async () => {
    await written('recolored', base(20, '#ef4444'));
    const { data } = await renderCase(base(20, '#f97316'));
    expect(checkGolden('recolored', data, dirs).status).toBe('fail');
  });

  it('fails when the size differs', async () => {
    await written('resized', base(20, '#ef4444'));
    const { data } = await renderCase({ ...base(20, '#ef4444'), options: { scale: 2 } });
    const outcome = checkGolden('resized', data, dirs);
    expect(outcome.status === 'fail' && outcome.message).toContain('size 800×480, golden is 400×240');
  });

  it('treats a missing golden as a failure and does not write one', async () => {
    const { data } = await renderCase(base(20, '#ef4444'));
    const outcome = checkGolden('never-written', data, dirs);
    expect(outcome.status === 'fail' && outcome.message).toContain('no golden image for "never-written"');
    expect(existsSync(join(dirs.goldensDir, 'never-written.png'))).toBe(false);
    const actual = PNG.sync.read(readFileSync(join(dirs.failuresDir, 'never-written.actual.png')));
    expect([actual.width, actual.height]).toEqual([400, 240]);
  });
});
