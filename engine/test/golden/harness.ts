// Golden-image harness: render a case with the node backend and compare it with the PNG
// checked in under __goldens__/. A small tolerance absorbs Skia's CPU-specific rounding,
// not real changes: a text line moved by a pixel or a shape of another colour fails.
//
// Goldens are written only with UPDATE_GOLDENS=1 (`pnpm golden:update`); a missing golden
// is a failure. On a mismatch the actual image, the golden and a diff are written to
// .failures/ (gitignored) so a person can look at them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type TemplateDocument,
  type TemplateDocumentInput,
  formatIssues,
  parseOverrides,
  parseTemplate,
  parseVariables,
  resolveVariant,
} from '@layercast/shared';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { type RenderOptions, type RenderResult, renderTemplate } from '../../src/node/index';

const here = dirname(fileURLToPath(import.meta.url));
export const GOLDENS_DIR = join(here, '__goldens__');
export const FAILURES_DIR = join(here, '.failures');
const ASSETS_DIR = join(here, '../fixtures/assets');

/**
 * pixelmatch's per-pixel threshold (0..1, perceptual YIQ distance; 0.1 is its default and
 * ignores ±few-unit channel noise) and the share of pixels allowed to exceed it.
 */
export const TOLERANCE = { threshold: 0.1, maxDiffRatio: 0.0005 } as const;

export const updating = process.env.UPDATE_GOLDENS === '1';

export interface GoldenCase {
  /** File name in __goldens__/ without `.png`: kebab-case, unique. */
  name: string;
  /** What a person should see in the golden; checked by eye before committing it. */
  description: string;
  doc: TemplateDocumentInput | unknown;
  /** A size variant of `doc` to render instead of its base design. */
  variant?: string;
  layers?: unknown;
  variables?: unknown;
  options?: Omit<RenderOptions, 'format'>;
  /** Assertions on the render beyond its pixels (diagnostics, size). */
  check?: (result: RenderResult) => void;
}

const dataUrls = new Map<string, string>();

/** A fixture PNG from engine/test/fixtures/assets as a data: URL (the default loader's only input). */
export function asset(name: string): string {
  let url = dataUrls.get(name);
  if (!url) {
    url = `data:image/png;base64,${readFileSync(join(ASSETS_DIR, `${name}.png`)).toString('base64')}`;
    dataUrls.set(name, url);
  }
  return url;
}

/** The RGB of one pixel of a PNG render, for a case's `check`. */
export function rgbAt(png: Buffer, x: number, y: number): number[] {
  const image = PNG.sync.read(png);
  const i = (y * image.width + x) * 4;
  return [image.data[i] ?? 0, image.data[i + 1] ?? 0, image.data[i + 2] ?? 0];
}

/** Parses like the server does: a case with an invalid template or overrides is a test bug. */
function prepare(c: GoldenCase): { doc: TemplateDocument; input: Parameters<typeof renderTemplate>[1] } {
  const template = parseTemplate(c.doc);
  if (!template.ok) throw new Error(`case ${c.name}: invalid template\n${formatIssues(template.errors)}`);
  const parsed = resolveVariant(template.value, c.variant);
  if (!parsed.ok) throw new Error(`case ${c.name}: invalid variant\n${formatIssues(parsed.errors)}`);
  const layers = parseOverrides(parsed.value, c.layers);
  if (!layers.ok) throw new Error(`case ${c.name}: invalid overrides\n${formatIssues(layers.errors)}`);
  const variables = parseVariables(parsed.value, c.variables);
  if (!variables.ok) throw new Error(`case ${c.name}: invalid variables\n${formatIssues(variables.errors)}`);
  return { doc: parsed.value, input: { layers: layers.value, variables: variables.value } };
}

export async function renderCase(c: GoldenCase): Promise<RenderResult> {
  const { doc, input } = prepare(c);
  return renderTemplate(doc, input, { ...c.options, format: 'png' });
}

export interface Comparison {
  /** Pixels over the threshold, of `pixels` compared. */
  diffPixels: number;
  pixels: number;
  /** Null when sizes differ. */
  diff: PNG | null;
  sizeMismatch?: string;
}

/** Compares two PNG files' pixels; the diff image marks differing pixels in red over a faded copy. */
export function comparePngs(actualPng: Buffer, expectedPng: Buffer): Comparison {
  const actual = PNG.sync.read(actualPng);
  const expected = PNG.sync.read(expectedPng);
  if (actual.width !== expected.width || actual.height !== expected.height) {
    return {
      diffPixels: actual.width * actual.height,
      pixels: actual.width * actual.height,
      diff: null,
      sizeMismatch: `size ${actual.width}×${actual.height}, golden is ${expected.width}×${expected.height}`,
    };
  }
  const { width, height } = actual;
  const diff = new PNG({ width, height });
  const diffPixels = pixelmatch(actual.data, expected.data, diff.data, width, height, {
    threshold: TOLERANCE.threshold,
    includeAA: true,
  });
  return { diffPixels, pixels: width * height, diff };
}

export type GoldenOutcome =
  | { status: 'written' }
  | { status: 'match'; diffPixels: number }
  | { status: 'fail'; message: string };

export interface CheckOptions {
  update?: boolean;
  goldensDir?: string;
  failuresDir?: string;
}

/** Compares a rendered PNG with the golden of that name (or writes it when updating). */
export function checkGolden(name: string, png: Buffer, options: CheckOptions = {}): GoldenOutcome {
  const { update = updating, goldensDir = GOLDENS_DIR, failuresDir = FAILURES_DIR } = options;
  const goldenPath = join(goldensDir, `${name}.png`);
  if (update) {
    mkdirSync(goldensDir, { recursive: true });
    writeFileSync(goldenPath, png);
    return { status: 'written' };
  }
  if (!existsSync(goldenPath)) {
    writeFailure(failuresDir, name, png);
    return {
      status: 'fail',
      message: `no golden image for "${name}": the render is in ${join(failuresDir, `${name}.actual.png`)}; look at it, then run pnpm golden:update`,
    };
  }
  const expected = readFileSync(goldenPath);
  const result = comparePngs(png, expected);
  const allowed = Math.floor(TOLERANCE.maxDiffRatio * result.pixels);
  if (!result.sizeMismatch && result.diffPixels <= allowed) return { status: 'match', diffPixels: result.diffPixels };
  writeFailure(failuresDir, name, png, expected, result.diff);
  const percent = ((100 * result.diffPixels) / result.pixels).toFixed(3);
  const what = result.sizeMismatch ?? `${result.diffPixels} pixels differ (${percent}%; at most ${allowed} allowed)`;
  return {
    status: 'fail',
    message: `"${name}" does not match its golden: ${what}. See ${failuresDir}/${name}.{actual,expected,diff}.png`,
  };
}

function writeFailure(dir: string, name: string, actual: Buffer, expected?: Buffer, diff?: PNG | null) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.actual.png`), actual);
  if (expected) writeFileSync(join(dir, `${name}.expected.png`), expected);
  if (diff) writeFileSync(join(dir, `${name}.diff.png`), PNG.sync.write(diff));
}

/** Renders a case and checks it against its golden; throws with a readable message on failure. */
export async function expectGolden(c: GoldenCase): Promise<RenderResult> {
  const result = await renderCase(c);
  const outcome = checkGolden(c.name, result.data);
  if (outcome.status === 'fail') throw new Error(outcome.message);
  c.check?.(result);
  return result;
}
