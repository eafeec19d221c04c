// @layercast/client as a user gets it: `pnpm pack` in client/, the tarball unpacked into a
// fresh project's node_modules (zod beside it, as npm would put it), then a TypeScript
// consumer compiled against the emitted .d.ts with types from `layercast types`, and a
// plain ESM script run by Node against a real server.
import { execFile } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../../server/test/support/cli';
import { type TestServer, startTestServer } from '../../server/test/support/server';

const run = promisify(execFile);

const card = {
  name: 'Card',
  jsonData: {
    version: 2,
    canvas: { width: 400, height: 200, background: '#ffffff' },
    layers: [
      { name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 80, text: 'Hello', fontSize: 40 },
      { name: 'badge', type: 'ellipse', x: 20, y: 120, width: 50, height: 50, fill: '#ff0000' },
    ],
    variables: [{ name: 'author', default: 'Jane' }],
  },
};

const consumerTs = `import { createClient, renderUrl, type GenerateResponse } from '@layercast/client';
import type Card from './card.js';

const client = createClient({ baseUrl: 'https://img.example.com', apiKey: 'lc_live_x' });
export const ok: Promise<GenerateResponse> = client.generate<Card>({ templateId: 't', layers: { title: { text: 'x' } } });
export const url: string = renderUrl<Card>({ baseUrl: 'https://x', templateId: 't', layers: { badge: { fill: '#000' } } });
export const misspelt = client.generate<Card>({ templateId: 't', layers: { titel: { text: 'x' } } });
export const wrongType = client.generate<Card>({ templateId: 't', layers: { title: { fontSize: '40' } } });
`;

const consumerMjs = `import { LayercastApiError, createClient } from '@layercast/client';
const client = createClient({ baseUrl: process.env.URL, apiKey: process.env.KEY });
const template = await client.templates.create(JSON.parse(process.env.CARD));
const made = await client.generate({ templateId: template.id, layers: { title: { text: 'From the package' } } });
const image = await fetch(made.imageUrl);
const bad = await client.generate({ templateId: template.id, layers: { titel: { text: 'x' } } }).catch((e) => e);
console.log(JSON.stringify({
  version: template.version,
  width: made.width,
  imageType: image.headers.get('content-type'),
  renderUrl: client.renderUrl({ templateId: template.id, layers: { title: { text: 'Hi' } } }),
  badIsApiError: bad instanceof LayercastApiError,
  badStatus: bad.status,
}));
`;

let work: string;
let server: TestServer;
beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'layercast-client-package-'));
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('@layercast/client package', () => {
  it('packs to a tarball that installs, compiles a typed consumer and runs against the server', async () => {
    // `prepack` builds dist/ with tsc.
    await run('pnpm', ['pack', '--pack-destination', work], { cwd: join(ROOT, 'client'), timeout: 120_000 });
    const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
    expect(tarball).toBe('layercast-client-0.1.0.tgz');

    const project = join(work, 'project');
    const unpacked = join(work, 'unpacked');
    mkdirSync(unpacked);
    await run('tar', ['-xzf', join(work, tarball!), '-C', unpacked]);
    const installed = join(project, 'node_modules', '@layercast', 'client');
    mkdirSync(join(project, 'node_modules', '@layercast'), { recursive: true });
    await run('mv', [join(unpacked, 'package'), installed]);

    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies).toEqual({ zod: expect.any(String) });
    const files = (await run('find', ['.', '-type', 'f'], { cwd: installed })).stdout.split('\n').filter(Boolean);
    expect(files).toEqual(
      expect.arrayContaining(['./README.md', './dist/client/index.js', './dist/client/index.d.ts']),
    );
    // Plain JS and declarations only: no sources, nothing of the engine or the server.
    expect(files.filter((f) => !/\.(js|d\.ts)$/.test(f)).sort()).toEqual(['./README.md', './package.json']);
    expect(files.some((f) => /engine|server|\.tsx?$(?<!\.d\.ts)/.test(f))).toBe(false);

    // The one dependency, where npm would install it.
    symlinkSync(realpathSync(join(ROOT, 'client', 'node_modules', 'zod')), join(project, 'node_modules', 'zod'));
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', type: 'module', private: true }));

    writeFileSync(join(project, 'card.json'), JSON.stringify(card));
    const types = await runCli(['types', join(project, 'card.json'), '-o', join(project, 'card.d.ts')]);
    expect(types.code, types.stderr).toBe(0);
    writeFileSync(join(project, 'consumer.ts'), consumerTs);
    const program = ts.createProgram([join(project, 'consumer.ts')], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: false,
    });
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0;
      return `${d.file?.fileName.split('/').pop()}:${line}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    // Exactly the two bad calls fail, each for its reason; the package's own .d.ts are clean.
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^consumer\.ts:7: .*'titel' does not exist in type 'Layers'/);
    expect(errors[1]).toMatch(/^consumer\.ts:8: .*Type 'string' is not assignable to type 'number'/);

    const { key } = await server.createKey(await server.signup());
    writeFileSync(join(project, 'consumer.mjs'), consumerMjs);
    const { stdout } = await run(process.execPath, ['consumer.mjs'], {
      cwd: project,
      env: { ...process.env, URL: server.url, KEY: key, CARD: JSON.stringify(card) },
      timeout: 60_000,
    });
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({
      version: 1,
      width: 400,
      imageType: 'image/png',
      badIsApiError: true,
      badStatus: 422,
    });
    expect(result.renderUrl).toMatch(/\/api\/render\?templateId=[0-9a-f-]+&layers=%7B%22title%22/);
  }, 180_000);
});
