import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, type TestServer, startTestServer } from '../support/server';
import { call, titleTemplate } from '../support/client';

let server: TestServer;
let alice: Session;
let editorDir: string;
beforeAll(async () => {
  editorDir = mkdtempSync(join(tmpdir(), 'layercast-editor-'));
  mkdirSync(join(editorDir, 'assets'));
  writeFileSync(join(editorDir, 'index.html'), '<!doctype html><title>Layercast editor</title>');
  writeFileSync(join(editorDir, 'assets', 'app-1234.js'), 'console.log(1)');
  server = await startTestServer({ editorDist: editorDir });
  alice = await server.signup();
});
afterAll(async () => {
  await server?.close();
  rmSync(editorDir, { recursive: true, force: true });
});

const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(server.url, method, path, options);

describe('HTTP basics', () => {
  it('answers /healthz after checking the database', async () => {
    const res = await api('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('gives every response a request id and echoes a sane incoming one', async () => {
    const fresh = await api('GET', '/healthz');
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await api('GET', '/healthz', { headers: { 'x-request-id': 'trace-42' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42');
    const evil = await api('GET', '/healthz', { headers: { 'x-request-id': 'a b<script>' } });
    expect(evil.headers.get('x-request-id')).not.toContain('script');
  });

  it('uses one JSON error shape for unknown API routes, malformed JSON, wrong type and oversize bodies', async () => {
    const unknown = await api('GET', '/api/nope');
    expect(unknown.status).toBe(404);
    // The request id in the body is the one in the header: what support asks for.
    expect(unknown.body).toEqual({
      success: false,
      error: { code: 'not_found', message: 'not found', requestId: unknown.headers.get('x-request-id') },
    });
    expect(unknown.headers.get('www-authenticate')).toBeNull();
    const anonymous = await api('GET', '/api/templates');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="layercast"');

    const malformed = await api('POST', '/api/templates', {
      as: alice,
      raw: '{"name": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('malformed_json');

    const wrongType = await api('POST', '/api/templates', {
      as: alice,
      raw: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.error.code).toBe('unsupported_media_type');

    const big = { name: 'big', jsonData: titleTemplate('x'.repeat(1_100_000)) };
    const oversize = await api('POST', '/api/templates', { as: alice, body: big });
    expect(oversize.status).toBe(413);
    expect(oversize.body.error.code).toBe('payload_too_large');

    for (const res of [unknown, malformed, wrongType, oversize]) {
      const text = JSON.stringify(res.body);
      expect(text).not.toMatch(/at \w+ \(|node_modules|\/work\/|SELECT|sqlite/i);
    }
  });

  it('serves the OpenAPI 3.1 document generated from the zod schemas', async () => {
    const res = await api('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    const paths = [
      '/api/templates',
      '/api/templates/{id}',
      '/api/keys',
      '/api/auth/signup',
      '/healthz',
      '/api/generate',
      '/api/render',
    ];
    for (const path of paths) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    // The template document's schema comes from shared's zod model, limits included.
    const doc = res.body.components.schemas.TemplateDocument;
    expect(JSON.stringify(doc)).toContain('"maximum":4096');
    const signup = res.body.paths['/api/auth/signup'].post.requestBody.content['application/json'].schema;
    expect(signup.properties.password.minLength).toBe(8);
    expect(res.body.paths['/api/keys'].post.description).toContain('HMAC-SHA256');
  });

  it('serves the docs page with Swagger UI from this server (no CDN)', async () => {
    const redirect = await fetch(`${server.url}/docs`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/docs/');
    const page = await fetch(`${server.url}/docs/`);
    const html = await page.text();
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('swagger-ui-bundle.js');
    expect(html).not.toMatch(/https?:\/\//);
    const bundle = await fetch(`${server.url}/docs/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
    const init = await (await fetch(`${server.url}/docs/swagger-initializer.js`)).text();
    expect(init).toContain('/api/openapi.json');
    expect((await fetch(`${server.url}/docs/package.json`)).status).toBe(404);
  });

  it('serves the built editor at / with a fallback for client routes, never for the API', async () => {
    const root = await fetch(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(await root.text()).toContain('Layercast editor');
    const deep = await fetch(`${server.url}/templates/123/edit`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('Layercast editor');
    const asset = await fetch(`${server.url}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    const apiMiss = await fetch(`${server.url}/api/missing`, { headers: { accept: 'text/html' } });
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.headers.get('content-type')).toContain('application/json');
    const traversal = await fetch(`${server.url}/..%2f..%2fpackage.json`);
    expect(await traversal.text()).not.toContain('"name"');
  });
});
