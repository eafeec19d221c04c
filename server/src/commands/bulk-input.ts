// The pure parts of `layercast bulk`: reading the rows file, giving a CSV a default format,
// drawing the progress, and deciding which zip entries may be written.
import { extname } from 'node:path';
import { type BulkRequest, BulkRequestSchema, csvLine } from '@layercast/shared';
import { parse as parseCsv } from 'csv-parse/sync';
import { UsageError } from './args';

export type RowsInput = { kind: 'csv'; text: string } | { kind: 'json'; body: Omit<BulkRequest, 'templateId'> };

/**
 * A `.csv` file is sent as it is (the server reads its header); a `.json` file is a list of
 * rows (generate bodies without templateId) or `{ rows, defaults?, format?, webhookUrl? }`.
 */
export function readRowsInput(file: string, text: string, templateId?: string): RowsInput {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') {
    if (!text.trim()) throw new UsageError(`${file}: the file is empty; expected a header row and one row per image`);
    return { kind: 'csv', text };
  }
  if (ext !== '.json') throw new UsageError(`${file}: expected a .csv or .json file of rows`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const envelope = Array.isArray(raw) ? { rows: raw } : raw;
  const parsed = BulkRequestSchema.safeParse(envelope);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new UsageError(lines.join('\n'));
  }
  const { templateId: named, ...body } = parsed.data;
  if (named !== undefined && templateId !== undefined && named !== templateId) {
    throw new UsageError(`${file}: templateId is ${named}, but the command names template ${templateId}`);
  }
  return { kind: 'json', body };
}

/**
 * The CSV with `format` set on every row that names none: a `format` column is added, or
 * its empty cells filled. Parsed and written again whole, so quoted commas and line breaks
 * stay in their cells.
 */
export function withDefaultFormat(csv: string, format: string): string {
  let records: string[][];
  try {
    records = parseCsv(csv, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    throw new UsageError(`the CSV cannot be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...rows] = records;
  if (!header) return csv;
  let column = header.findIndex((h) => h.trim() === 'format');
  if (column < 0) {
    column = header.length;
    header.push('format');
  }
  const width = header.length;
  const lines = [csvLine(header)];
  for (const row of rows) {
    const cells = [...row];
    while (cells.length < width) cells.push('');
    if (!cells[column]?.trim()) cells[column] = format;
    lines.push(csvLine(cells));
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface Progress {
  total: number;
  done: number;
  failed: number;
}

/** Rows rendered or failed, never past the total. */
export const processedRows = (p: Progress) => Math.min(p.total, p.done + p.failed);

/** `[##########··········]  12/40  30%  1 failed`: one line, redrawn in place on a terminal. */
export function progressBar(p: Progress, width = 30): string {
  const processed = processedRows(p);
  const fraction = p.total ? processed / p.total : 0;
  const filled = Math.round(fraction * width);
  const bar = `[${'#'.repeat(filled)}${'·'.repeat(width - filled)}]`;
  const failed = p.failed ? `  ${p.failed} failed` : '';
  return `${bar}  ${processed}/${p.total}  ${Math.floor(fraction * 100)}%${failed}`;
}

/** The same for logs: `progress 12/40 (1 failed)`. */
export function progressLine(p: Progress): string {
  return `progress ${processedRows(p)}/${p.total}${p.failed ? ` (${p.failed} failed)` : ''}`;
}

/**
 * Whether a zip entry may be written to the output folder: a plain file name (`0001.png`,
 * `manifest.csv`), never a path that could leave the folder.
 */
export function isSafeEntryName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(name) && !name.includes('..');
}
