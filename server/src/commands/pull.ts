// `layercast pull --out <dir> --url .. --key ..`: writes every template of the account as a
// file `layercast push` reads, so a team can start in the editor and move to git. A file that
// exists and says something else is left alone unless --force.
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { type TemplateResource, type TemplateSummary, createClient } from '@layercast/shared';
import { cliDefaults } from '../config';
import { UsageError, err, out, parse, withUsage } from './args';
import { describeError } from './push';

const USAGE = `usage: layercast pull --out <dir> [--url <server>] [--key <api key>] [--force]
  Writes each template of the account to <dir>/<name as a slug>.json as
  { "id", "name", "description", "isPublic", "previewUrl", "jsonData" }, the format
  \`layercast push\` reads. A file that already holds a template keeps its name; a file whose
  content differs is not overwritten unless --force.
  --url defaults to LAYERCAST_URL, --key to LAYERCAST_API_KEY.`;

/** What a pulled file holds: the push format, fields in a fixed order. */
export function templateFile(t: TemplateResource) {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    isPublic: t.isPublic,
    previewUrl: t.previewUrl,
    jsonData: t.jsonData,
  };
}

/** `Summer Sale — 2024!` → `summer-sale-2024`; never empty. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'template';
}

/** The `id` inside each .json file already in `dir`, so a renamed template keeps its file. */
function existingFiles(dir: string): Map<string, string> {
  const byId = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
    const parsed = readJson(join(dir, entry.name));
    const id =
      parsed.ok && typeof parsed.value === 'object' && parsed.value ? (parsed.value as { id?: unknown }).id : null;
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, entry.name);
  }
  return byId;
}

function readJson(file: string): { ok: true; value: unknown; text: string } | { ok: false } {
  try {
    const text = readFileSync(file, 'utf8');
    return { ok: true, value: JSON.parse(text), text };
  } catch {
    return { ok: false };
  }
}

/**
 * A file name per template: the one already holding its id, else the slug of its name, with
 * `-2`, `-3`… when taken. Templates are taken oldest first, so the names do not move between
 * pulls.
 */
export function planFileNames(templates: TemplateSummary[], existing: Map<string, string>): Map<string, string> {
  const ordered = [...templates].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const t of ordered) {
    const kept = existing.get(t.id);
    if (kept) {
      names.set(t.id, kept);
      taken.add(kept.toLowerCase());
    }
  }
  // Files that hold other ids (or none) are not ours to reuse.
  for (const file of existing.values()) taken.add(file.toLowerCase());
  for (const t of ordered) {
    if (names.has(t.id)) continue;
    const slug = slugify(t.name);
    let file = `${slug}.json`;
    for (let n = 2; taken.has(file.toLowerCase()); n++) file = `${slug}-${n}.json`;
    names.set(t.id, file);
    taken.add(file.toLowerCase());
  }
  return names;
}

export async function runPullCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        options: {
          out: { type: 'string', short: 'o' },
          url: { type: 'string' },
          key: { type: 'string' },
          force: { type: 'boolean' },
        },
        allowPositionals: true,
      }),
    );
    const defaults = cliDefaults();
    const url = values.url ?? defaults.url;
    const key = values.key ?? defaults.apiKey;
    if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"; use --out <dir>`);
    if (!values.out) throw new UsageError('--out <dir> is required');
    if (!url) throw new UsageError('--url (or LAYERCAST_URL) is required');
    if (!key) throw new UsageError('--key (or LAYERCAST_API_KEY) is required');
    const dir = values.out;
    mkdirSync(dir, { recursive: true });

    const client = createClient({ baseUrl: url, apiKey: key });
    let templates: TemplateResource[];
    let summaries: TemplateSummary[];
    try {
      summaries = await client.templates.list();
      templates = await Promise.all(summaries.map((s) => client.templates.get(s.id)));
    } catch (error) {
      err(`cannot read templates at ${url}: ${describeError(error)}`);
      return 1;
    }
    const existing = existingFiles(dir);
    const fileNames = planFileNames(summaries, existing);

    // Everything is decided before anything is written: a refused file leaves the folder as it was.
    const plan = templates
      .map((t) => {
        const file = join(dir, fileNames.get(t.id) ?? `${t.id}.json`);
        const content = templateFile(t);
        const text = `${JSON.stringify(content, null, 2)}\n`;
        const current = readJson(file);
        // A file that is not JSON (or not readable) counts as differing, never as absent.
        const state = !existsSync(file)
          ? 'new'
          : current.ok && (current.text === text || isDeepStrictEqual(current.value, content))
            ? 'unchanged'
            : 'differs';
        return { t, file, text, state };
      })
      .sort((a, b) => a.file.localeCompare(b.file));
    const refused = plan.filter((p) => p.state === 'differs');
    if (refused.length && !values.force) {
      for (const p of refused) err(`differs    ${p.file} (${p.t.name}, v${p.t.version})`);
      err(`${refused.length} file(s) differ from the server; nothing was written (use --force to overwrite)`);
      return 1;
    }
    for (const p of plan) {
      if (p.state !== 'unchanged') writeFileSync(p.file, p.text);
      const label = p.state === 'unchanged' ? 'unchanged' : p.state === 'new' ? 'wrote    ' : 'overwrote';
      out(`${label}  ${p.file} ← ${p.t.name} (${p.t.id}, v${p.t.version})`);
    }
    if (!plan.length) out('no templates in this account');
    // Left in place: deleting a file is the team's decision, in a commit.
    const onServer = new Set(summaries.map((s) => s.id));
    for (const [id, name] of existing) if (!onServer.has(id)) out(`not on the server  ${join(dir, name)} (${id})`);
    return 0;
  });
}
