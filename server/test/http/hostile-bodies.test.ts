// Untrusted JSON costs time linear in its size: the bodies a red-team pass used to freeze the
// event loop (wide, deep, holding `__proto__`), nesting deep enough to overflow a recursive
// walk, duplicate keys that hide mistakes, and compressed bodies that do not decompress.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, scanJsonText } from '../../src/http/json-text';
import { type Session, type TestServer, startTestServer } from '../support/server';
import { call, titleTemplate } from '../support/client';

let server: TestServer;
let alice: Session;
beforeAll(async () => {
  server = await startTestServer();
  alice = await server.signup();
});
afterAll(async () => {
  await server?.close();
});

const postRaw = (raw: string | Buffer, headers: Record<string, string> = {}, as?: Session) => {
  const sent: Record<string, string> = { 'content-type': 'application/json', ...headers };
  if (as) {
    sent.cookie = as.cookie;
    sent['x-csrf-token'] = as.csrf;
  }
  return fetch(`${server.url}/api/templates`, { method: 'POST', headers: sent, body: raw });
};

// biome-ignore lint/suspicious/noExplicitAny: answers are checked by assertions, not by types
const json = async (res: Response): Promise<any> => res.json();

/** About 1 MB: `depth` nested objects, each with `width` keys, `__proto__` at the bottom. */
function wideDeepPoisoned(depth: number, width: number): string {
  const siblings = Array.from({ length: width }, (_, i) => `"k${i}":{"v":[1,2,3]}`).join(',');
  return `${`{${siblings},"n":`.repeat(depth)}{"__proto__":{"admin":true}}${'}'.repeat(depth)}`;
}

describe('the JSON scan', () => {
  it('names the path of duplicate and poisoning keys, escaped or not, and bounds the depth', () => {
    expect(scanJsonText('{"a":1,"b":{"c":[{"d":1},{"d":2,"d":3}]}}')).toEqual({
      kind: 'duplicate_key',
      path: ['b', 'c', 1, 'd'],
    });
    expect(scanJsonText('{"a":[0,{"\\u005f_proto__":1}]}')).toEqual({
      kind: 'forbidden_key',
      path: ['a', 1, '__proto__'],
    });
    expect(scanJsonText('{"constructor":{"prototype":{}}}')).toEqual({
      kind: 'forbidden_key',
      path: ['constructor', 'prototype'],
    });
    // A key that only looks like one inside a string value is data.
    expect(scanJsonText('{"a":"{\\"a\\":1,\\"a\\":2}","b":"__proto__"}')).toBeUndefined();
    expect(scanJsonText('{"constructor":{"x":1},"prototype":2}')).toBeUndefined();
    expect(scanJsonText(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toBeUndefined();
    expect(scanJsonText(`${'['.repeat(MAX_JSON_DEPTH + 1)}${']'.repeat(MAX_JSON_DEPTH + 1)}`)).toEqual({
      kind: 'too_deep',
    });
  });
});

describe('hostile JSON bodies', () => {
  it('refuses a 1 MB deep, wide, poisoned body in far less CPU than the old walk took', async () => {
    // A path copied per visited key made this cost depth × width: over 3 s of blocked event loop.
    const body = `${'{"n":'.repeat(4000)}{"a":[${Array(400_000).fill(1).join(',')}],"__proto__":1}${'}'.repeat(4000)}`;
    expect(body.length).toBeLessThan(1_048_576);
    const before = process.cpuUsage();
    const res = await postRaw(body, {}, alice);
    const used = process.cpuUsage(before);
    expect(res.status).toBe(422);
    expect((await json(res)).error.details).toEqual([
      { path: '', message: `nested deeper than ${MAX_JSON_DEPTH} levels; flatten the body` },
    ]);
    // Server and client share this process. The bound is 20× the issue's 50 ms so a loaded
    // machine does not fail it; the old walk needed over 3,000 ms.
    expect((used.user + used.system) / 1000).toBeLessThan(1000);
  });

  it('names the path of a poisoning key in a wide body within the depth limit', async () => {
    const body = wideDeepPoisoned(60, 780);
    expect(body.length).toBeGreaterThan(900_000);
    expect(body.length).toBeLessThan(1_048_576);
    const res = await postRaw(body, {}, alice);
    expect(res.status).toBe(422);
    const answer = await json(res);
    expect(answer.error.code).toBe('invalid_request');
    expect(answer.error.details[0].path).toBe(`${'n.'.repeat(60)}__proto__`);
  });

  it('answers nesting far past the limit with a JSON 422 naming the limit, not a stack overflow', async () => {
    for (const raw of [
      `${'['.repeat(200_000)}${']'.repeat(200_000)}`,
      `${'{"a":'.repeat(100_000)}{"__proto__":1}${'}'.repeat(100_000)}`,
    ]) {
      const res = await postRaw(raw, {}, alice);
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toContain('application/json');
      const answer = await json(res);
      expect(answer.error.details).toEqual([
        { path: '', message: `nested deeper than ${MAX_JSON_DEPTH} levels; flatten the body` },
      ]);
    }
    // Anonymous: the same answer before any route looks at it, and still JSON.
    const anonymous = await postRaw(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(anonymous.headers.get('content-type')).toContain('application/json');
    expect([401, 422]).toContain(anonymous.status);
    expect((await call(server.url, 'GET', '/healthz')).status).toBe(200);
  });

  it('refuses duplicate keys with 400 duplicate_key and the path, storing nothing', async () => {
    const raw = '{"name":"dup","jsonData":{"version":3,"width":100,"height":100,"layers":[{"name":"a","name":"b"}]}}';
    const res = await postRaw(raw, {}, alice);
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({
      success: false,
      error: { code: 'duplicate_key', details: [{ path: 'jsonData.layers[0].name' }] },
    });
    expect(await server.db.selectFrom('templates').select('id').where('name', '=', 'dup').execute()).toEqual([]);
  });

  it('reads gzip bodies, answers a broken one with 400 malformed_body and an unknown encoding with 415', async () => {
    const good = gzipSync(Buffer.from(JSON.stringify({ name: 'zipped', jsonData: titleTemplate() })));
    const created = await postRaw(good, { 'content-encoding': 'gzip' }, alice);
    expect(created.status).toBe(201);

    const broken = await postRaw(Buffer.from('this is not gzip at all'), { 'content-encoding': 'gzip' }, alice);
    expect(broken.status).toBe(400);
    expect((await json(broken)).error.code).toBe('malformed_body');

    const unknown = await postRaw('{}', { 'content-encoding': 'zstd-ish' }, alice);
    expect(unknown.status).toBe(415);
    expect((await json(unknown)).error.code).toBe('unsupported_media_type');

    // A gzip bomb is cut at 1 MB of decompressed text.
    const bomb = gzipSync(Buffer.from(`{"name":"${'a'.repeat(5_000_000)}"}`));
    const cut = await postRaw(bomb, { 'content-encoding': 'gzip' }, alice);
    expect(cut.status).toBe(413);
  });

  it('applies the same rules to JSON in a render query', async () => {
    const created = await call(server.url, 'POST', '/api/templates', {
      as: alice,
      body: { name: 'q', jsonData: titleTemplate() },
    });
    const id = created.body.id as string;
    const layers = encodeURIComponent('{"title":{"text":"a","text":"b"}}');
    const res = await call(server.url, 'GET', `/api/render?templateId=${id}&layers=${layers}`, { as: alice });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('duplicate_key');
  });
});
