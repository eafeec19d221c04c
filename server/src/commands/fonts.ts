// `layercast fonts push <file|dir>... [--family NAME] [--url ..] [--key ..]`: uploads font
// files (TTF, OTF, WOFF, WOFF2) to the account, for CI that keeps its brand fonts in git. Each
// file is read locally first; a face the account already has with the same bytes is left alone.
// `layercast fonts list` prints the account's faces.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FontDescription } from '@layercast/engine/node';
import { LayercastApiError, createClient } from '@layercast/shared';
import { cliDefaults } from '../config';
import { UsageError, err, out, parse, withUsage } from './args';

const USAGE = `usage: layercast fonts push <file|dir>... [--family <name>] [--url <server>] [--key <api key>]
       layercast fonts list [--url <server>] [--key <api key>]
  push uploads every .ttf, .otf, .woff and .woff2 file (directories are searched), each as
  the family named inside the file unless --family names one for all; a face of the same
  family, weight and style is replaced, and one with the same bytes is left unchanged.
  --url defaults to LAYERCAST_URL, --key to LAYERCAST_API_KEY.`;

const FONT_EXTENSIONS = new Set(['.ttf', '.otf', '.woff', '.woff2']);

function collectFonts(target: string): string[] {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${target}: no such file or directory`);
  if (stat.isFile()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .flatMap((e) =>
      e.isDirectory()
        ? collectFonts(join(target, e.name))
        : FONT_EXTENSIONS.has(extname(e.name).toLowerCase())
          ? [join(target, e.name)]
          : [],
    )
    .sort();
}

function describeError(error: unknown): string {
  if (error instanceof LayercastApiError) return `${error.status} ${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

export function runFontsCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const [sub, ...rest] = args;
    if (sub !== 'push' && sub !== 'list') throw new UsageError('expected "push" or "list"');
    const { values, positionals } = parse(() =>
      parseArgs({
        args: rest,
        allowPositionals: true,
        strict: true,
        options: { url: { type: 'string' }, key: { type: 'string' }, family: { type: 'string' } },
      }),
    );
    const defaults = cliDefaults();
    const url = values.url ?? defaults.url;
    const key = values.key ?? defaults.apiKey;
    if (!url) throw new UsageError('--url (or LAYERCAST_URL) is required');
    if (!key) throw new UsageError('--key (or LAYERCAST_API_KEY) is required');
    const client = createClient({ baseUrl: url, apiKey: key, clientName: 'cli' });

    let existing: Awaited<ReturnType<typeof client.customFonts.list>>;
    try {
      existing = await client.customFonts.list();
    } catch (error) {
      err(`cannot list fonts at ${url}: ${describeError(error)}`);
      return 1;
    }
    if (sub === 'list') {
      if (positionals.length) throw new UsageError('list takes no files');
      for (const f of existing) out(`${f.family}  ${f.weight} ${f.style}  ${f.format}  ${f.bytes} bytes  ${f.id}`);
      return 0;
    }

    if (!positionals.length) throw new UsageError('expected at least one font file or directory');
    const files = positionals.flatMap(collectFonts);
    if (!files.length) throw new UsageError('no .ttf, .otf, .woff or .woff2 files found');
    // The engine reads the files; `list` and a usage error exit without loading it.
    const { FONT_MIME_TYPES, FontFileError, describeFont } = await import('@layercast/engine/node');
    let failures = 0;
    for (const file of files) {
      try {
        const bytes = readFileSync(file);
        let face: FontDescription;
        try {
          face = describeFont(bytes);
        } catch (error) {
          if (error instanceof FontFileError) throw new Error(error.message);
          throw error;
        }
        const family = values.family ?? face.family;
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const same = existing.find(
          (f) =>
            f.family.toLowerCase() === family.toLowerCase() &&
            f.weight === face.weight &&
            f.style === face.style &&
            f.sha256 === sha256,
        );
        if (same) {
          out(`unchanged  ${file} → ${family} ${face.weight} ${face.style}`);
          continue;
        }
        const uploaded = await client.customFonts.upload(bytes, {
          family,
          contentType: FONT_MIME_TYPES[face.format],
        });
        const { font } = uploaded;
        out(`${uploaded.replaced ? 'replaced ' : 'uploaded '}  ${file} → ${font.family} ${font.weight} ${font.style}`);
      } catch (error) {
        failures++;
        err(`failed     ${file}: ${describeError(error)}`);
      }
    }
    return failures ? 1 : 0;
  });
}
