// The API contract: every documented operation is called over real HTTP, and each JSON
// answer must parse with the very schema the OpenAPI document declares for its status,
// giving back exactly what was sent (an undocumented field fails too). Error answers must
// have a status the operation documents, and the one error shape. The last test checks
// that no documented operation went uncalled.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ErrorBodySchema } from '@layercast/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { ZodOpenApiOperationObject, ZodOpenApiResponseObject } from 'zod-openapi';
import { apiPaths } from '../../src/openapi/document';
import { pngBytes } from '../support/fixtures';
import { type RenderTestServer, cardTemplate, startRenderServer } from '../support/render-server';

let app: RenderTestServer;
const exercised = new Set<string>();

beforeAll(async () => {
  app = await startRenderServer();
});
afterAll(async () => {
  await app?.close();
});

const METHODS = ['get', 'post', 'put', 'delete'] as const;

/** The documented path template a concrete path matches (`/api/keys/{id}` for `/api/keys/3f…`). */
function templateOf(path: string): string {
  const bare = path.split('?')[0] ?? path;
  const found = Object.keys(apiPaths).find((template) =>
    new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(bare),
  );
  if (!found) throw new Error(`${bare} is not in the OpenAPI document`);
  return found;
}

function operationOf(method: string, path: string): { key: string; operation: ZodOpenApiOperationObject } {
  const template = templateOf(path);
  const operation = apiPaths[template]?.[method.toLowerCase() as (typeof METHODS)[number]];
  if (!operation) throw new Error(`${method} ${template} is not in the OpenAPI document`);
  return { key: `${method.toUpperCase()} ${template}`, operation };
}

interface Call {
  as?: { cookie: string; csrf: string } | { key: string };
  json?: unknown;
  bytes?: Uint8Array;
  contentType?: string;
  headers?: Record<string, string>;
}

/** Calls the server and checks the answer against the document; returns the parsed body. */
// biome-ignore lint/suspicious/noExplicitAny: the body's shape was just checked against the schema
async function call(method: string, path: string, options: Call = {}): Promise<{ status: number; body: any }> {
  const { key, operation } = operationOf(method, path);
  const headers: Record<string, string> = { ...options.headers };
  if (options.as && 'key' in options.as) headers.authorization = `Bearer ${options.as.key}`;
  else if (options.as) Object.assign(headers, { cookie: options.as.cookie, 'x-csrf-token': options.as.csrf });
  let body: RequestInit['body'];
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.bytes) {
    headers['content-type'] = options.contentType ?? 'application/octet-stream';
    body = new Uint8Array(options.bytes);
  }
  const res = await fetch(`${app.url}${path}`, { method, headers, body });
  const responses = operation.responses as Record<string, ZodOpenApiResponseObject> | undefined;
  const documented = responses?.[String(res.status)];
  expect(documented, `${key} answered ${res.status}, which it does not document`).toBeDefined();
  const type = (res.headers.get('content-type') ?? '').split(';')[0] ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  if (res.status === 204 || res.status === 304) {
    expect(bytes.byteLength, key).toBe(0);
    exercised.add(key);
    return { status: res.status, body: undefined };
  }
  const content = documented?.content as Record<string, { schema?: z.ZodType }> | undefined;
  expect(Object.keys(content ?? {}), `${key} ${res.status} documents no ${type}`).toContain(type);
  if (type !== 'application/json') {
    exercised.add(key);
    return { status: res.status, body: bytes };
  }
  const json: unknown = JSON.parse(bytes.toString('utf8'));
  const schema = content?.[type]?.schema;
  if (!schema) throw new Error(`${key} ${res.status} has no schema`);
  const parsed = schema.safeParse(json);
  expect(parsed.error?.issues ?? [], `${key} ${res.status}: ${bytes.toString('utf8').slice(0, 300)}`).toEqual([]);
  // Parsing drops keys a schema does not name: an answer that differs from its parse has some.
  expect(parsed.data, `${key} ${res.status} sends fields its schema does not describe`).toEqual(json);
  if (res.status >= 400) expect(ErrorBodySchema.safeParse(json).success, key).toBe(true);
  else exercised.add(key);
  return { status: res.status, body: json };
}

describe('every answer matches the OpenAPI document', () => {
  it('accounts, keys and health', async () => {
    expect((await call('GET', '/healthz')).status).toBe(200);
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/api/starters')).body.starters.length).toBeGreaterThan(5);
    const email = `contract-${Date.now()}@example.com`;
    const signup = await fetch(`${app.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    await signup.arrayBuffer();
    expect(
      (await call('POST', '/api/auth/signup', { json: { email, password: 'correct horse battery' } })).status,
    ).toBe(409);
    expect((await call('POST', '/api/auth/signup', { json: { email: 'x', password: '' } })).status).toBe(422);
    const fresh = await call('POST', '/api/auth/signup', {
      json: { email: `contract2-${Date.now()}@example.com`, password: 'correct horse battery' },
    });
    expect(fresh.status).toBe(201);
    const login = await fetch(`${app.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'correct horse battery' }),
    });
    const cookie = login.headers.getSetCookie()[0]?.split(';')[0] ?? '';
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    expect((await call('POST', '/api/auth/login', { json: { email, password: 'correct horse battery' } })).status).toBe(
      200,
    );
    expect((await call('POST', '/api/auth/login', { json: { email, password: 'wrong password!' } })).status).toBe(401);
    const session = { cookie, csrf: csrfToken };
    expect((await call('GET', '/api/auth/me', { as: session })).body.csrfToken).toBe(csrfToken);
    expect((await call('GET', '/api/auth/me')).status).toBe(401);

    const created = await call('POST', '/api/keys', { as: session, json: { name: 'contract' } });
    expect(created.status).toBe(201);
    expect((await call('GET', '/api/auth/me', { as: { key: created.body.key } })).body.csrfToken).toBeUndefined();
    expect((await call('POST', '/api/keys', { as: session, json: { name: '' } })).status).toBe(422);
    expect((await call('GET', '/api/keys', { as: session })).body.keys).toHaveLength(1);
    expect((await call('GET', `/api/keys/${created.body.id}/signing-secret`, { as: session })).status).toBe(200);
    expect((await call('DELETE', `/api/keys/${created.body.id}`, { as: session })).status).toBe(204);
    expect((await call('DELETE', `/api/keys/${created.body.id}`, { as: session })).status).toBe(404);
    expect((await call('POST', '/api/auth/logout', { as: session })).status).toBe(204);
  });

  it('templates', async () => {
    const as = { key: app.key.key };
    const created = await call('POST', '/api/templates', { as, json: { name: 'Contract', jsonData: cardTemplate() } });
    expect(created.status).toBe(201);
    const id: string = created.body.id;
    expect((await call('POST', '/api/templates', { as, json: { jsonData: { version: 2 } } })).status).toBe(422);
    expect((await call('GET', '/api/templates', { as })).status).toBe(200);
    expect((await call('GET', `/api/templates/${id}`, { as })).body.version).toBe(1);
    expect((await call('GET', `/api/templates/${id}`, { as, headers: { 'if-none-match': '"v1"' } })).status).toBe(304);
    const put = await call('PUT', `/api/templates/${id}`, {
      as,
      json: { name: 'Renamed' },
      headers: { 'if-match': '"v1"' },
    });
    expect(put.body.version).toBe(2);
    expect(
      (await call('PUT', `/api/templates/${id}`, { as, json: { name: 'Lost' }, headers: { 'if-match': '"v1"' } }))
        .status,
    ).toBe(412);
    expect((await call('GET', `/api/templates/${id}/versions`, { as })).body.versions).toHaveLength(2);
    expect((await call('GET', `/api/templates/${id}/versions/1`, { as })).body.name).toBe('Contract');
    expect((await call('GET', `/api/templates/${id}/contract`, { as })).status).toBe(200);
    expect((await call('GET', `/api/templates/${id}/contract?version=9`, { as })).status).toBe(404);
    const restored = await call('POST', `/api/templates/${id}/versions/1/restore`, { as });
    expect([restored.status, restored.body.version, restored.body.name]).toEqual([201, 3, 'Contract']);
    expect((await call('POST', `/api/templates/${id}/versions/9/restore`, { as })).status).toBe(404);
    expect((await call('GET', `/api/templates/${id}/thumbnail`, { as })).status).toBe(200);
    expect((await call('DELETE', `/api/templates/${id}`, { as })).status).toBe(204);
    expect((await call('GET', `/api/templates/${id}`, { as })).status).toBe(404);
  });

  it('renders, stored images, assets, fonts and usage', async () => {
    const as = { key: app.key.key };
    const templateId = await app.createTemplate(cardTemplate(), { isPublic: true });
    const generated = await call('POST', '/api/generate', {
      as,
      json: { templateId, layers: { title: { text: 'Contract' } }, variables: { author: 'Ann' } },
    });
    expect(generated.status).toBe(200);
    expect((await call('POST', '/api/generate', { as, json: { templateId, layers: { nope: {} } } })).status).toBe(422);
    const batch = await call('POST', '/api/generate/batch', {
      as,
      json: {
        items: [
          { templateId, id: 'ok' },
          { templateId: 'missing', id: 'bad' },
        ],
      },
    });
    expect(batch.body.summary).toEqual({ total: 2, succeeded: 1, failed: 1 });

    const file = new URL(generated.body.imageUrl).pathname.split('/').pop();
    expect((await call('GET', `/api/images/${file}`)).status).toBe(200);
    expect((await call('GET', '/api/images/AAAAAAAAAAAAAAAAAAAAAA.png')).status).toBe(404);
    expect((await call('GET', `/api/render?templateId=${templateId}&title=Hello`)).status).toBe(200);
    expect((await call('GET', `/api/render?templateId=${templateId}&nope=1`)).status).toBe(422);

    const png = pngBytes(8, 8);
    const upload = await call('POST', '/api/assets', { as, bytes: png, contentType: 'image/png' });
    expect(upload.status).toBe(201);
    expect((await call('POST', '/api/assets', { as, bytes: png, contentType: 'image/png' })).status).toBe(200);
    expect(
      (await call('POST', '/api/assets', { as, bytes: Buffer.from('nope'), contentType: 'image/png' })).status,
    ).toBe(415);
    expect((await call('GET', upload.body.asset.url)).status).toBe(200);

    expect((await call('GET', '/api/fonts')).body.families.length).toBeGreaterThan(0);
    const fontFile = readFileSync(
      createRequire(import.meta.url).resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'),
    );
    const font = await call('POST', '/api/fonts?family=Contract%20Brand', {
      as,
      bytes: fontFile,
      contentType: 'font/ttf',
    });
    expect(font.status).toBe(201);
    expect(
      (await call('POST', '/api/fonts?family=X', { as, bytes: Buffer.from('nope'), contentType: 'font/ttf' })).status,
    ).toBe(422);
    expect((await call('GET', '/api/fonts', { as })).body.custom).toHaveLength(1);
    expect((await call('GET', font.body.font.url, { as })).status).toBe(200);
    expect((await call('DELETE', `/api/fonts/${font.body.font.id}`, { as })).status).toBe(200);
    expect((await call('GET', '/api/usage', { as })).body.renders).toBeGreaterThan(0);

    const kit = await call('PUT', '/api/brand', {
      as,
      json: { colors: [{ name: 'Signal', value: '#ff5500' }], logos: [{ assetId: upload.body.asset.id }] },
    });
    expect(kit.body.brand.logos).toHaveLength(1);
    expect((await call('PUT', '/api/brand', { as, json: { colors: [{ value: 'nope' }], logos: [] } })).status).toBe(
      422,
    );
    expect((await call('GET', '/api/brand', { as })).body.brand.colors).toHaveLength(1);

    const csv = Buffer.from('title.text\nOne\nTwo\n');
    const preview = await call('POST', `/api/bulk/preview?templateId=${templateId}`, {
      as,
      bytes: csv,
      contentType: 'text/csv',
    });
    expect(preview.body.total).toBe(2);
    const bulk = await call('POST', `/api/bulk?templateId=${templateId}`, { as, bytes: csv, contentType: 'text/csv' });
    expect(bulk.status).toBe(202);
    let job = (await call('GET', `/api/jobs/${bulk.body.jobId}`, { as })).body;
    for (let waited = 0; !['succeeded', 'failed', 'partial'].includes(job.status) && waited < 30_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      job = (await call('GET', `/api/jobs/${bulk.body.jobId}`, { as })).body;
    }
    expect(job.status).toBe('succeeded');
    expect((await call('GET', '/api/jobs', { as })).body.jobs.length).toBeGreaterThan(0);
    expect((await call('GET', `/api/jobs/${bulk.body.jobId}/archive`, { as })).status).toBe(200);
  });

  it('leaves no documented operation uncalled', () => {
    const documented = Object.entries(apiPaths).flatMap(([path, item]) =>
      METHODS.filter((m) => item?.[m]).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(documented.filter((op) => !exercised.has(op))).toEqual([]);
  });
});
