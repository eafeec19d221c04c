// /api/templates: list, create, get, PUT (partial, with If-Match), delete, versions.
import type Router from '@koa/router';
import {
  CreateTemplateSchema,
  type TemplateDocument,
  type TemplateResource,
  UpdateTemplateSchema,
  type ValidationIssue,
  STARTERS,
  issuesFromZod,
  loadStarter,
  parseTemplate,
  renderContractJsonSchema,
} from '@layercast/shared';
import type { Context } from 'koa';
import type { z } from 'zod';
import { authOf } from '../auth/auth.middleware';
import { type AppDeps, maySeeTemplate } from '../deps';
import { ApiError, validationError } from '../errors';
import { readJson } from '../http/body';
import { warmTemplate } from '../render/warm-templates';
import { ifMatch, ifNoneMatch, templateEtag } from './etag';
import type { TemplateDocuments } from './template-documents';
import {
  type Template,
  type UpdateResult,
  createTemplate,
  deleteTemplate,
  findOwnTemplate,
  findVersion,
  listTemplates,
  listVersions,
  templateAtVersion,
  type SavedBy,
  updateTemplate,
} from './templates.repository';

export function toTemplateJson(t: Template): TemplateResource {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    jsonData: t.document,
    previewUrl: t.previewUrl,
    isPublic: t.isPublic,
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

/**
 * Validates a create or update body: the envelope with zod, `jsonData` with the template
 * model. Both sets of errors are reported together, each with its JSON path.
 */
function parseBody<S extends z.ZodType>(ctx: Context, schema: S): { fields: z.output<S>; document?: TemplateDocument } {
  const body = readJson(ctx);
  const issues: ValidationIssue[] = [];
  const envelope = schema.safeParse(body);
  if (!envelope.success) issues.push(...issuesFromZod(envelope.error));
  let document: TemplateDocument | undefined;
  const raw = typeof body === 'object' && body !== null ? (body as { jsonData?: unknown }).jsonData : undefined;
  if (raw !== undefined) {
    const parsed = parseTemplate(raw, 'jsonData');
    if (parsed.ok) document = parsed.value;
    else issues.push(...parsed.errors);
  }
  if (issues.length || !envelope.success) {
    const code = issues.some((i) => i.path.startsWith('jsonData')) ? 'invalid_template' : 'invalid_request';
    throw validationError(code, issues);
  }
  return { fields: envelope.data, document };
}

// Parsed on first use, not at import: checking every starter document takes ~0.1 s of CPU,
// a tenth of the server's start-up (docs/server.md, "Start-up").
let starterList: ReturnType<typeof listStarters> | undefined;
const listStarters = () =>
  STARTERS.map((s) => ({
    id: s.file.replace(/\.json$/, ''),
    name: s.name,
    description: s.description,
    width: s.width,
    height: s.height,
    jsonData: loadStarter(s.file),
  }));
const starters = () => {
  starterList ??= listStarters();
  return starterList;
};

/**
 * `{ "starter": "blog-post" }` in a create body: the starter's document (and its name and
 * description unless the body gives them) stand in for jsonData. A 422 names the starters.
 */
function useStarter(ctx: Context): void {
  const body = ctx.request.body;
  if (!body || typeof body !== 'object' || Array.isArray(body) || !('starter' in body)) return;
  const { starter, ...rest } = body as Record<string, unknown>;
  const ids = starters().map((s) => s.id);
  const found = starters().find((s) => s.id === starter);
  if (!found) {
    throw validationError('invalid_request', [
      { path: 'starter', message: `expected one of ${ids.join(', ')} (GET /api/starters)` },
    ]);
  }
  if ('jsonData' in rest) {
    throw validationError('invalid_request', [
      { path: 'starter', message: 'give either starter or jsonData, not both' },
    ]);
  }
  ctx.request.body = {
    name: found.name,
    description: found.description,
    ...rest,
    jsonData: structuredClone(found.jsonData),
  };
}

/** What is saving: the editor (a session), the CLI (a key, `X-Layercast-Client: cli`) or an API key. */
function savedByOf(ctx: Context): SavedBy {
  const auth = authOf(ctx);
  if (auth.via === 'session') return { via: 'editor', name: null };
  const via = ctx.get('x-layercast-client') === 'cli' ? 'cli' : 'api_key';
  return { via, name: auth.keyName ?? null };
}

const send = (ctx: Context, template: Template, status = 200) => {
  ctx.status = status;
  ctx.set('ETag', templateEtag(template.version));
  ctx.set('Cache-Control', 'private, no-cache');
  ctx.body = toTemplateJson(template);
};

const notFound = () => new ApiError(404, 'not_found', 'template not found');

/**
 * The answer to a save (PUT, restore): 404, 412 naming the current version (its ETag kept), or
 * the template with `X-Template-Status: updated | unchanged` (`createdStatus` for an update).
 */
function sendUpdate(ctx: Context, result: UpdateResult, createdStatus = 200): void {
  if (result.status === 'not_found') throw notFound();
  if (result.status === 'conflict') {
    ctx.set('ETag', templateEtag(result.template.version));
    throw new ApiError(
      412,
      'precondition_failed',
      `the template was changed since you read it (now version ${result.template.version}); reload and apply your change again`,
      { currentVersion: result.template.version },
    );
  }
  ctx.set('X-Template-Status', result.status);
  send(ctx, result.template, result.status === 'updated' ? createdStatus : 200);
}

/** How long after a save its render children are warmed, if still idle (warm-templates.ts). */
const WARM_CHILDREN_AFTER_SAVE_MS = 250;

export function mountTemplateRoutes(router: Router, deps: AppDeps & { documents: TemplateDocuments }): void {
  const { db } = deps;
  /**
   * After a save, the new version is parsed and rendered once by idle render children
   * (render/warm-templates.ts), so its first real render is not its slowest. In the
   * background: the answer does not wait, and a failure is only logged.
   */
  const warmSaved = (ctx: Context, templateId: string) => {
    const warmDeps = { db, documents: deps.documents, renderPool: deps.renderPool };
    warmTemplate(warmDeps, templateId, { childrenAfterMs: WARM_CHILDREN_AFTER_SAVE_MS }).catch((error: unknown) =>
      ctx.state.log.debug({ err: error, templateId }, 'could not warm the saved template'),
    );
  };

  router.get('/api/templates', async (ctx) => {
    const auth = authOf(ctx);
    ctx.set('Cache-Control', 'private, no-cache');
    const templates = await listTemplates(db, auth.accountId);
    ctx.body = { templates: templates.filter((t) => maySeeTemplate(auth, t.id)) };
  });

  router.get('/api/starters', (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = { success: true, starters: starters() };
  });

  router.post('/api/templates', async (ctx) => {
    const auth = authOf(ctx);
    useStarter(ctx);
    const { fields, document } = parseBody(ctx, CreateTemplateSchema);
    const template = await createTemplate(
      db,
      auth.accountId,
      {
        name: fields.name,
        description: fields.description,
        document: document!,
        previewUrl: fields.previewUrl,
        isPublic: fields.isPublic,
      },
      savedByOf(ctx),
    );
    ctx.set('Location', `/api/templates/${template.id}`);
    send(ctx, template, 201);
    warmSaved(ctx, template.id);
  });

  router.get('/api/templates/:id', async (ctx) => {
    const auth = authOf(ctx);
    const template = await findOwnTemplate(db, auth.accountId, ctx.params.id ?? '');
    if (!template) throw notFound();
    if (ifNoneMatch(ctx.get('if-none-match'), template.version)) {
      ctx.status = 304;
      ctx.set('ETag', templateEtag(template.version));
      return;
    }
    send(ctx, template);
  });

  router.put('/api/templates/:id', async (ctx) => {
    const auth = authOf(ctx);
    const { fields, document } = parseBody(ctx, UpdateTemplateSchema);
    const result = await updateTemplate(
      db,
      auth.accountId,
      ctx.params.id ?? '',
      {
        ...(fields.name !== undefined ? { name: fields.name } : {}),
        ...(fields.description !== undefined ? { description: fields.description } : {}),
        ...(document ? { document } : {}),
        ...(fields.previewUrl !== undefined ? { previewUrl: fields.previewUrl } : {}),
        ...(fields.isPublic !== undefined ? { isPublic: fields.isPublic } : {}),
      },
      ifMatch(ctx.get('if-match')),
      savedByOf(ctx),
    );
    sendUpdate(ctx, result);
    if (result.status === 'updated') warmSaved(ctx, result.template.id);
  });

  router.delete('/api/templates/:id', async (ctx) => {
    const auth = authOf(ctx);
    if (!(await deleteTemplate(db, auth.accountId, ctx.params.id ?? ''))) throw notFound();
    ctx.status = 204;
  });

  router.get('/api/templates/:id/versions', async (ctx) => {
    const auth = authOf(ctx);
    const template = await findOwnTemplate(db, auth.accountId, ctx.params.id ?? '');
    if (!template) throw notFound();
    ctx.body = {
      templateId: template.id,
      currentVersion: template.version,
      versions: await listVersions(db, template.id),
    };
  });

  // What a render of this template accepts, as JSON Schema: layers by name with their kind's
  // override properties and ranges, variables with defaults, output options.
  router.get('/api/templates/:id/contract', async (ctx) => {
    const auth = authOf(ctx);
    const current = await findOwnTemplate(db, auth.accountId, ctx.params.id ?? '');
    if (!current) throw notFound();
    const raw = typeof ctx.query.version === 'string' ? ctx.query.version : undefined;
    if (raw !== undefined && !/^[1-9]\d{0,8}$/.test(raw)) {
      throw validationError('invalid_request', [
        { path: 'version', message: 'expected a version number (a whole number from 1)' },
      ]);
    }
    const template = await templateAtVersion(db, current, raw === undefined ? undefined : Number(raw));
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.set('ETag', templateEtag(template.version));
    ctx.type = 'application/schema+json';
    ctx.body = renderContractJsonSchema(template.document, template);
  });

  // A new version equal to an old one: history is never rewritten. Restoring the current
  // version's own content changes nothing (X-Template-Status: unchanged).
  router.post('/api/templates/:id/versions/:version/restore', async (ctx) => {
    const auth = authOf(ctx);
    const template = await findOwnTemplate(db, auth.accountId, ctx.params.id ?? '');
    const version = Number(ctx.params.version);
    if (!template) throw notFound();
    if (!(Number.isInteger(version) && version > 0)) {
      throw new ApiError(404, 'not_found', 'template version not found');
    }
    const old = await findVersion(db, template.id, version);
    if (!old) {
      const versions = (await listVersions(db, template.id)).map((v) => v.version).sort((a, b) => a - b);
      throw new ApiError(404, 'not_found', `this template has no version ${version}`, { versions });
    }
    const result = await updateTemplate(
      db,
      auth.accountId,
      template.id,
      {
        name: old.name,
        description: old.description,
        document: old.jsonData,
        previewUrl: old.previewUrl,
        isPublic: old.isPublic,
      },
      ifMatch(ctx.get('if-match')),
      savedByOf(ctx),
    );
    sendUpdate(ctx, result, 201);
    if (result.status === 'updated') warmSaved(ctx, result.template.id);
  });

  router.get('/api/templates/:id/versions/:version', async (ctx) => {
    const auth = authOf(ctx);
    const template = await findOwnTemplate(db, auth.accountId, ctx.params.id ?? '');
    const version = Number(ctx.params.version);
    const found =
      template && Number.isInteger(version) && version > 0 ? await findVersion(db, template.id, version) : undefined;
    if (!found) throw new ApiError(404, 'not_found', 'template version not found');
    ctx.set('Cache-Control', 'private, max-age=31536000, immutable');
    ctx.body = { templateId: template!.id, ...found };
  });
}
