// `layercast render <template.json> [--layers JSON] [--variables JSON] [--format F]
// [--quality Q] [--scale S] [-o out.png]`: a render on this machine, no server. Bad input
// prints `path: message` lines and exits 2; a render prints a short summary of what
// the engine had to do (font sizes, truncation, failed images, missing glyphs).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import process from 'node:process';
import { parseArgs } from 'node:util';
import {
  type TemplateDocument,
  type ValidationIssue,
  formatIssues,
  parseOverrides,
  parseTemplate,
  parseVariables,
  resolveVariant,
} from '@layercast/shared';
import type { Diagnostics } from '@layercast/engine';
import {
  FontFileError,
  ImageLoadError,
  type NodeCustomFontFace,
  OUTPUT_FORMATS,
  type OutputFormat,
  RenderOptionsError,
  type RenderResult,
  createImageLoader,
  describeFont,
  registerFonts,
  renderTemplate,
} from '@layercast/engine/node';
import { cliDefaults } from '../config';
import { registeredNameFor } from '../fonts/fonts.service';
// Thrown for input the user must fix; printed as is, exit code 2.
import { UsageError } from './args';

const USAGE = `usage: layercast render <template.json> [options]

  --layers <json>      overrides by layer name, e.g. '{"title":{"text":"Hello"}}'
  --variables <json>   variable values, e.g. '{"author":"Jane"}'
  --variant <name>     a size variant of the template, or a platform name (twitter,
                       instagram, …) that picks the variant of its size
  --format <format>    ${OUTPUT_FORMATS.join('|')} (default: from -o's extension, else png)
  --quality <1-100>    jpeg, webp and avif quality
  --scale <1-4>        output pixels per template pixel (default 1)
  -o, --output <file>  where to write (default: <template name>.<format>)
  --font <file>        a font file (TTF, OTF, WOFF, WOFF2) to draw with, under the family
                       named inside it, or [family=]<file> to name it; repeatable

The file is a template document or a template record with a "jsonData" field.
Image paths in it are read relative to the file; http(s) images are fetched.`;

const EXTENSIONS: Record<string, OutputFormat> = {
  '.png': 'png',
  '.jpg': 'jpeg',
  '.jpeg': 'jpeg',
  '.webp': 'webp',
  '.avif': 'avif',
  '.svg': 'svg',
  '.pdf': 'pdf',
};

function fail(issues: ValidationIssue[] | string): never {
  throw new UsageError(typeof issues === 'string' ? issues : formatIssues(issues));
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${what}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readTemplate(file: string): Promise<TemplateDocument> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    fail(`${file}: cannot read the file`);
  }
  const input = parseJson(text, file);
  // A template record from the API (`{ name, jsonData }`) or the document itself.
  const isRecord = typeof input === 'object' && input !== null && !Array.isArray(input) && 'jsonData' in input;
  const parsed = isRecord ? parseTemplate((input as { jsonData: unknown }).jsonData, 'jsonData') : parseTemplate(input);
  if (!parsed.ok) fail(parsed.errors);
  return parsed.value;
}

function numberOption(
  raw: string | undefined,
  name: string,
  check: (n: number) => boolean,
  expected: string,
): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !check(n)) fail(`--${name}: expected ${expected}, got "${raw}"`);
  return n;
}

/** The CLI runs on the user's own machine, so it fetches remote images plainly, with limits. */
export async function fetchBytes(url: string): Promise<Uint8Array> {
  const maxBytes = 32_000_000;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
  } catch {
    throw new ImageLoadError(`could not fetch ${url}`);
  }
  if (!response.ok) throw new ImageLoadError(`fetching ${url} answered ${response.status}`);
  const length = Number(response.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new ImageLoadError(`${url} is larger than 32 MB`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > maxBytes) throw new ImageLoadError(`${url} is larger than 32 MB`);
  return bytes;
}

/**
 * `--font [family=]<file>` values as faces: each file read and checked like an upload, under
 * the family inside it unless the option names one; the private names as the server makes them.
 */
export async function readFonts(options: readonly string[]): Promise<NodeCustomFontFace[]> {
  const read = await Promise.all(
    options.map(async (option) => {
      const named = /^([^=/\\]+)=(.+)$/.exec(option);
      const path = named?.[2] ?? option;
      let bytes: Buffer;
      try {
        bytes = await readFile(path);
      } catch {
        fail(`--font ${path}: cannot read the file`);
      }
      try {
        const face = describeFont(bytes);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        return { family: named?.[1]?.trim() || face.family, face, sha256, path: resolve(path) };
      } catch (error) {
        if (error instanceof FontFileError) fail(`--font ${path}: ${error.message}`);
        throw error;
      }
    }),
  );
  return read.map(({ family, face, sha256, path }) => ({
    family,
    registeredAs: registeredNameFor(
      family,
      read
        .filter((r) => r.family.toLowerCase() === family.toLowerCase())
        .map((r) => ({ sha256: r.sha256, weight: r.face.weight, style: r.face.style })),
    ),
    weight: face.weight,
    style: face.style,
    metrics: face.metrics,
    coverage: face.coverage,
    key: sha256,
    path,
  }));
}

/** One line per thing worth knowing; nothing for layers that rendered as designed. */
export function summarizeDiagnostics(diagnostics: Diagnostics): string[] {
  const lines: string[] = [];
  for (const [name, d] of Object.entries(diagnostics.layers)) {
    if (d.type === 'text') {
      const notes = [`${d.lines} line${d.lines === 1 ? '' : 's'} at ${Math.round(d.fontSize * 100) / 100}px`];
      if (d.truncated) notes.push('truncated');
      if (d.fontFallback) notes.push(`font ${d.fontFallback}`);
      lines.push(`  text ${name}: ${notes.join(', ')}`);
    } else if (!d.loaded) {
      lines.push(`  image ${name}: not loaded: ${d.error ?? 'unknown reason'}`);
    }
  }
  if (diagnostics.background && !diagnostics.background.loaded) {
    lines.push(`  background image: not loaded: ${diagnostics.background.error ?? 'unknown reason'}`);
  }
  if (diagnostics.missingGlyphs.length) {
    const chars = diagnostics.missingGlyphs.map(
      (c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`,
    );
    lines.push(`  missing glyphs (no shipped font has them): ${chars.join(', ')}`);
  }
  for (const warning of diagnostics.warnings ?? []) lines.push(`  ${warning}`);
  return lines;
}

function describe(result: RenderResult, format: OutputFormat, output: string): string {
  const kb = (result.data.length / 1024).toFixed(1);
  const t = result.timings;
  const ms = (t.loadMs + t.layoutMs + t.paintMs + t.encodeMs).toFixed(0);
  return `wrote ${output} (${result.width}×${result.height} ${format.toUpperCase()}, ${kb} KB) in ${ms} ms`;
}

async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandArgs>;
  try {
    parsed = parseCommandArgs(args);
  } catch (error) {
    fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length) fail(`expected one template file\n\n${USAGE}`);

  const extension = values.output ? extname(values.output).toLowerCase() : '';
  const fromExtension = EXTENSIONS[extension];
  if (extension && !fromExtension && !values.format) {
    fail(
      `-o: cannot tell the format from "${extension}"; use one of ${Object.keys(EXTENSIONS).join(', ')} or pass --format`,
    );
  }
  const format = (values.format ?? fromExtension ?? 'png') as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format))
    fail(`--format: expected one of ${OUTPUT_FORMATS.join(', ')}, got "${values.format}"`);
  const quality = numberOption(
    values.quality,
    'quality',
    (n) => Number.isInteger(n) && n >= 1 && n <= 100,
    'a whole number from 1 to 100',
  );
  const scale = numberOption(
    values.scale,
    'scale',
    (n) => Number.isFinite(n) && n >= 1 && n <= 4,
    'a number from 1 to 4',
  );

  const template = await readTemplate(file);
  const resolved = resolveVariant(template, values.variant, '--variant');
  if (!resolved.ok) fail(resolved.errors);
  const doc = resolved.value;
  const layers = parseOverrides(
    doc,
    values.layers === undefined ? undefined : parseJson(values.layers, '--layers'),
    'layers',
  );
  const variables = parseVariables(
    doc,
    values.variables === undefined ? undefined : parseJson(values.variables, '--variables'),
    'variables',
  );
  const issues = [...(layers.ok ? [] : layers.errors), ...(variables.ok ? [] : variables.errors)];
  if (issues.length || !layers.ok || !variables.ok) fail(issues);

  const fonts = await readFonts(values.font ?? []);
  const { fontCacheDir } = cliDefaults();
  registerFonts(fontCacheDir ? { cacheDir: fontCacheDir } : {});
  const loadImage = createImageLoader({ allowFiles: true, baseDir: dirname(resolve(file)), fetchBytes });
  const result = await renderTemplate(
    doc,
    { layers: layers.value, variables: variables.value },
    { format, quality, scale, loadImage, fonts },
  );
  const output = values.output ?? `${basename(file, extname(file))}.${format === 'jpeg' ? 'jpg' : format}`;
  await writeFile(output, result.data);
  process.stdout.write(
    `${[describe(result, format, output), ...summarizeDiagnostics(result.diagnostics)].join('\n')}\n`,
  );
  return 0;
}

function parseCommandArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      layers: { type: 'string' },
      variables: { type: 'string' },
      variant: { type: 'string' },
      format: { type: 'string' },
      quality: { type: 'string' },
      scale: { type: 'string' },
      output: { type: 'string', short: 'o' },
      font: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** Exit code: 0 rendered, 2 bad arguments or input (printed as `path: message` lines). */
export async function runRenderCommand(args: string[]): Promise<number> {
  try {
    return await run(args);
  } catch (error) {
    // An option the template makes impossible (a scale too large for its canvas) is the
    // user's to fix, like any other bad input.
    if (error instanceof UsageError || error instanceof RenderOptionsError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
