import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { call } from '../support/client';
import { type TestServer, startTestServer } from '../support/server';

const card = {
  name: 'Card',
  jsonData: {
    version: 2,
    canvas: { width: 400, height: 200, background: '#ffffff' },
    layers: [
      { name: 'title', type: 'text', x: 10, y: 10, width: 380, height: 80, text: 'Hello', fontSize: 40 },
      { name: 'logo', type: 'image', x: 300, y: 120, width: 50, height: 50, src: 'https://example.com/logo.png' },
      { name: 'badge', type: 'ellipse', x: 20, y: 120, width: 50, height: 50, fill: '#ff0000' },
    ],
    variables: [{ name: 'author', default: 'Jane' }, { name: 'page.title' }],
  },
};

const usage = `import type { Layers, RenderRequest, TextOverride } from './card';
const title: TextOverride = { text: 'Hi', color: '#fff', fontSize: 40, fontWeight: 'bold', textAlign: 'center' };
export const request: RenderRequest = {
  templateId: 'any',
  layers: {
    title,
    logo: {
      image_url: 'https://example.com/a.png',
      objectFit: 'contain',
      borderRadius: [8, 0, 8, 0],
      crop: { x: 0.1, y: 0, width: 0.8, height: 1 },
      filters: { grayscale: 1, tint: { color: '#0d9488', amount: 0.5 } },
    },
    badge: { fill: '#000' },
  },
  variables: { author: 'Ann', 'page.title': 'Post' },
  format: 'webp',
};
export const names: (keyof Layers)[] = ['title', 'logo', 'badge'];
`;

const options: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  exactOptionalPropertyTypes: true,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  types: [],
  skipLibCheck: false,
};

/**
 * Files outside the temp directory (the compiler's lib.*.d.ts, the repository's sources) do
 * not change during the run: parsed once and shared by every program, as a language service
 * shares them. Each program still checks every file, the libs included.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();

/** Type-checks `usage` beside the generated declarations; the messages of the errors. */
function compile(dir: string, declarations: string, source: string): string[] {
  writeFileSync(join(dir, 'card.d.ts'), declarations);
  writeFileSync(join(dir, 'usage.ts'), source);
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, onError, fresh) => {
    if (fresh || fileName.startsWith(work)) return read(fileName, languageVersion, onError, fresh);
    if (!parsed.has(fileName)) parsed.set(fileName, read(fileName, languageVersion, onError));
    return parsed.get(fileName);
  };
  const program = ts.createProgram([join(dir, 'usage.ts')], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${d.file.fileName.split('/').pop()}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
}

let server: TestServer;
let work: string;
beforeAll(async () => {
  server = await startTestServer();
  work = mkdtempSync(join(tmpdir(), 'layercast-types-'));
  writeFileSync(join(work, 'card.json'), JSON.stringify(card));
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('layercast types', () => {
  it('writes declarations from a file that compile with a usage, and a misspelt layer name fails', async () => {
    const out = join(work, 'file.d.ts');
    const res = await runCli(['types', join(work, 'card.json'), '-o', out]);
    expect(res.code, res.stderr).toBe(0);
    const declarations = readFileSync(out, 'utf8');
    expect(declarations).toContain('export interface Layers {');
    expect(declarations).toContain('  title?: TextOverride;');
    expect(declarations).toContain('  logo?: ImageOverride;');
    expect(declarations).toContain('  badge?: ShapeOverride;');
    expect(declarations).toContain('  "page.title"?: string | number;');
    expect(declarations).toContain('  image_url?: string;');
    expect(declarations).toContain('  textAlign?: "left" | "center" | "right" | "start" | "end";');

    const dir = mkdtempSync(join(work, 'compile-'));
    expect(compile(dir, declarations, usage)).toEqual([]);

    const misspelt = compile(dir, declarations, usage.replace('    title,\n', '    titel: title,\n'));
    expect(misspelt.join('\n')).toMatch(/usage\.ts: .*'titel' does not exist in type 'Layers'/);
    const wrongKind = compile(dir, declarations, usage.replace("badge: { fill: '#000' }", "badge: { text: 'x' }"));
    expect(wrongKind.join('\n')).toMatch(/'text' does not exist in type 'ShapeOverride'/);
    const threeCorners = compile(dir, declarations, usage.replace('[8, 0, 8, 0]', '[8, 0, 8]'));
    expect(threeCorners.join('\n')).toMatch(/usage\.ts: .*'\[number, number, number\]' is not assignable/);
    const wrongType = compile(dir, declarations, usage.replace('fontSize: 40', "fontSize: '40'"));
    expect(wrongType.join('\n')).toMatch(/Type 'string' is not assignable to type 'number'/);
    const badVariable = compile(dir, declarations, usage.replace("author: 'Ann'", "autor: 'Ann'"));
    expect(badVariable.join('\n')).toMatch(/'autor' does not exist in type 'Variables'/);
  }, 120_000);

  it('asks the server for a template id (its contract, at --version n), and exits 2 for an unknown one', async () => {
    const { key } = await server.createKey(await server.signup());
    const created = await call(server.url, 'POST', '/api/templates', { as: { key }, body: card });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    const renamed = structuredClone(card.jsonData);
    renamed.layers[0]!.name = 'headline';
    expect(
      (await call(server.url, 'PUT', `/api/templates/${id}`, { as: { key }, body: { jsonData: renamed } })).status,
    ).toBe(200);

    const current = await runCli(['types', id, '--url', server.url, '--key', key]);
    expect(current.code, current.stderr).toBe(0);
    expect(current.stdout).toContain(`(template ${id}, version 2)`);
    expect(current.stdout).toContain('  headline?: TextOverride;');
    const dir = mkdtempSync(join(work, 'server-'));
    expect(compile(dir, current.stdout, usage).join('\n')).toMatch(/'title' does not exist in type 'Layers'/);

    const first = await runCli(['types', id, '--version', '1', '--url', server.url, '--key', key]);
    expect(first.code, first.stderr).toBe(0);
    expect(compile(dir, first.stdout, usage)).toEqual([]);

    const unknown = await runCli(['types', '00000000-0000-4000-8000-000000000000', '--url', server.url, '--key', key]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('404');
    const neither = await runCli(['types', join(work, 'missing.json')]);
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('no such file, and not a template id');
  }, 120_000);

  it('fits the typed client: shared/test/typed/typed-client.ts compiles against what it writes now', async () => {
    // The type test's own card.d.ts is a snapshot for `pnpm typecheck`; this compiles the same
    // calls against the generator's current output, so the two sides cannot drift apart.
    const fixture = fileURLToPath(new URL('../../../shared/test/typed/', import.meta.url));
    const res = await runCli(['types', join(fixture, 'card.json')]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('export default interface Template {');
    const sharedIndex = fileURLToPath(new URL('../../../shared/src/index', import.meta.url));
    const calls = readFileSync(join(fixture, 'typed-client.ts'), 'utf8').replace(
      "'../../src/index'",
      `'${sharedIndex}'`,
    );
    const dir = mkdtempSync(join(work, 'typed-'));
    // Each @ts-expect-error meets its error and the other calls compile: no error in the calls.
    expect(compile(dir, res.stdout, calls).filter((e) => e.startsWith('usage.ts'))).toEqual([]);
    const untyped = calls.replaceAll('<Card>', '');
    expect(compile(dir, res.stdout, untyped).filter((e) => e.includes("Unused '@ts-expect-error'")).length).toBe(9);
  }, 120_000);

  it('lets no variable through for a template that has none', async () => {
    const bare = { ...card, jsonData: { ...card.jsonData, variables: [] } };
    writeFileSync(join(work, 'bare.json'), JSON.stringify(bare));
    const res = await runCli(['types', join(work, 'bare.json')]);
    expect(res.code, res.stderr).toBe(0);
    const dir = mkdtempSync(join(work, 'bare-'));
    const noVariables = usage.replace("variables: { author: 'Ann', 'page.title': 'Post' },", '');
    expect(compile(dir, res.stdout, noVariables)).toEqual([]);
    expect(compile(dir, res.stdout, usage).join('\n')).toMatch(/Type 'string' is not assignable to type 'never'/);
  }, 120_000);
});

describe('layercast types with size variants', () => {
  it('declares the variant names, and a misspelt variant fails to compile', async () => {
    const withVariants = {
      ...card,
      jsonData: {
        ...card.jsonData,
        variants: [{ name: 'square', width: 400, height: 400, layers: { title: { y: 160 } } }],
      },
    };
    const file = join(work, 'variants.json');
    writeFileSync(file, JSON.stringify(withVariants));
    const res = await runCli(['types', file]);
    expect(res.code, res.stderr).toBe(0);
    // 400×400 is WhatsApp's size, so that platform name picks the square variant too.
    expect(res.stdout).toContain('export type Variant = "square" | "whatsapp";');
    expect(res.stdout).toContain('  variant?: Variant;');
    const dir = mkdtempSync(join(work, 'variants-'));
    const withVariant = usage.replace("format: 'webp',", "format: 'webp', variant: 'square',");
    expect(compile(dir, res.stdout, withVariant)).toEqual([]);
    const misspelt = compile(dir, res.stdout, withVariant.replace("variant: 'square'", "variant: 'sqaure'"));
    expect(misspelt.join('\n')).toMatch(/"sqaure"' is not assignable to type 'Variant'/);
  }, 120_000);
});
