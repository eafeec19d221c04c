// The rows of a bulk job, from CSV or JSON, as generate bodies. A CSV header names what each
// column sets: `layer.property` (title.text, logo.image_url), a bare layer name (its
// shorthand property, as in GET /api/render), `{{variable}}`, or one of the top-level fields
// (format, variant, url, version). Cells are text; each is turned into what the property's
// schema takes (numbers, booleans, JSON for gradients), and an empty cell sets nothing.
// Every row is checked against the template when the job is created: a bad row fails alone,
// with its row number and the JSON path within the row.
import {
  BULK_MAX_ROWS,
  type BulkColumnTarget,
  GenerateRequestSchema,
  type Layer,
  type TemplateDocument,
  allLayers,
  issuesFromZod,
  overridableProperties,
  overrideSchemaFor,
} from '@layercast/shared';
import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import { ApiError, DomainError, validationError } from '../errors';
import { withDefaults } from '../render/batch.routes';
import { SHORTHAND } from '../render/query';
import { prepareRender } from '../render/render.service';
import { paramsFromBody } from '../render/request';
import type { Template } from '../templates/templates.repository';
import type { ItemError, NewItem } from './jobs.repository';

const FIELDS = ['format', 'variant', 'url', 'version'] as const;
type Field = (typeof FIELDS)[number];

/** Property names a CSV header may use besides the override names. */
const ALIASES: Record<string, string> = { src: 'image_url', imageUrl: 'image_url' };

export interface Column {
  header: string;
  target: BulkColumnTarget | null;
  error?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What one header sets in the template `doc`, or why it sets nothing. */
export function mapHeader(header: string, doc: TemplateDocument): Column {
  const name = header.trim();
  const variable = /^\{\{\s*([^{}\s]+)\s*\}\}$/.exec(name)?.[1];
  if (variable !== undefined) {
    const declared = doc.variables.map((v) => v.name);
    if (declared.includes(variable)) return { header, target: { variable } };
    return {
      header,
      target: null,
      error: `the template has no variable "${variable}"; its variables are: ${declared.join(', ') || '(none)'}`,
    };
  }
  if ((FIELDS as readonly string[]).includes(name)) return { header, target: { field: name as Field } };
  const dot = name.indexOf('.');
  const layerName = dot === -1 ? name : name.slice(0, dot);
  // Layers inside groups are columns by their own names too.
  const everyLayer = allLayers(doc.layers);
  const layer: Layer | undefined = everyLayer.find((l) => l.name === layerName);
  if (!layer) {
    const layers = everyLayer.map((l) => l.name).join(', ') || '(none)';
    return {
      header,
      target: null,
      error:
        `no layer named "${layerName}"; headers are layer.property (layers: ${layers}), ` +
        `{{variable}} or one of ${FIELDS.join(', ')}`,
    };
  }
  const shorthand = SHORTHAND[layer.type];
  if (dot === -1 && shorthand === null) {
    return {
      header,
      target: null,
      error: `"${layer.name}" is a group, which has no shorthand; name a property such as ${layer.name}.visible`,
    };
  }
  if (dot === -1 && shorthand !== null) return { header, target: { layer: layer.name, property: shorthand } };
  const given = name.slice(dot + 1);
  const allowed = overridableProperties(layer.type);
  const property = allowed.includes(given) ? given : ALIASES[given];
  if (property && allowed.includes(property)) return { header, target: { layer: layer.name, property } };
  return {
    header,
    target: null,
    error: `${layer.type} layer "${layer.name}" has no overridable property "${given}"; expected one of ${allowed.join(', ')}`,
  };
}

/**
 * A cell as the property's schema takes it: the text itself when the schema accepts text,
 * else a number, a boolean or JSON when the text reads as one; else the text, for the
 * schema to refuse with its own message.
 */
function coerce(schema: z.ZodType | undefined, raw: string): unknown {
  if (!schema || schema.safeParse(raw).success) return raw;
  const text = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if (/^[[{]/.test(text)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}

/** One CSV record as a generate body, by the mapped columns. */
function bodyFromRecord(record: readonly string[], columns: readonly Column[], doc: TemplateDocument) {
  const layers: Record<string, Record<string, unknown>> = {};
  const variables: Record<string, string> = {};
  const body: Record<string, unknown> = {};
  columns.forEach((column, i) => {
    const raw = record[i];
    const target = column.target;
    if (raw === undefined || raw === '' || !target) return;
    if ('variable' in target) variables[target.variable] = raw;
    else if ('field' in target) body[target.field] = target.field === 'version' ? coerce(undefined, raw) : raw;
    else {
      const layer = allLayers(doc.layers).find((l) => l.name === target.layer);
      const shape = layer ? (overrideSchemaFor(layer.type).shape as Record<string, z.ZodType>) : {};
      layers[target.layer] = { ...layers[target.layer], [target.property]: coerce(shape[target.property], raw) };
    }
  });
  if (Object.keys(layers).length) body.layers = layers;
  if (Object.keys(variables).length) body.variables = variables;
  if (typeof body.version === 'string' && /^\d+$/.test(body.version)) body.version = Number(body.version);
  return body;
}

export interface CsvRows {
  columns: Column[];
  bodies: Record<string, unknown>[];
}

/** Reads a CSV (header row first); 400 when it cannot be read, 422 when it has no rows or too many. */
export function readCsv(text: string, doc: TemplateDocument): CsvRows {
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ApiError(
      400,
      'malformed_body',
      `the CSV could not be read${line ? ` (line ${line})` : ''}: ${(error as Error).message.replace(/^Invalid [^:]*: /, '')}`.slice(
        0,
        300,
      ),
    );
  }
  const [header, ...data] = records;
  if (!header || header.every((h) => h.trim() === '')) {
    throw validationError('invalid_request', [
      { path: '', message: 'expected a header row naming what each column sets' },
    ]);
  }
  if (data.length === 0)
    throw validationError('invalid_request', [{ path: '', message: 'expected at least 1 data row' }]);
  if (data.length > BULK_MAX_ROWS) {
    throw validationError('invalid_request', [
      { path: '', message: `expected at most ${BULK_MAX_ROWS} rows, got ${data.length}` },
    ]);
  }
  const columns = header.map((h) => mapHeader(h, doc));
  return { columns, bodies: data.map((record) => bodyFromRecord(record, columns, doc)) };
}

/** The header problems of a CSV as one 422: every row would fail the same way. */
export function checkColumns(columns: readonly Column[]): void {
  const bad = columns.filter((c) => c.error);
  if (bad.length === 0) return;
  throw validationError(
    'invalid_request',
    bad.map((c) => ({ path: `header "${c.header}"`, message: c.error ?? '' })),
  );
}

/** JSON rows with the job's defaults under them; a row may not name another template. */
export function bodiesFromJson(
  rows: readonly unknown[],
  defaults: Record<string, unknown> | undefined,
  format?: string,
) {
  const base = { ...(format !== undefined ? { format } : {}), ...defaults };
  return rows.map((row) => (Object.keys(base).length ? withDefaults(base, row) : row));
}

const rowError = (row: number, code: string, path: string, message: string): ItemError => ({
  code,
  message: `row ${row}: ${path ? `${path}: ` : ''}${message}`,
  ...(path ? { path } : {}),
});

/** The first issue of a failure, as the row's error. */
export function errorOfRow(row: number, error: unknown): ItemError | undefined {
  if (error instanceof DomainError) {
    const issues = Array.isArray(error.details) ? (error.details as { path?: unknown; message?: unknown }[]) : [];
    const first = issues.find((i) => typeof i.path === 'string' && typeof i.message === 'string');
    if (first) return rowError(row, error.code, String(first.path), String(first.message));
    return rowError(row, error.code, '', error.message);
  }
  return undefined;
}

/**
 * Checks one row against the template: what the job stores for it. The row renders the
 * template as it is now unless it names a version.
 */
export function checkRow(template: Template, body: unknown, row: number): NewItem {
  if (!isObject(body))
    return { row, error: rowError(row, 'invalid_request', '', 'expected an object of generate fields') };
  if (body.templateId !== undefined && body.templateId !== template.id) {
    return {
      row,
      error: rowError(
        row,
        'invalid_request',
        'templateId',
        'a bulk job renders one template; leave templateId out of rows',
      ),
    };
  }
  const request = { ...body, templateId: template.id };
  const parsed = GenerateRequestSchema.safeParse(request);
  if (!parsed.success) {
    const [first] = issuesFromZod(parsed.error);
    return { row, error: rowError(row, 'invalid_request', first?.path ?? '', first?.message ?? 'invalid row') };
  }
  const params = paramsFromBody(parsed.data);
  if (params.version === undefined || params.version === template.version) {
    try {
      prepareRender(template, params, 'generate');
    } catch (error) {
      const known = errorOfRow(row, error);
      if (known) return { row, error: known };
      throw error;
    }
  }
  return { row, request };
}
