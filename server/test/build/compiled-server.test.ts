// The compiled server (server/scripts/build.ts) is what `scripts/start.sh` runs: plain node, no
// TypeScript loader. It must serve what the sources serve — the render children, fonts from
// their packages and Swagger UI's files all load from node_modules through the build.
import { type ChildProcess, execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { registerFonts, renderTemplate } from '@layercast/engine/node';
import { loadTemplate } from '@layercast/shared';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CODE_CACHE_CHECK_ARG, childV8Flags } from '../../src/render/job';
import { DEFAULT_POOL_OPTIONS } from '../../src/render/pool';
import { spawnServe } from '../support/cli';
import { cardTemplate } from '../support/render-server';

const require = createRequire(import.meta.url);
// Built by the project's global setup (support/compiled-cli-global-setup.ts), with buildServer.
const cli = inject('compiledCli');
const outdir = dirname(cli);
const work = mkdtempSync(join(tmpdir(), 'layercast-compiled-'));
let child: ChildProcess | undefined;
let url = '';

beforeAll(async () => {
  const started = await spawnServe(
    { LAYERCAST_DATA: join(work, 'data'), LAYERCAST_RENDER_WORKERS: '1', NODE_OPTIONS: '' },
    cli,
  );
  child = started.child;
  url = started.url;
}, 120_000);

afterAll(() => {
  child?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

async function pixels(png: Buffer | Uint8Array) {
  return sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
}

describe('the compiled server', () => {
  it('is JavaScript only: a CLI, a render child and their chunks', () => {
    const files = readdirSync(outdir);
    expect(files).toContain('cli.js');
    expect(files).toContain('render-child.cjs');
    expect(files).toContain('render-child-loader.cjs');
    expect(files.filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it("starts render children on the build's code cache, and only for the bundle it was made from", () => {
    const check = (dir: string, flags: string[]) =>
      execFileSync(process.execPath, [...flags, join(dir, 'render-child-loader.cjs'), CODE_CACHE_CHECK_ARG], {
        encoding: 'utf8',
      });
    // The flags the pool starts children with by default: the cache is taken.
    expect(check(outdir, childV8Flags(DEFAULT_POOL_OPTIONS.maxHeapMb))).toBe('accepted');
    // Another heap ceiling: V8 refuses it, and the child compiles as it would without one.
    expect(check(outdir, childV8Flags(DEFAULT_POOL_OPTIONS.maxHeapMb * 2))).toBe('rejected');
    // A bundle changed since the build, even to the same length (all V8 compares), runs
    // without the old bundle's code.
    const copy = join(work, 'changed-build');
    mkdirSync(copy);
    for (const file of ['render-child-loader.cjs', 'render-child.code-cache']) {
      copyFileSync(join(outdir, file), join(copy, file));
    }
    const bundle = readFileSync(join(outdir, 'render-child.cjs'), 'utf8');
    const changed = bundle.replace('the image was not fetched', 'the image was NOT fetched');
    expect(changed.length).toBe(bundle.length);
    expect(changed).not.toBe(bundle);
    writeFileSync(join(copy, 'render-child.cjs'), changed);
    expect(check(copy, childV8Flags(DEFAULT_POOL_OPTIONS.maxHeapMb))).toBe('missing');
  });

  it('starts without Skia, libvips or resvg in the server process; the first font request loads them', async () => {
    // The native libraries a process has loaded are the files mapped into its memory.
    const nativeLibraries = () =>
      [...readFileSync(`/proc/${child?.pid}/maps`, 'utf8').matchAll(/(skia|libvips|resvg)[^/\s]*$/gm)].map((m) => m[1]);
    // Not by the start, nor by an uncached render: the children draw and encode.
    const rendered = await fetch(`${url}/api/render?templateId=missing`);
    expect(rendered.status).toBe(404);
    expect(nativeLibraries()).toEqual([]);

    const fonts = await fetch(`${url}/api/fonts`);
    expect(fonts.status).toBe(200);
    expect(new Set(nativeLibraries())).toContain('skia');
  });

  it('renders a public template through its render children, pixel for pixel like the engine', async () => {
    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'compiled@example.com', password: 'correct horse battery' }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const created = await fetch(`${url}/api/templates`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'card', jsonData: cardTemplate(), isPublic: true }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };

    const response = await fetch(`${url}/api/render?templateId=${id}&title=Compiled%20%C3%A9t%C3%A9`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const served = await pixels(Buffer.from(await response.arrayBuffer()));

    registerFonts();
    const doc = loadTemplate(cardTemplate());
    const local = await renderTemplate(doc, { layers: { title: { text: 'Compiled été' } } }, { format: 'png' });
    const expected = await pixels(local.data);
    expect(served.info.width).toBe(400);
    expect(served.info.height).toBe(210);
    expect(served.data.equals(expected.data)).toBe(true);
  }, 60_000);

  it('reads and draws an uploaded WOFF2 font (its decompressor is loaded on first use)', async () => {
    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'woff2@example.com', password: 'correct horse battery' }),
    });
    expect(signup.status).toBe(201);
    const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const headers = { cookie, 'x-csrf-token': csrfToken };
    const woff2 = readFileSync(require.resolve('@fontsource/pacifico/files/pacifico-latin-400-normal.woff2'));
    const uploaded = await fetch(`${url}/api/fonts?family=Brand`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'font/woff2' },
      body: woff2,
    });
    expect(uploaded.status).toBe(201);
    expect(((await uploaded.json()) as { font: { format: string } }).font.format).toBe('woff2');

    const card = (family: string) => ({
      version: 3,
      canvas: { width: 400, height: 120, background: '#ffffff' },
      layers: [
        { name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 100, text: 'Hello Brand', fontFamily: family },
      ],
    });
    const draw = async (family: string) => {
      const created = await fetch(`${url}/api/templates`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ name: family, jsonData: card(family) }),
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const generated = await fetch(`${url}/api/generate`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ templateId: id }),
      });
      expect(generated.status).toBe(200);
      const body = (await generated.json()) as { imageUrl: string; diagnostics: { layers: Record<string, object> } };
      const image = Buffer.from(await (await fetch(body.imageUrl, { headers: { cookie } })).arrayBuffer());
      return { diagnostics: body.diagnostics, pixels: (await pixels(image)).data };
    };
    const brand = await draw('Brand');
    expect(brand.diagnostics.layers['title']).not.toHaveProperty('fontFallback');
    const inter = await draw('Inter');
    expect(brand.pixels.equals(inter.pixels)).toBe(false);
  }, 60_000);

  it('serves the API reference with Swagger UI files from its package', async () => {
    const docs = await fetch(`${url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
    const bundle = await fetch(`${url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    const spec = (await (await fetch(`${url}/api/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/api/generate');
  });
});
