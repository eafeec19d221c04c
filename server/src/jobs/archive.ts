// GET /api/jobs/:id/archive: the job's images as a zip streamed as it is written, one image
// read from the blob store at a time (the next only once the client has taken the last), with
// `manifest.csv` (row, status, file, image_url, error) at the end. Images are stored, not
// deflated: PNG, JPEG and WebP are compressed already.
import { once } from 'node:events';
import type { PassThrough, Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type pino from 'pino';
import { ZipFile } from 'yazl';
import type { Database } from '../db/schema';
import type { BlobStore } from '../storage/blob-store';
import { type JobItemRow, type JobRow, allItems } from './jobs.repository';
import { imageUrlOfItem } from './jobs.service';

/** `0001.png`: the row number padded to the width of the largest (at least 4 digits). */
export function entryName(row: number, total: number, ext: string): string {
  return `${String(row).padStart(Math.max(4, String(total).length), '0')}.${ext}`;
}

const csvCell = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

function manifestLine(item: JobItemRow, file: string, baseUrl: string): string {
  const error = item.error ? ((JSON.parse(item.error) as { message?: string }).message ?? '') : '';
  const url = item.status === 'done' ? imageUrlOfItem(baseUrl, item) : '';
  return `${[String(item.row), item.status, file, url, error].map(csvCell).join(',')}\n`;
}

export function streamArchive(
  db: Kysely<Database>,
  storage: BlobStore,
  job: JobRow,
  baseUrl: string,
  log: pino.Logger,
): Readable {
  const zip = new ZipFile();
  // yazl's output is a PassThrough (its types say only ReadableStream).
  const output = zip.outputStream as unknown as PassThrough;
  const mtime = new Date(job.finished_at ?? job.created_at);
  void (async () => {
    const manifest: string[] = ['row,status,file,image_url,error\n'];
    try {
      for await (const item of allItems(db, job.id)) {
        let file = '';
        if (item.status === 'done' && item.render_id && item.render_ext) {
          const bytes = await storage.get(`images/${item.render_id}.${item.render_ext}`);
          if (bytes) {
            file = entryName(item.row, job.total, item.render_ext);
            zip.addBuffer(bytes, file, { compress: false, mtime });
            // Wait for the client before reading the next image: memory stays at about one.
            await new Promise((resolve) => setImmediate(resolve));
            if (output.writableNeedDrain) await Promise.race([once(output, 'drain'), once(output, 'close')]);
            // The client went away: stop reading images for nobody.
            if (output.destroyed) return;
          }
        }
        manifest.push(manifestLine(item, file, baseUrl));
      }
      zip.addBuffer(Buffer.from(manifest.join('')), 'manifest.csv', { mtime });
      zip.end();
    } catch (error) {
      log.error({ err: error, jobId: job.id }, 'job archive failed');
      output.destroy(error instanceof Error ? error : new Error('archive failed'));
    }
  })();
  return output;
}
