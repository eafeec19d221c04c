// `layercast render` as a user runs it: the root CLI dispatcher in a child process.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const dir = mkdtempSync(join(tmpdir(), 'layercast-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The command in the temp directory, so relative paths are the user's own. */
const layercast = (args: string[]) => runCli(args, {}, dir);

const doc = {
  version: 2,
  canvas: { width: 400, height: 210, background: 'linear-gradient(90deg, #0ea5e9, #6366f1)' },
  layers: [
    { name: 'logo', type: 'image', x: 300, y: 20, width: 80, height: 80, src: 'assets/logo.png', borderRadius: 40 },
    {
      name: 'title',
      type: 'text',
      x: 20,
      y: 20,
      width: 260,
      height: 120,
      text: 'Hello {{who}}',
      fontSize: 36,
      fontWeight: 700,
      color: '#fff',
    },
  ],
  variables: [{ name: 'who', default: 'world' }],
};

describe('layercast render', () => {
  it('renders a template file to a PNG, reading images relative to the file', async () => {
    const assets = join(dir, 'templates', 'assets');
    mkdirSync(assets, { recursive: true });
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#f97316' } })
      .png()
      .toFile(join(assets, 'logo.png'));
    writeFileSync(join(dir, 'templates', 'card.json'), JSON.stringify(doc));

    const { code, stdout, stderr } = await layercast([
      'render',
      'templates/card.json',
      '--variables',
      '{"who":"Layercast"}',
      '-o',
      'out.png',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote out\.png \(400×210 PNG, [\d.]+ KB\)/);
    // "Hello Layercast" wraps where the default "Hello world" would not: the variable was applied.
    expect(stdout).toContain('text title: 2 lines at 36px');
    const png = readFileSync(join(dir, 'out.png'));
    const meta = await sharp(png).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 400, 210]);
    // The logo's orange is in its box: the file path was resolved next to the template.
    const px = await sharp(png).extract({ left: 340, top: 60, width: 1, height: 1 }).raw().toBuffer();
    expect([...px.subarray(0, 3)]).toEqual([249, 115, 22]);
  });

  it('accepts a template record with jsonData, overrides, a scale and the format from -o', async () => {
    const record = { name: 'Card', jsonData: { ...doc, layers: doc.layers.filter((l) => l.type === 'text') } };
    writeFileSync(join(dir, 'record.json'), JSON.stringify(record));
    const { code, stdout } = await layercast([
      'render',
      'record.json',
      '--layers',
      '{"title":{"text":"Overridden"}}',
      '--scale',
      '2',
      '-o',
      'out.jpg',
    ]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^wrote out\.jpg \(800×420 JPEG/);
    expect((await sharp(readFileSync(join(dir, 'out.jpg'))).metadata()).format).toBe('jpeg');
  });

  it('prints the JSON path of what is wrong and exits non-zero, writing nothing', async () => {
    const bad = { ...doc, layers: [{ ...doc.layers[1], fontSize: 5000 }] };
    writeFileSync(join(dir, 'bad.json'), JSON.stringify(bad));
    writeFileSync(join(dir, 'broken.json'), '{"version": 2,');
    writeFileSync(
      join(dir, 'huge.json'),
      JSON.stringify({ version: 2, canvas: { width: 4096, height: 4096 }, layers: [] }),
    );
    // Independent runs that write nothing: started together, checked one by one.
    const [invalid, override, broken, scale, tooLarge, extension] = await Promise.all([
      layercast(['render', 'bad.json', '-o', 'bad.png']),
      layercast(['render', 'templates/card.json', '--layers', '{"nope":{"text":"x"},"title":{"fontSize":"big"}}']),
      layercast(['render', 'broken.json']),
      layercast(['render', 'templates/card.json', '--scale', '9']),
      layercast(['render', 'huge.json', '--scale', '2', '-o', 'huge.png']),
      layercast(['render', 'templates/card.json', '-o', 'card.gif']),
    ]);

    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toContain('layers[0].fontSize: expected a number from 1 to 1000');
    expect(invalid.stdout).toBe('');

    expect(override.code).toBe(2);
    expect(override.stderr).toContain(
      'layers.nope: the template has no layer named "nope"; its layers are: logo, title',
    );
    expect(override.stderr).toContain('layers.title.fontSize: expected a number from 1 to 1000');

    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^broken\.json: invalid JSON/);

    expect(scale.code).toBe(2);
    expect(scale.stderr).toContain('--scale: expected a number from 1 to 4, got "9"');
    expect(tooLarge.code).toBe(2);
    expect(tooLarge.stderr).toBe(
      'scale: the output would be 8192×8192 pixels; at most 40 megapixels, use a smaller scale\n',
    );
    expect(() => readFileSync(join(dir, 'huge.png'))).toThrow();
    expect(extension.code).toBe(2);
    expect(extension.stderr).toMatch(/^-o: cannot tell the format from "\.gif"/);
    expect(() => readFileSync(join(dir, 'bad.png'))).toThrow();
    expect(() => readFileSync(join(dir, 'card.gif'))).toThrow();
  });
});

describe('layercast render --font', () => {
  const pacifico = createRequire(import.meta.url).resolve(
    '@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf',
  );
  const brand = {
    version: 3,
    canvas: { width: 400, height: 120, background: '#ffffff' },
    layers: [
      {
        name: 'title',
        type: 'text',
        x: 10,
        y: 10,
        width: 380,
        height: 100,
        text: 'Hello Brand',
        fontFamily: 'Brand',
        fontSize: 48,
      },
    ],
  };

  it('draws a layer with a font file named on the command line, and says why a bad one is refused', async () => {
    writeFileSync(join(dir, 'brand.json'), JSON.stringify(brand));
    const plain = await layercast(['render', 'brand.json', '-o', 'plain.png']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/font family "Brand" is not available/);
    const branded = await layercast(['render', 'brand.json', '--font', `Brand=${pacifico}`, '-o', 'branded.png']);
    expect(branded.code, branded.stderr).toBe(0);
    expect(branded.stdout).not.toMatch(/not available/);
    const a = await sharp(join(dir, 'plain.png')).raw().toBuffer();
    const b = await sharp(join(dir, 'branded.png')).raw().toBuffer();
    let differing = 0;
    for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 24) differing++;
    expect(differing / a.length).toBeGreaterThan(0.02);

    writeFileSync(join(dir, 'fake.ttf'), '<html>no</html>');
    const bad = await layercast(['render', 'brand.json', '--font', 'fake.ttf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--font fake\.ttf: not a font file/);
  });
});

describe('layercast render --variant', () => {
  const card = {
    version: 4,
    canvas: { width: 300, height: 150, background: '#ffffff' },
    layers: [{ name: 'badge', type: 'rect', x: 10, y: 10, width: 40, height: 40, fill: '#dc2626' }],
    variants: [{ name: 'square', width: 200, height: 200, layers: { badge: { x: 150, y: 150 } } }],
  };

  it('renders the variant at its size and lists the variants for an unknown one', async () => {
    writeFileSync(join(dir, 'variants.json'), JSON.stringify(card));
    const square = await layercast(['render', 'variants.json', '--variant', 'square', '-o', 'square.png']);
    expect(square.code, square.stderr).toBe(0);
    expect(square.stdout).toMatch(/200×200 PNG/);
    const { data, info } = await sharp(join(dir, 'square.png')).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [
      ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
    ];
    expect(at(170, 170)).toEqual([220, 38, 38]);
    expect(at(30, 30)).toEqual([255, 255, 255]);

    const unknown = await layercast(['render', 'variants.json', '--variant', 'story', '-o', 'story.png']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('--variant: the template has no variant "story"; its variants are: square\n');
    expect(() => readFileSync(join(dir, 'story.png'))).toThrow();
  });
});
