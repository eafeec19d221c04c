// `layercast bulk <template> rows.csv|rows.json --out dir/`: queues a bulk render on the
// server, shows its progress (a bar on a terminal, plain lines otherwise), then downloads the
// job's zip and writes its images and manifest.csv to the folder. Exit code: 0 when every
// row rendered, 1 when some failed, 2 for bad arguments or a request the server refused.
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import process from 'node:process';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { parseArgs } from 'node:util';
import {
  type Job,
  type JobItem,
  type LayercastClient,
  RequestFormatSchema,
  createClient,
  isApiError,
  isJobFinished,
} from '@layercast/shared';
import yauzl from 'yauzl';
import { cliDefaults } from '../config';
import { UsageError, err, out, parse, withUsage } from './args';
import {
  type RowsInput,
  isSafeEntryName,
  progressBar,
  progressLine,
  readRowsInput,
  withDefaultFormat,
} from './bulk-input';
import { describeError } from './push';

const USAGE = `usage: layercast bulk <template> <rows.csv|rows.json> --out <dir> [options]
  Renders one image per row on the server and writes them to <dir> (0001.png, 0002.png, …)
  with manifest.csv (row, status, file, image_url, error).
  <template>          the template's id, or its name in the account
  rows.csv            a header row of layer properties (title.text, logo.image_url),
                      variables ({{author}}) and format, variant or url columns; one row per image
  rows.json           a list of rows ({ "layers", "variables", "format", … }), or
                      { "rows", "defaults"?, "format"?, "webhookUrl"? }
  -o, --out <dir>     where to write the images and manifest.csv (created if missing)
  --format <format>   png|jpeg|webp|avif|svg|pdf for rows that name none (default png)
  --webhook <url>     also POST the job's result to this URL when it finishes
  --url defaults to LAYERCAST_URL, --key to LAYERCAST_API_KEY.
  Exit code: 0 every row rendered, 1 some rows failed, 2 bad arguments or a refused request.`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** How often the job is asked for its progress. */
const POLL_MS = 500;
/** Failed polls in a row (a restarting server, a dropped connection) before giving up. */
const POLL_ATTEMPTS = 10;
/** Items per page when collecting the failed rows. */
const PAGE = 1000;

/** A problem the user or the server's answer caused: exit code 2, no usage text. */
class RequestError extends Error {}

/** The template id: as given when it is one, else the one template of the account with that name. */
async function resolveTemplate(client: LayercastClient, target: string): Promise<{ id: string; name: string }> {
  if (UUID.test(target)) return { id: target, name: target };
  const templates = await client.templates.list().catch((error: unknown) => {
    throw new RequestError(`cannot list templates to find "${target}": ${describeError(error)}`);
  });
  const named = templates.filter((t) => t.name === target);
  if (named.length > 1) throw new UsageError(`several templates are named "${target}"; name it by id`);
  const found = named[0];
  if (!found) throw new UsageError(`no template named "${target}" in this account; name it by id or exact name`);
  return { id: found.id, name: found.name };
}

async function readRows(file: string, templateId: string, format?: string): Promise<RowsInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the file`);
  }
  const input = readRowsInput(file, text, templateId);
  if (format === undefined) return input;
  if (input.kind === 'csv') return { kind: 'csv', text: withDefaultFormat(input.text, format) };
  return { kind: 'json', body: { ...input.body, format } };
}

/** Polls until the job finishes, drawing its progress on stderr. */
async function waitForJob(client: LayercastClient, jobId: string): Promise<Job> {
  const tty = process.stderr.isTTY === true;
  let shown = '';
  let failures = 0;
  for (;;) {
    let job: Job;
    try {
      job = await client.job(jobId, { limit: 0 });
      failures = 0;
    } catch (error) {
      if (isApiError(error) && error.status < 500 && error.status !== 429) throw error;
      if (++failures >= POLL_ATTEMPTS) throw error;
      await new Promise((r) => setTimeout(r, POLL_MS * failures));
      continue;
    }
    const finished = isJobFinished(job.status);
    const line = tty ? progressBar(job) : progressLine(job);
    if (line !== shown) {
      process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`);
      shown = line;
    }
    if (finished) {
      if (tty) process.stderr.write('\n');
      return job;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Every item that failed, page by page. */
async function failedItems(client: LayercastClient, job: Job): Promise<JobItem[]> {
  if (job.failed === 0) return [];
  const failed: JobItem[] = [];
  for (let offset = 0; offset < job.total; offset += PAGE) {
    const page = await client.job(job.id, { offset, limit: PAGE });
    failed.push(...page.items.filter((item) => item.status === 'failed'));
    if (page.items.length < PAGE) break;
  }
  return failed;
}

/** Downloads the archive to the folder and unpacks it there; returns the names written. */
async function writeArchive(client: LayercastClient, jobId: string, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const zipFile = join(dir, `.${jobId}.zip.part`);
  try {
    const stream = await client.jobArchive(jobId);
    await pipeline(Readable.fromWeb(stream as WebReadableStream<Uint8Array>), createWriteStream(zipFile));
    return await unzipInto(zipFile, dir);
  } finally {
    await rm(zipFile, { force: true });
  }
}

function unzipInto(zipFile: string, dir: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipFile, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) return reject(openError ?? new Error('cannot open the archive'));
      const written: string[] = [];
      zip.on('error', reject);
      zip.on('end', () => resolve(written));
      zip.on('entry', (entry: yauzl.Entry) => {
        // Only plain file names: an entry can never write outside the folder.
        if (!isSafeEntryName(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (readError, stream) => {
          if (readError || !stream) return reject(readError ?? new Error(`cannot read ${entry.fileName}`));
          pipeline(stream, createWriteStream(join(dir, entry.fileName))).then(() => {
            written.push(entry.fileName);
            zip.readEntry();
          }, reject);
        });
      });
      zip.readEntry();
    });
  });
}

export async function runBulkCommand(args: string[]): Promise<number> {
  return withUsage(USAGE, async () => {
    const { values, positionals } = parse(() =>
      parseArgs({
        args,
        options: {
          out: { type: 'string', short: 'o' },
          format: { type: 'string' },
          webhook: { type: 'string' },
          url: { type: 'string' },
          key: { type: 'string' },
        },
        allowPositionals: true,
      }),
    );
    const defaults = cliDefaults();
    const url = values.url ?? defaults.url;
    const key = values.key ?? defaults.apiKey;
    const [target, file, ...extra] = positionals;
    if (!target || !file) throw new UsageError('name a template and a rows file (.csv or .json)');
    if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (!values.out) throw new UsageError('--out <dir> is required');
    if (!url) throw new UsageError('--url (or LAYERCAST_URL) is required');
    if (!key) throw new UsageError('--key (or LAYERCAST_API_KEY) is required');
    let format: string | undefined;
    if (values.format !== undefined) {
      const parsed = RequestFormatSchema.safeParse(values.format);
      if (!parsed.success) throw new UsageError(`--format: ${parsed.error.issues[0]?.message ?? 'unknown format'}`);
      format = parsed.data;
    }
    if (values.webhook !== undefined && !/^https?:\/\/\S+$/.test(values.webhook)) {
      throw new UsageError(`--webhook: expected an http or https URL, got "${values.webhook}"`);
    }

    const client = createClient({ baseUrl: url, apiKey: key, clientName: 'cli' });
    try {
      const template = await resolveTemplate(client, target);
      const rows = await readRows(file, template.id, format);
      const webhookUrl = values.webhook;
      const accepted = await client
        .bulk(template.id, rows.kind === 'csv' ? rows.text : rows.body, webhookUrl ? { webhookUrl } : {})
        .catch((error: unknown) => {
          throw new RequestError(`the server refused the rows: ${describeError(error)}`);
        });
      const total = accepted.total ?? 0;
      out(`job ${accepted.jobId}: ${total} row${total === 1 ? '' : 's'} queued (template ${template.id})`);

      const job = await waitForJob(client, accepted.jobId).catch((error: unknown) => {
        throw new RequestError(`job ${accepted.jobId}: ${describeError(error)}`);
      });
      const failed = await failedItems(client, job).catch((error: unknown) => {
        throw new RequestError(`job ${accepted.jobId}: cannot read its rows: ${describeError(error)}`);
      });
      const written = await writeArchive(client, job.id, values.out).catch((error: unknown) => {
        throw new RequestError(`job ${accepted.jobId}: cannot download its images: ${describeError(error)}`);
      });
      const images = written.filter((name) => name !== 'manifest.csv').length;
      out(`wrote ${images} image${images === 1 ? '' : 's'} and manifest.csv to ${values.out}`);
      for (const item of failed) {
        const where = item.error?.path ? `${item.error.path}: ` : '';
        err(`row ${item.row} failed: ${where}${item.error?.message ?? 'not rendered'}`);
      }
      const failures = Math.max(job.failed, failed.length);
      out(`${job.total - failures} of ${job.total} row${job.total === 1 ? '' : 's'} rendered, ${failures} failed`);
      return failures > 0 || job.status === 'failed' ? 1 : 0;
    } catch (error) {
      if (error instanceof RequestError) {
        err(`layercast: ${error.message}`);
        return 2;
      }
      throw error;
    }
  });
}
