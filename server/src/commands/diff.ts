// `layercast diff <file.json> [--against <id> | --version <n>] [-o diff.png]`: what a push of
// the file would change, layer by layer and in pixels. Both sides render here, with the same
// engine and fonts, so every differing pixel comes from the documents, not from two machines.
// Exit code: 0 within --threshold, 1 beyond it (or a failure), 2 bad arguments or input.
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type LayercastClient,
  type TemplateDocument,
  TemplateVersionSchema,
  createClient,
  fallbackMessage,
  formatIssues,
  isApiError,
  allLayers,
  parseOverrides,
  parseTemplate,
  parseVariables,
} from '@layercast/shared';
import type { ImageLoader, NodeCustomFontFace } from '@layercast/engine/node';
import { cliDefaults } from '../config';
import { UsageError, err, out, parse, withUsage } from './args';
import { describeChanges, describeError, readTemplateFile } from './push';

const USAGE = `usage: layercast diff <file.json> [options]
  Renders the file and the server's version of it on this machine and compares them.
  --against <id>       the template to compare with (default: the file's "id", else its name)
  --version <n>        that template's version n (default: the current one)
  --layers <json>      overrides for both renders, e.g. '{"title":{"text":"Hello"}}'
  --variables <json>   variable values for both renders
  -o, --output <file>  the diff image (default: <file name>.diff.png); the two renders go
                       beside it as <name>.actual.png (the file) and <name>.expected.png (the server)
  --threshold <0-1>    the fraction of pixels that may differ before the exit code is 1 (default 0)
  --font <file>        a font file to draw both sides with, [family=]<file>; repeatable
                       (the account's own fonts are drawn with too, unless --font names their family)
  --url defaults to LAYERCAST_URL, --key to LAYERCAST_API_KEY.
  Exit code: 0 within the threshold, 1 beyond it, 2 bad arguments.`;

interface Remote {
  id: string;
  name: string;
  version: number;
  fields: {
    name: string;
    description: string;
    isPublic: boolean;
    previewUrl: string | null;
    jsonData: TemplateDocument;
  };
}

function parseJson(text: string | undefined, what: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${what}: invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fraction(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const n = Number(raw);
  if (raw.trim() === '' || !(n >= 0 && n <= 1)) {
    throw new UsageError(`--threshold: expected a fraction of pixels from 0 to 1, got "${raw}"`);
  }
  return n;
}

function versionNumber(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw new UsageError(`--version: expected a version number from 1, got "${raw}"`);
  return Number(raw);
}

/**
 * GET /api/templates/:id/versions/:n. The typed client has no call for one version yet, so
 * this asks with the same credentials and checks the answer with the API's own schema.
 */
async function fetchVersion(url: string, key: string, id: string, version: number) {
  const base = url.endsWith('/') ? url : `${url}/`;
  const path = `api/templates/${encodeURIComponent(id)}/versions/${version}`;
  const response = await fetch(new URL(path, base), {
    headers: { accept: 'application/json', authorization: `Bearer ${key}` },
  });
  if (!response.ok) throw new Error(`${response.status}: ${fallbackMessage(response.status)}`);
  const parsed = TemplateVersionSchema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`the server's answer for version ${version} is not a template version`);
  return parsed.data;
}

/** The server side: the template named by --against, the file's id, or the file's name. */
async function findRemote(
  client: LayercastClient,
  target: { against?: string; id?: string; name: string; version?: number },
  credentials: { url: string; key: string },
): Promise<Remote> {
  let id = target.against ?? target.id;
  if (!id) {
    const named = (await client.templates.list()).filter((t) => t.name === target.name);
    if (named.length > 1) throw new UsageError(`several templates are named "${target.name}"; pass --against <id>`);
    id = named[0]?.id;
    if (!id) throw new UsageError(`no template named "${target.name}" on the server; pass --against <id>`);
  }
  // An id the account does not have is a bad argument; a server that cannot answer is a failure.
  const current = await client.templates.get(id).catch((error: unknown) => {
    const Problem = isApiError(error, 404) || isApiError(error, 422) ? UsageError : Error;
    throw new Problem(`template ${id}: ${describeError(error)}`);
  });
  if (target.version === undefined || target.version === current.version) {
    const { name, description, isPublic, previewUrl, jsonData } = current;
    return {
      id,
      name,
      version: current.version,
      fields: { name, description, isPublic, previewUrl, jsonData },
    };
  }
  const versions = (await client.templates.versions(id)).map((v) => v.version).sort((a, b) => a - b);
  if (!versions.includes(target.version)) {
    throw new UsageError(`template ${id} has no version ${target.version}; its versions are ${versions.join(', ')}`);
  }
  const old = await fetchVersion(credentials.url, credentials.key, id, target.version);
  const doc = parseTemplate(old.jsonData, 'jsonData');
  if (!doc.ok) throw new Error(`version ${target.version} is not a valid document:\n${formatIssues(doc.errors)}`);
  const { name, description, isPublic, previewUrl } = old;
  return {
    id,
    name,
    version: old.version,
    fields: { name, description, isPublic, previewUrl, jsonData: doc.value },
  };
}

/**
 * The account's own fonts, as the server draws the template with them (named families and the
 * missing-glyph fallback both). Without them both sides would fall back alike and hide a change.
 */
async function accountFonts(client: LayercastClient, url: string, key: string): Promise<NodeCustomFontFace[]> {
  let listed: Awaited<ReturnType<LayercastClient['customFonts']['list']>>;
  try {
    listed = await client.customFonts.list();
  } catch (error) {
    err(`note: the account's fonts could not be listed (${describeError(error)}); drawing without them`);
    return [];
  }
  const base = url.endsWith('/') ? url : `${url}/`;
  return Promise.all(
    listed.map(async (font) => {
      const response = await fetch(new URL(font.url.replace(/^\//, ''), base), {
        headers: { authorization: `Bearer ${key}` },
      });
      if (!response.ok) throw new Error(`font ${font.family} (${font.url}): ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      const { family, registeredAs, weight, style, metrics, coverage, sha256 } = font;
      return { family, registeredAs, weight, style, metrics, coverage, key: sha256, bytes };
    }),
  );
}

/** The parts of the overrides `doc` has: a layer or variable new in the file is left out of the other side. */
function overridesFor(doc: TemplateDocument, layers: unknown, variables: unknown) {
  const pick = (input: unknown, names: Set<string>) =>
    input && typeof input === 'object' && !Array.isArray(input)
      ? Object.fromEntries(Object.entries(input).filter(([k]) => names.has(k)))
      : input;
  return {
    layers: pick(layers, new Set(allLayers(doc.layers).map((l) => l.name))),
    variables: pick(variables, new Set(doc.variables.map((v) => v.name))),
  };
}

function renderInput(doc: TemplateDocument, layers: unknown, variables: unknown) {
  const l = parseOverrides(doc, layers, '--layers');
  const v = parseVariables(doc, variables, '--variables');
  if (!l.ok || !v.ok) throw new UsageError(formatIssues([...(l.ok ? [] : l.errors), ...(v.ok ? [] : v.errors)]));
  return { layers: l.value, variables: v.value };
}

/**
 * Relative image paths are read beside the file on both sides (the server's copy came from
 * it) by `load`; the account's uploads (`/api/assets/…`, as the editor stores them) from the server.
 */
function withServerUploads(load: ImageLoader, serverUrl: string): ImageLoader {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  const where = (src: string) => (src.startsWith('/api/assets/') ? new URL(src.slice(1), base).href : src);
  const probe = load.probe;
  return Object.assign((src: string) => load(where(src)), probe ? { probe: (src: string) => probe(where(src)) } : {});
}

const percent = (f: number) => `${(f * 100).toFixed(f > 0 && f < 0.0001 ? 4 : 2)}%`;

export async function runDiffCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        options: {
          against: { type: 'string' },
          version: { type: 'string' },
          layers: { type: 'string' },
          variables: { type: 'string' },
          output: { type: 'string', short: 'o' },
          threshold: { type: 'string' },
          font: { type: 'string', multiple: true },
          url: { type: 'string' },
          key: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
    const [file, ...extra] = positionals;
    if (!file || extra.length) throw new UsageError('expected one template file');
    const threshold = fraction(values.threshold);
    const version = versionNumber(values.version);
    const output = values.output ?? `${basename(file, extname(file))}.diff.png`;
    if (extname(output).toLowerCase() !== '.png') throw new UsageError('-o: the diff image is a PNG; name a .png file');
    const layers = parseJson(values.layers, '--layers');
    const variables = parseJson(values.variables, '--variables');
    const defaults = cliDefaults();
    const url = values.url ?? defaults.url;
    const key = values.key ?? defaults.apiKey;
    if (!url) throw new UsageError('--url (or LAYERCAST_URL) is required');
    if (!key) throw new UsageError('--key (or LAYERCAST_API_KEY) is required');

    const read = readTemplateFile(file);
    if (!read.ok) throw new UsageError(read.errors.join('\n'));
    const local = read.value;
    const localDoc = local.jsonData as TemplateDocument;
    const actualInput = renderInput(localDoc, layers, variables);
    // The engine (canvas, fonts) and the image comparison load only now: a usage error above
    // exits without waiting for them.
    const [
      { createImageLoader, registerFonts, renderTemplate },
      { fetchBytes, readFonts, summarizeDiagnostics },
      { compareImages },
    ] = await Promise.all([import('@layercast/engine/node'), import('./render'), import('./image-diff')]);
    const named = await readFonts(values.font ?? []);

    const client = createClient({ baseUrl: url, apiKey: key });
    const remote = await findRemote(
      client,
      { against: values.against, id: local.id, name: local.name, version },
      { url, key },
    );
    const remoteDoc = remote.fields.jsonData;
    const picked = overridesFor(remoteDoc, layers, variables);
    const expectedInput = renderInput(remoteDoc, picked.layers, picked.variables);

    // A family given with --font replaces the account's faces of that family.
    const given = new Set(named.map((f) => f.family.toLowerCase()));
    const fonts = [
      ...(await accountFonts(client, url, key)).filter((f) => !given.has(f.family.toLowerCase())),
      ...named,
    ];
    const { fontCacheDir } = cliDefaults();
    registerFonts(fontCacheDir ? { cacheDir: fontCacheDir } : {});
    const loadImage = withServerUploads(
      createImageLoader({ allowFiles: true, baseDir: dirname(resolve(file)), fetchBytes }),
      url,
    );
    const options = { format: 'png' as const, loadImage, fonts };
    const actual = await renderTemplate(localDoc, actualInput, options);
    const expected = await renderTemplate(remoteDoc, expectedInput, options);

    out(`${file} against ${remote.name} (${remote.id}, v${remote.version})`);
    const changes = describeChanges(remote.fields, {
      name: local.name,
      ...local.fields,
      jsonData: localDoc,
    });
    for (const change of changes) out(`  ${change}`);
    if (!changes.length) out('  no changes in the document');

    // A picture that did not load looks the same on both sides: said, so a pass is not a blind one.
    for (const [side, result] of [
      ['file', actual],
      ['server', expected],
    ] as const) {
      for (const line of summarizeDiagnostics(result.diagnostics)) {
        if (!line.startsWith('  text ')) err(`${side}:${line.replace(/^ +/, ' ')}`);
      }
    }
    const diff = compareImages(expected.data, actual.data);
    if (diff.sizeChange) {
      const [ew, eh] = diff.sizeChange.expected;
      const [aw, ah] = diff.sizeChange.actual;
      out(`size: ${ew}×${eh} → ${aw}×${ah}`);
    }
    const total = diff.width * diff.height;
    out(
      diff.differingPixels
        ? `pixels: ${diff.differingPixels} of ${total} differ (${percent(diff.fraction)}), mean channel difference ${diff.meanChannelDiff.toFixed(3)} of 255`
        : `pixels: none of ${total} differ`,
    );

    const stem = output.slice(0, -extname(output).length);
    const files = { diff: output, actual: `${stem}.actual.png`, expected: `${stem}.expected.png` };
    await Promise.all([
      writeFile(files.diff, diff.diffPng),
      writeFile(files.actual, actual.data),
      writeFile(files.expected, expected.data),
    ]);
    out(`wrote ${files.diff} (red: differing pixels), ${files.actual} (the file), ${files.expected} (the server)`);
    if (diff.fraction > threshold) {
      err(`${percent(diff.fraction)} of the pixels differ, more than the threshold ${percent(threshold)}`);
      return 1;
    }
    return 0;
  });
}
