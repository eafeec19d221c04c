// Templates and their versions. Every save that changes something writes the new state to
// `templates` and a copy to `template_versions` in one transaction, with the next version.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { type TemplateDocument, type TemplateSummary, loadTemplate } from '@layercast/shared';
import type { ExpressionBuilder, Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { DomainError } from '../errors';
import type { TemplateDocuments } from './template-documents';
import type { TemplatesTable, TemplateVersionsTable } from './templates.table';

export interface Template {
  id: string;
  accountId: string;
  name: string;
  description: string;
  document: TemplateDocument;
  previewUrl: string | null;
  isPublic: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The owner's fonts revision (renders only; 0 where it was not read). */
  fontsRevision: number;
}

export interface TemplateFields {
  name: string;
  description: string;
  document: TemplateDocument;
  previewUrl: string | null;
  isPublic: boolean;
}

export function toTemplate(
  row: Selectable<TemplatesTable> & { fonts_revision?: number | null },
  document?: TemplateDocument,
): Template {
  return {
    id: row.id,
    accountId: row.account_id,
    name: row.name,
    description: row.description,
    document: document ?? loadTemplate(JSON.parse(row.json_data)),
    previewUrl: row.preview_url,
    isPublic: row.is_public === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    fontsRevision: Number(row.fonts_revision ?? 0),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isTemplateId = (id: string) => UUID.test(id);

const ROW_WITHOUT_DOCUMENT = [
  'id',
  'account_id',
  'name',
  'description',
  'preview_url',
  'is_public',
  'version',
  'created_at',
  'updated_at',
] as const;

/** The owner's fonts revision, read with the row in the same query. */
const fontsRevision = (eb: ExpressionBuilder<Database, 'templates'>) =>
  eb
    .selectFrom('accounts')
    .select('fonts_revision')
    .whereRef('accounts.id', '=', 'templates.account_id')
    .as('fonts_revision');

/**
 * Any account's template by id (the render API decides who may use it). With `documents`,
 * the row is read without its document, and the document parsed once per (id, version).
 */
export async function findTemplateById(
  db: Kysely<Database>,
  id: string,
  documents?: TemplateDocuments,
): Promise<Template | undefined> {
  if (!isTemplateId(id)) return undefined;
  if (!documents) {
    const row = await db
      .selectFrom('templates')
      .selectAll()
      .select(fontsRevision)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toTemplate(row) : undefined;
  }
  const row = await db
    .selectFrom('templates')
    .select(ROW_WITHOUT_DOCUMENT)
    .select(fontsRevision)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const cached = documents.get(id, row.version);
  if (cached) return toTemplate({ ...row, json_data: '' }, cached);
  // Saved between the two reads: the newer row, read whole.
  const full = await db
    .selectFrom('templates')
    .selectAll()
    .select(fontsRevision)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!full) return undefined;
  const template = toTemplate(full);
  template.document = documents.set(id, full.version, template.document);
  return template;
}

/** The template if `accountId` owns it; another account's template is indistinguishable from none. */
export async function findOwnTemplate(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  documents?: TemplateDocuments,
) {
  const template = await findTemplateById(db, id, documents);
  return template?.accountId === accountId ? template : undefined;
}

export async function listTemplates(db: Kysely<Database>, accountId: string): Promise<TemplateSummary[]> {
  const rows = await db
    .selectFrom('templates')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('updated_at', 'desc')
    .execute();
  return rows.map((row) => {
    const t = toTemplate(row);
    return {
      id: t.id,
      name: t.name,
      description: t.description,
      previewUrl: t.previewUrl,
      isPublic: t.isPublic,
      version: t.version,
      width: t.document.canvas.width,
      height: t.document.canvas.height,
      createdAt: t.createdAt,
      updatedAt: t.updatedAt,
    };
  });
}

/** What saved a version: the editor (a session), an API key (by name), or the CLI with a key. */
export interface SavedBy {
  via: 'editor' | 'api_key' | 'cli';
  name: string | null;
}

function versionRow(
  templateId: string,
  version: number,
  f: TemplateFields,
  at: string,
  savedBy?: SavedBy,
): TemplateVersionsTable {
  return {
    saved_via: savedBy?.via ?? null,
    saved_by: savedBy?.name ?? null,
    template_id: templateId,
    version,
    name: f.name,
    description: f.description,
    json_data: JSON.stringify(f.document),
    preview_url: f.previewUrl,
    is_public: f.isPublic ? 1 : 0,
    created_at: at,
  };
}

export async function createTemplate(
  db: Kysely<Database>,
  accountId: string,
  fields: TemplateFields,
  savedBy?: SavedBy,
): Promise<Template> {
  const id = randomUUID();
  const now = new Date().toISOString();
  const v = versionRow(id, 1, fields, now, savedBy);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('templates')
      .values({
        id,
        account_id: accountId,
        name: v.name,
        description: v.description,
        json_data: v.json_data,
        preview_url: v.preview_url,
        is_public: v.is_public,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await trx.insertInto('template_versions').values(v).execute();
  });
  return { id, accountId, ...fields, version: 1, createdAt: now, updatedAt: now, fontsRevision: 0 };
}

const sameFields = (a: TemplateFields, b: TemplateFields) =>
  a.name === b.name &&
  a.description === b.description &&
  a.previewUrl === b.previewUrl &&
  a.isPublic === b.isPublic &&
  // Key order differs between a fresh parse and a stored row; compare by value.
  isDeepStrictEqual(a.document, b.document);

export type UpdateResult =
  | { status: 'updated' | 'unchanged'; template: Template }
  | { status: 'not_found' }
  | { status: 'conflict'; template: Template };

/**
 * Applies `change` to the account's template inside one write transaction. `ifVersion`
 * (from If-Match) must still be the current version, else nothing is written. A save that
 * changes nothing keeps the version, so caches and ETags stay valid.
 */
export async function updateTemplate(
  db: Kysely<Database>,
  accountId: string,
  id: string,
  change: Partial<TemplateFields>,
  ifVersion?: (version: number) => boolean,
  savedBy?: SavedBy,
): Promise<UpdateResult> {
  if (!isTemplateId(id)) return { status: 'not_found' };
  return db.transaction().execute(async (trx: Transaction<Database>) => {
    const row = await trx.selectFrom('templates').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row || row.account_id !== accountId) return { status: 'not_found' } as const;
    const current = toTemplate(row);
    if (ifVersion && !ifVersion(current.version)) return { status: 'conflict', template: current } as const;
    const next: TemplateFields = {
      name: change.name ?? current.name,
      description: change.description ?? current.description,
      document: change.document ?? current.document,
      previewUrl: change.previewUrl !== undefined ? change.previewUrl : current.previewUrl,
      isPublic: change.isPublic ?? current.isPublic,
    };
    if (sameFields(next, current)) return { status: 'unchanged', template: current } as const;
    const version = current.version + 1;
    const now = new Date().toISOString();
    const v = versionRow(id, version, next, now, savedBy);
    await trx
      .updateTable('templates')
      .set({
        name: v.name,
        description: v.description,
        json_data: v.json_data,
        preview_url: v.preview_url,
        is_public: v.is_public,
        version,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await trx.insertInto('template_versions').values(v).execute();
    return { status: 'updated', template: { ...current, ...next, version, updatedAt: now } } as const;
  });
}

export async function deleteTemplate(db: Kysely<Database>, accountId: string, id: string): Promise<boolean> {
  if (!isTemplateId(id)) return false;
  const result = await db
    .deleteFrom('templates')
    .where('id', '=', id)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/**
 * The template as it was at `version` (its document and name then; its owner and whether it
 * is public now), or a 404 naming the versions that exist. The current version is itself.
 */
export async function templateAtVersion(
  db: Kysely<Database>,
  template: Template,
  version: number | undefined,
  documents?: TemplateDocuments,
): Promise<Template> {
  if (version === undefined || version === template.version) return template;
  const cached = documents?.get(template.id, version);
  if (cached) return { ...template, document: cached, version };
  const row =
    version < template.version
      ? await db
          .selectFrom('template_versions')
          .select(['name', 'json_data'])
          .where('template_id', '=', template.id)
          .where('version', '=', version)
          .executeTakeFirst()
      : undefined;
  if (!row) {
    const versions = (await listVersions(db, template.id)).map((v) => v.version).sort((a, b) => a - b);
    throw new DomainError(
      'not_found',
      `this template has no version ${version}; its versions are ${describeVersions(versions)}`,
      { versions },
    );
  }
  const parsed = loadTemplate(JSON.parse(row.json_data));
  return {
    ...template,
    name: row.name,
    document: documents ? documents.set(template.id, version, parsed) : parsed,
    version,
  };
}

/** `1–5`, or `1, 3, 4` when some are missing. */
function describeVersions(versions: number[]): string {
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (first === undefined || last === undefined) return 'none';
  return last - first + 1 === versions.length && versions.length > 2 ? `${first}–${last}` : versions.join(', ');
}

export async function listVersions(db: Kysely<Database>, templateId: string) {
  const rows = await db
    .selectFrom('template_versions')
    .select(['version', 'name', 'created_at', 'saved_via', 'saved_by'])
    .where('template_id', '=', templateId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: r.version,
    name: r.name,
    createdAt: r.created_at,
    savedBy: r.saved_via ? { via: r.saved_via as SavedBy['via'], name: r.saved_by } : null,
  }));
}

export async function findVersion(db: Kysely<Database>, templateId: string, version: number) {
  const row = await db
    .selectFrom('template_versions')
    .selectAll()
    .where('template_id', '=', templateId)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    version: row.version,
    name: row.name,
    description: row.description,
    jsonData: loadTemplate(JSON.parse(row.json_data)),
    previewUrl: row.preview_url,
    isPublic: row.is_public === 1,
    createdAt: row.created_at,
  };
}
