import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareImages } from '../../src/commands/image-diff';
import { runCli } from '../support/cli';
import { call, titleTemplate } from '../support/client';
import { type TestServer, startTestServer } from '../support/server';

let server: TestServer;
let work: string;
let key: string;
let id: string;
const cardFile = () => join(work, 'card.json');
const writeCard = (text: string, extra: Record<string, unknown> = {}) =>
  writeFileSync(cardFile(), JSON.stringify({ name: 'Card', jsonData: titleTemplate(text), ...extra }));

beforeAll(async () => {
  server = await startTestServer();
  work = mkdtempSync(join(tmpdir(), 'layercast-diff-'));
  key = (await server.createKey(await server.signup())).key;
  const created = await call(server.url, 'POST', '/api/templates', {
    as: { key },
    body: { name: 'Card', jsonData: titleTemplate('Hello') },
  });
  expect(created.status).toBe(201);
  id = created.body.id;
  // Version 2 says something else; version 1 still says Hello.
  const updated = await call(server.url, 'PUT', `/api/templates/${id}`, {
    as: { key },
    body: { jsonData: titleTemplate('Goodbye') },
  });
  expect(updated.body.version).toBe(2);
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

const diff = (args: string[]) => runCli(['diff', cardFile(), ...args, '--url', server.url, '--key', key]);

describe('layercast diff', () => {
  it('exits 0 when the file renders like the server, and writes the three images', async () => {
    writeCard('Goodbye');
    const out = join(work, 'same.png');
    const res = await diff(['-o', out]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain(`against Card (${id}, v2)`);
    expect(res.stdout).toContain('no changes in the document');
    expect(res.stdout).toContain('pixels: none of 80000 differ');
    for (const f of ['same.png', 'same.actual.png', 'same.expected.png']) expect(existsSync(join(work, f))).toBe(true);
  });

  it('exits 1 on a changed text, names the layer and property, and marks pixels only where the title is', async () => {
    writeCard('Hello');
    const out = join(work, 'changed.png');
    const res = await diff(['-o', out]);
    expect(res.code, res.stderr).toBe(1);
    expect(res.stdout).toContain('  layer title: text');
    expect(res.stdout).toMatch(/pixels: \d+ of 80000 differ \(\d+\.\d+%\), mean channel difference \d+\.\d+ of 255/);
    expect(res.stderr).toContain('more than the threshold 0.00%');

    const image = PNG.sync.read(readFileSync(out));
    expect([image.width, image.height]).toEqual([400, 200]);
    let inside = 0;
    let outside = 0;
    for (let y = 0; y < image.height; y++) {
      for (let x = 0; x < image.width; x++) {
        const i = (y * image.width + x) * 4;
        const red = image.data[i] === 255 && image.data[i + 1] === 0 && image.data[i + 2] === 0;
        if (!red) continue;
        // The title layer's box: x 10..390, y 10..90.
        if (x >= 10 && x < 390 && y >= 10 && y < 90) inside++;
        else outside++;
      }
    }
    expect(inside).toBeGreaterThan(100);
    expect(outside).toBe(0);
    const actual = PNG.sync.read(readFileSync(join(work, 'changed.actual.png')));
    const expected = PNG.sync.read(readFileSync(join(work, 'changed.expected.png')));
    expect(actual.data.equals(expected.data)).toBe(false);
  });

  it('compares with an older version (--version) and with another template (--against)', async () => {
    writeCard('Hello');
    const v1 = await diff(['--version', '1', '-o', join(work, 'v1.png')]);
    expect(v1.code, v1.stderr).toBe(0);
    expect(v1.stdout).toContain(`(${id}, v1)`);

    const other = await call(server.url, 'POST', '/api/templates', {
      as: { key },
      body: { name: 'Other', jsonData: titleTemplate('Hello') },
    });
    const against = await diff(['--against', other.body.id, '-o', join(work, 'other.png')]);
    expect(against.code, against.stderr).toBe(0);
    expect(against.stdout).toContain('name: "Other" → "Card"');
  });

  it('passes when the differing fraction is within --threshold, and applies --layers to both sides', async () => {
    writeCard('Hello');
    const loose = await diff(['--threshold', '0.5', '-o', join(work, 'loose.png')]);
    expect(loose.code, loose.stderr).toBe(0);
    const same = await diff(['--layers', '{"title":{"text":"Same"}}', '-o', join(work, 'layers.png')]);
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain('pixels: none of 80000 differ');
  });

  it("draws the account's uploads (/api/assets/…) from the server on both sides", async () => {
    const red = new PNG({ width: 20, height: 20 });
    for (let i = 0; i < 400; i++) red.data.set([255, 0, 0, 255], i * 4);
    const upload = await call(server.url, 'POST', '/api/assets', {
      as: { key },
      raw: PNG.sync.write(red),
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const doc = titleTemplate('Logo');
    doc.layers.push({
      name: 'logo',
      type: 'image',
      x: 300,
      y: 120,
      width: 50,
      height: 50,
      src: upload.body.asset.url,
    } as never);
    const created = await call(server.url, 'POST', '/api/templates', {
      as: { key },
      body: { name: 'Logo', jsonData: doc },
    });
    expect(created.status).toBe(201);
    writeFileSync(join(work, 'logo.json'), JSON.stringify({ id: created.body.id, name: 'Logo', jsonData: doc }));
    const res = await runCli([
      'diff',
      join(work, 'logo.json'),
      '-o',
      join(work, 'logo.png'),
      '--url',
      server.url,
      '--key',
      key,
    ]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).not.toContain('not loaded');
    const expected = PNG.sync.read(readFileSync(join(work, 'logo.expected.png')));
    const at = (320 + 140 * expected.width) * 4;
    expect([...expected.data.subarray(at, at + 4)]).toEqual([255, 0, 0, 255]);
  });

  it("draws with the account's own fonts, as the server does", async () => {
    const require = createRequire(import.meta.url);
    const pacifico = readFileSync(require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'));
    const font = await call(server.url, 'POST', '/api/fonts?family=Brand', {
      as: { key },
      raw: pacifico,
      headers: { 'content-type': 'font/ttf' },
    });
    expect(font.status, JSON.stringify(font.body)).toBe(201);
    const doc = titleTemplate('Brand');
    (doc.layers[0] as Record<string, unknown>).fontFamily = 'Brand';
    const created = await call(server.url, 'POST', '/api/templates', {
      as: { key },
      body: { name: 'Branded', jsonData: doc },
    });
    expect(created.status).toBe(201);
    const file = join(work, 'branded.json');
    writeFileSync(file, JSON.stringify({ id: created.body.id, name: 'Branded', jsonData: doc }));
    const res = await runCli(['diff', file, '-o', join(work, 'branded.png'), '--url', server.url, '--key', key]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stderr).toBe('');
    // Without the account's font the title falls back to another face: other pixels.
    const plain = await runCli(['render', file, '-o', join(work, 'branded-plain.png')]);
    expect(plain.code, plain.stderr).toBe(0);
    const drawn = compareImages(
      readFileSync(join(work, 'branded-plain.png')),
      readFileSync(join(work, 'branded.expected.png')),
    );
    expect(drawn.differingPixels).toBeGreaterThan(100);
  });

  it('exits 2 on bad arguments', async () => {
    writeCard('Hello');
    const cases: [string[], string][] = [
      [['--threshold', '2'], '--threshold: expected a fraction of pixels from 0 to 1'],
      [['--version', 'latest'], '--version: expected a version number from 1'],
      [['--version', '9'], 'has no version 9; its versions are 1, 2'],
      [['--layers', '{nope'], '--layers: invalid JSON'],
      [['--layers', '{"titel":{"text":"x"}}'], 'the template has no layer named "titel"'],
      [['-o', join(work, 'diff.jpg')], 'name a .png file'],
      [['--against', '00000000-0000-4000-8000-000000000000'], 'template 00000000-0000-4000-8000-000000000000: 404'],
      [['--bogus'], "Unknown option '--bogus'"],
    ];
    // Independent runs that change nothing: started together, checked in order.
    const [none, ...results] = await Promise.all([
      runCli(['diff', '--url', server.url, '--key', key]),
      ...cases.map(([args]) => diff(['-o', join(work, 'bad.png'), ...args])),
    ]);
    for (const [i, [args, message]] of cases.entries()) {
      const res = results[i]!;
      expect(res.code, `${args.join(' ')}: ${res.stderr}`).toBe(2);
      expect(res.stderr).toContain(message);
    }
    expect(none.code).toBe(2);
  }, 180_000);
});

describe('compareImages', () => {
  const png = (width: number, height: number, rgba: [number, number, number, number]) => {
    const image = new PNG({ width, height });
    for (let i = 0; i < width * height; i++) image.data.set(rgba, i * 4);
    return PNG.sync.write(image);
  };

  it('counts differing pixels and the mean channel difference', () => {
    const same = compareImages(png(4, 4, [0, 0, 0, 255]), png(4, 4, [0, 0, 0, 255]));
    expect(same).toMatchObject({ differingPixels: 0, fraction: 0, meanChannelDiff: 0 });
    const grey = compareImages(png(4, 4, [0, 0, 0, 255]), png(4, 4, [4, 4, 4, 255]));
    expect(grey).toMatchObject({ differingPixels: 16, fraction: 1, meanChannelDiff: 3 });
  });

  it('compares images of different sizes over the larger area', () => {
    const result = compareImages(png(2, 2, [255, 255, 255, 255]), png(4, 2, [255, 255, 255, 255]));
    expect(result.sizeChange).toEqual({ expected: [2, 2], actual: [4, 2] });
    expect(result).toMatchObject({ width: 4, height: 2, differingPixels: 4, fraction: 0.5 });
  });
});
