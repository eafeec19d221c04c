// `layercast push <file|dir>... --url .. --key ..`: validates every template file locally,
// then creates or updates each on the server and prints created / updated / unchanged.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import {
  LayercastApiError,
  type TemplateDocument,
  type TemplateResource,
  type TemplateSummary,
  type Layer,
  allLayers,
  createClient,
  formatIssues,
  parseTemplate,
} from '@layercast/shared';
import { z } from 'zod';
import { cliDefaults } from '../config';
import { parseArgs } from 'node:util';
import { UsageError, err, out, parse, withUsage } from './args';

const USAGE = `usage: layercast push <file|dir>... [--url <server>] [--key <api key>] [--dry-run]
  Each .json file is a template document, or { "id"?, "name"?, "description"?, "isPublic"?,
  "previewUrl"?, "jsonData" }. A file matches the template with its "id", else the one with
  its name (the file name without .json when it has none); no match creates one.
  --dry-run prints, per file, unchanged / would update (what changes, layer by layer) /
  would create, and changes nothing (a render-only or read-only key is enough).
  --url defaults to LAYERCAST_URL, --key to LAYERCAST_API_KEY.`;

const WrapperSchema = z.strictObject({
  id: z.uuid({ error: 'expected a template id (UUID)' }).optional(),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(2000).optional(),
  isPublic: z.boolean().optional(),
  previewUrl: z.url().max(2048).nullable().optional(),
  jsonData: z.unknown(),
});

export interface LocalTemplate {
  file: string;
  id?: string;
  name: string;
  fields: { description?: string; isPublic?: boolean; previewUrl?: string | null };
  jsonData: unknown;
}

function collectFiles(target: string): string[] {
  const stat = statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new UsageError(`${target}: no such file or directory`);
  if (stat.isFile()) return [target];
  return readdirSync(target, { withFileTypes: true })
    .filter((e) => !e.name.startsWith('.') && e.name !== 'node_modules')
    .flatMap((e) =>
      e.isDirectory() ? collectFiles(join(target, e.name)) : extname(e.name) === '.json' ? [join(target, e.name)] : [],
    )
    .sort();
}

/** Reads and validates one file; the errors name the file and the JSON path. */
export function readTemplateFile(file: string): { ok: true; value: LocalTemplate } | { ok: false; errors: string[] } {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return {
      ok: false,
      errors: [`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`],
    };
  }
  const wrapped = typeof raw === 'object' && raw !== null && 'jsonData' in raw;
  const fallbackName = basename(file, '.json');
  if (wrapped) {
    const envelope = WrapperSchema.safeParse(raw);
    if (!envelope.success) {
      return {
        ok: false,
        errors: envelope.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`),
      };
    }
    const doc = parseTemplate(envelope.data.jsonData, 'jsonData');
    if (!doc.ok)
      return {
        ok: false,
        errors: formatIssues(doc.errors)
          .split('\n')
          .map((l) => `${file}: ${l}`),
      };
    const { id, name, jsonData: _raw, ...fields } = envelope.data;
    return { ok: true, value: { file, id, name: name ?? fallbackName, fields, jsonData: doc.value } };
  }
  const doc = parseTemplate(raw);
  if (!doc.ok)
    return {
      ok: false,
      errors: formatIssues(doc.errors)
        .split('\n')
        .map((l) => `${file}: ${l}`),
    };
  return { ok: true, value: { file, name: fallbackName, fields: {}, jsonData: doc.value } };
}

function match(local: LocalTemplate, remote: TemplateSummary[]): TemplateSummary | undefined | 'ambiguous' {
  if (local.id) return remote.find((t) => t.id === local.id);
  const named = remote.filter((t) => t.name === local.name);
  return named.length > 1 ? 'ambiguous' : named[0];
}

export async function runPushCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        options: { url: { type: 'string' }, key: { type: 'string' }, 'dry-run': { type: 'boolean' } },
        allowPositionals: true,
      }),
    );
    const defaults = cliDefaults();
    const url = values.url ?? defaults.url;
    const key = values.key ?? defaults.apiKey;
    if (!positionals.length) throw new UsageError('name at least one template file or directory');
    if (!url) throw new UsageError('--url (or LAYERCAST_URL) is required');
    if (!key) throw new UsageError('--key (or LAYERCAST_API_KEY) is required');

    const files = positionals.flatMap(collectFiles);
    if (!files.length) throw new UsageError('no .json files found');
    const locals: LocalTemplate[] = [];
    const invalid: string[] = [];
    for (const file of files) {
      const result = readTemplateFile(file);
      if (result.ok) locals.push(result.value);
      else invalid.push(...result.errors);
    }
    // Nothing is pushed while any file is invalid: a CI run either lands whole or not at all.
    if (invalid.length) {
      for (const line of invalid) err(line);
      err(`${invalid.length} problem(s) found; nothing was pushed`);
      return 1;
    }

    const client = createClient({ baseUrl: url, apiKey: key, clientName: 'cli' });
    let failures = 0;
    let remote: TemplateSummary[];
    try {
      remote = await client.templates.list();
    } catch (error) {
      err(`cannot list templates at ${url}: ${describeError(error)}`);
      return 1;
    }
    for (const local of locals) {
      const found = match(local, remote);
      try {
        if (found === 'ambiguous') throw new Error(`several templates are named "${local.name}"; add "id" to the file`);
        if (!found && local.id) throw new Error(`no template with id ${local.id} in this account`);
        const body = { name: local.name, ...local.fields, jsonData: local.jsonData };
        if (values['dry-run']) {
          if (!found) {
            out(`would create ${local.file}`);
            continue;
          }
          const current = await client.templates.get(found.id);
          const changes = describeChanges(current, body);
          if (!changes.length) out(`unchanged    ${local.file} → ${found.id} (v${current.version})`);
          else {
            out(`would update ${local.file} → ${found.id} (v${current.version} → v${current.version + 1})`);
            for (const change of changes) out(`  ${change}`);
          }
          continue;
        }
        if (!found) {
          const created = await client.templates.create(body);
          out(`created    ${local.file} → ${created.id} (v${created.version})`);
        } else {
          const updated = await client.templates.update(found.id, body);
          out(`${updated.changed ? 'updated  ' : 'unchanged'}  ${local.file} → ${found.id} (v${updated.version})`);
        }
      } catch (error) {
        failures++;
        err(`failed     ${local.file}: ${describeError(error)}`);
      }
    }
    return failures ? 1 : 0;
  });
}

type Fields = {
  name: string;
  description?: string;
  isPublic?: boolean;
  previewUrl?: string | null;
  jsonData: unknown;
};

/** What pushing `next` would change in `current`: fields, then layers by name. */
export function describeChanges(
  current: Pick<TemplateResource, 'name' | 'description' | 'isPublic' | 'previewUrl' | 'jsonData'>,
  next: Fields,
): string[] {
  const changes: string[] = [];
  if (next.name !== current.name) changes.push(`name: ${JSON.stringify(current.name)} → ${JSON.stringify(next.name)}`);
  for (const field of ['description', 'isPublic', 'previewUrl'] as const) {
    if (next[field] !== undefined && !isDeepStrictEqual(next[field], current[field])) {
      changes.push(`${field}: ${JSON.stringify(current[field])} → ${JSON.stringify(next[field])}`);
    }
  }
  const before = current.jsonData;
  const after = next.jsonData as TemplateDocument;
  if (!isDeepStrictEqual(before.canvas, after.canvas)) changes.push('canvas changed');
  if (!isDeepStrictEqual(before.variables, after.variables)) changes.push('variables changed');
  // Every layer of the tree by name; a group's children are compared as layers of their
  // own, so a group is "changed" only by its own properties.
  const byName = (doc: TemplateDocument) =>
    new Map(
      allLayers(doc.layers).map((l) => {
        const { layers: _children, ...own } = l as Layer & { layers?: unknown };
        return [l.name, own as unknown as Record<string, unknown>];
      }),
    );
  const old = byName(before);
  const now = byName(after);
  for (const [name, layer] of now) {
    const was = old.get(name);
    if (!was) {
      changes.push(`layer ${name}: added (${String(layer.type)})`);
      continue;
    }
    const keys = [...new Set([...Object.keys(was), ...Object.keys(layer)])];
    const changed = keys.filter((k) => !isDeepStrictEqual(was[k], layer[k]));
    if (changed.length) changes.push(`layer ${name}: ${changed.join(', ')}`);
  }
  for (const name of old.keys()) if (!now.has(name)) changes.push(`layer ${name}: removed`);
  const order = (doc: TemplateDocument) =>
    allLayers(doc.layers)
      .map((l) => l.name)
      .filter((n) => old.has(n) && now.has(n));
  if (!isDeepStrictEqual(order(before), order(after))) changes.push('layer order changed');
  return changes;
}

export function describeError(error: unknown): string {
  if (error instanceof LayercastApiError) {
    const details = Array.isArray(error.details) ? `\n  ${formatIssues(error.details).split('\n').join('\n  ')}` : '';
    return `${error.status} ${error.code}: ${error.message}${details}`;
  }
  return error instanceof Error ? error.message : String(error);
}
