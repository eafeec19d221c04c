// `layercast types <template file | template id> [-o card.d.ts]`: TypeScript declarations of
// what a render of the template accepts, from its render contract: the file's, built here
// with the function the server publishes it with, or the server's own for a template id.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type TemplateDocument, fallbackMessage, renderContractJsonSchema } from '@layercast/shared';
import { cliDefaults } from '../config';
import { UsageError, err, out, parse, withUsage } from './args';
import { contractToTypeScript } from './contract-types';
import { readTemplateFile } from './push';

const USAGE = `usage: layercast types <template file | template id> [-o card.d.ts] [--version <n>] [--url ..] [--key ..]
  Writes TypeScript declarations of what a render of the template accepts: \`Layers\` and
  \`Variables\` with the template's names as keys, each layer kind's override properties with
  their types, \`Variant\` (the names of its size variants, when it has some) and
  \`RenderRequest\`. A file is read locally; a template id asks the server
  (GET /api/templates/:id/contract, at --version n or the current one).
  Without -o the declarations go to standard output.
  --url defaults to LAYERCAST_URL, --key to LAYERCAST_API_KEY.`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The server's contract. The typed client has no call for it yet, so this asks with the same
 * credentials; the answer is the JSON Schema the server validates renders with.
 */
async function fetchContract(url: string, key: string, id: string, version: number | undefined) {
  const base = url.endsWith('/') ? url : `${url}/`;
  const target = new URL(`api/templates/${encodeURIComponent(id)}/contract`, base);
  if (version !== undefined) target.searchParams.set('version', String(version));
  const response = await fetch(target, { headers: { accept: 'application/json', authorization: `Bearer ${key}` } });
  const text = await response.text();
  if (!response.ok) {
    let message = fallbackMessage(response.status);
    try {
      message = (JSON.parse(text) as { error: { message: string } }).error.message ?? message;
    } catch {
      // Not a Layercast error body: the status says enough.
    }
    return { ok: false as const, status: response.status, message };
  }
  const contract = JSON.parse(text) as Record<string, unknown>;
  const meta = contract['x-layercast'] as { version?: number } | undefined;
  const title = String(contract.title ?? '');
  return { ok: true as const, contract, version: meta?.version, name: /"(.*)"/.exec(title)?.[1] ?? id };
}

export async function runTypesCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        options: {
          output: { type: 'string', short: 'o' },
          version: { type: 'string' },
          url: { type: 'string' },
          key: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
    const [target, ...extra] = positionals;
    if (!target || extra.length) throw new UsageError('expected one template file or template id');
    if (values.version !== undefined && !/^[1-9]\d{0,8}$/.test(values.version)) {
      throw new UsageError(`--version: expected a version number from 1, got "${values.version}"`);
    }
    const version = values.version === undefined ? undefined : Number(values.version);

    let source: string;
    if (existsSync(target)) {
      if (version !== undefined) throw new UsageError('--version applies to a template id, not a file');
      const read = readTemplateFile(target);
      if (!read.ok) throw new UsageError(read.errors.join('\n'));
      const { id, name, jsonData } = read.value;
      const contract = renderContractJsonSchema(jsonData as TemplateDocument, { id: id ?? '', version: 0, name });
      source = contractToTypeScript(contract, { name, from: target });
    } else if (UUID.test(target)) {
      const defaults = cliDefaults();
      const url = values.url ?? defaults.url;
      const key = values.key ?? defaults.apiKey;
      if (!url) throw new UsageError('--url (or LAYERCAST_URL) is required for a template id');
      if (!key) throw new UsageError('--key (or LAYERCAST_API_KEY) is required for a template id');
      const answer = await fetchContract(url, key, target, version);
      if (!answer.ok) {
        err(`template ${target}: ${answer.status} ${answer.message}`);
        return answer.status === 404 || answer.status === 422 ? 2 : 1;
      }
      source = contractToTypeScript(answer.contract, {
        name: answer.name,
        from: `template ${target}, version ${answer.version}`,
      });
    } else {
      throw new UsageError(`${target}: no such file, and not a template id`);
    }

    if (!values.output) {
      process.stdout.write(source);
      return 0;
    }
    await writeFile(values.output, source);
    out(`wrote ${values.output}`);
    return 0;
  });
}
