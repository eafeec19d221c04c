// Two real `layercast serve` processes on one Postgres database and one bucket (s3rver), as
// docs/deploy.md describes: what one node did, the other sees. Sessions and signed URLs cross
// nodes, a render stored by one is a cache hit on the other, a monthly quota holds exactly
// under concurrent generates split across both, and kill -9 of one node under writes loses
// no acknowledged write while the other keeps serving.
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase } from '../../src/db/database';
import type { Database } from '../../src/db/schema';
import { runCli, spawnServe } from '../support/cli';
import { call, titleTemplate } from '../support/client';
import type { Session } from '../support/server';
import { startS3Server, type TestS3Server } from '../support/s3-server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

interface Node {
  child: ChildProcess;
  url: string;
  dataDir: string;
}

const root = mkdtempSync(join(tmpdir(), 'layercast-nodes-'));
let database: TestDatabase;
let s3: TestS3Server;
let env: Record<string, string>;
let db: Kysely<Database>;
const nodes: Node[] = [];
let a: Node;
let b: Node;

async function startNode(name: string): Promise<Node> {
  // Each node is pointed at a data directory of its own that must stay empty (unmade, even):
  // nothing a node keeps may live on its disk.
  const dataDir = join(root, name);
  const { child, url } = await spawnServe({ ...env, LAYERCAST_DATA: dataDir });
  const node = { child, url, dataDir };
  nodes.push(node);
  return node;
}

beforeAll(async () => {
  database = await createTestDatabase();
  s3 = await startS3Server('layercast-nodes');
  env = { DATABASE_URL: database.url, ...s3.env('cluster') };
  [a, b] = await Promise.all([startNode('a'), startNode('b')]);
  db = await connectDatabase({ dataDir: root, databaseUrl: database.url });
}, 180_000);

afterAll(async () => {
  const running = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
  const exited = running.map((n) => new Promise((r) => n.child.once('exit', r)));
  for (const node of running) node.child.kill('SIGTERM');
  await Promise.all(exited);
  await db?.destroy();
  await s3?.stop();
  await database?.drop();
  rmSync(root, { recursive: true, force: true });
});

async function signup(node: Node, email: string): Promise<Session> {
  const res = await fetch(`${node.url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'correct horse battery' }),
  });
  expect(res.status).toBe(201);
  const body = (await res.json()) as { account: { id: string }; csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken, accountId: body.account.id, email };
}

async function createTemplate(node: Node, as: Session | { key: string }, text = 'Hello'): Promise<string> {
  const res = await call(node.url, 'POST', '/api/templates', {
    as,
    body: { name: text, jsonData: titleTemplate(text) },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

async function createKey(node: Node, session: Session): Promise<{ key: string; id: string }> {
  const res = await call(node.url, 'POST', '/api/keys', { as: session, body: { name: 'nodes' } });
  expect(res.status).toBe(201);
  return res.body as { key: string; id: string };
}

describe('two nodes on one Postgres and one bucket', { timeout: 90_000 }, () => {
  it('keep nothing on their own disk', () => {
    expect(existsSync(a.dataDir)).toBe(false);
    expect(existsSync(b.dataDir)).toBe(false);
  });

  it('share sessions, CSRF tokens, API keys and signed URLs', async () => {
    const session = await signup(a, 'cross@example.com');
    const me = await call(b.url, 'GET', '/api/auth/me', { as: session });
    expect(me.status).toBe(200);
    expect(me.body.account.email).toBe('cross@example.com');
    expect(me.body.csrfToken).toBe(session.csrf);
    // A cookie write on B with the token A handed out.
    const templateId = await createTemplate(b, session, 'made on b');
    const key = await createKey(b, session);
    const listed = await call(a.url, 'GET', '/api/templates', { as: { key: key.key } });
    expect(listed.body.templates.map((t: { id: string }) => t.id)).toEqual([templateId]);
    // The CLI, pointed at the same DATABASE_URL, signs with the shared secret; B accepts it.
    const signed = await runCli(
      ['sign', '--template', templateId, '--kid', key.id, '--url', b.url, '--format', 'png'],
      {
        ...env,
        LAYERCAST_DATA: join(root, 'cli'),
      },
    );
    expect(signed.stderr).toBe('');
    expect(signed.code).toBe(0);
    const image = await fetch(signed.stdout.trim());
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
  });

  it('serve a render stored by one node as a cache hit on the other, with the same bytes and ETag', async () => {
    const session = await signup(a, 'cache@example.com');
    const { key } = await createKey(a, session);
    const templateId = await createTemplate(a, { key }, 'cached across nodes');
    const path = `/api/render?templateId=${templateId}&title=shared`;
    const first = await fetch(`${a.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await fetch(`${b.url}${path}`, { headers: { authorization: `Bearer ${key}` } });
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(Buffer.from(await second.arrayBuffer()).equals(Buffer.from(await first.arrayBuffer()))).toBe(true);

    // An imageUrl handed out by B is served by A.
    const generated = await call(b.url, 'POST', '/api/generate', {
      as: { key },
      body: { templateId, layers: { title: { text: 'by url' } } },
    });
    expect(generated.status).toBe(200);
    const onA = await fetch(generated.body.imageUrl.replace(b.url, a.url));
    expect(onA.status).toBe(200);
    expect(onA.headers.get('etag')).toBe(generated.headers.get('etag'));
  });

  it('store one row when both nodes miss the same render at once', async () => {
    const session = await signup(b, 'race@example.com');
    const { key } = await createKey(b, session);
    const templateId = await createTemplate(b, { key }, 'raced');
    const body = { templateId, layers: { title: { text: 'the same request everywhere' } } };
    const replies = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(i % 2 ? a.url : b.url, 'POST', '/api/generate', { as: { key }, body })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    // Every caller got the one stored render, whichever node made it.
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    const rows = await db.selectFrom('renders').select('id').where('template_id', '=', templateId).execute();
    expect(rows).toHaveLength(1);
  });

  it('hold a monthly quota exactly under 40 concurrent generates split across the nodes', async () => {
    const session = await signup(a, 'quota@example.com');
    const { key } = await createKey(a, session);
    const templateId = await createTemplate(a, { key }, 'quota');
    // The CLI on DATABASE_URL sets the limit both nodes then read.
    const limits = await runCli(['accounts', 'limits', '--email', 'quota@example.com', '--monthly-quota', '10'], {
      ...env,
      LAYERCAST_DATA: join(root, 'cli'),
    });
    expect(limits.stdout).toContain('quota@example.com: monthly quota 10');
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        call(i % 2 ? a.url : b.url, 'POST', '/api/generate', {
          as: { key },
          body: { templateId, layers: { title: { text: `distinct ${i}` } } },
        }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(30);
    const usage = await db
      .selectFrom('usage_months')
      .select('renders')
      .where('account_id', '=', session.accountId)
      .executeTakeFirstOrThrow();
    expect(usage.renders).toBe(10);
    const stored = await db.selectFrom('renders').select('id').where('template_id', '=', templateId).execute();
    expect(stored).toHaveLength(10);
  });

  it('lose no acknowledged write when one node is killed with -9 under writes, while the other keeps serving', async () => {
    const session = await signup(a, 'kill@example.com');
    const { key } = await createKey(a, session);
    const acknowledged: string[] = [];
    let afterKillOnB = 0;
    let killed = false;
    let stop = false;
    const writer = async (node: Node, w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${node.url}/api/templates`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ name: `w${w}-${i}`, jsonData: titleTemplate(`writer ${w} item ${i}`) }),
          });
          if (res.status === 201) {
            acknowledged.push(((await res.json()) as { id: string }).id);
            if (killed && node === b) afterKillOnB++;
          }
        } catch {
          if (node === a) return; // A is gone
          throw new Error('node B failed a request after node A was killed');
        }
      }
    };
    const writers = [writer(a, 0), writer(a, 1), writer(b, 2), writer(b, 3)];
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise((r) => a.child.once('exit', r));
    a.child.kill('SIGKILL');
    await exited;
    killed = true;
    await new Promise((r) => setTimeout(r, 1500));
    stop = true;
    await Promise.all(writers);
    expect(acknowledged.length).toBeGreaterThan(10);
    expect(afterKillOnB).toBeGreaterThan(3);
    const stored = await db.selectFrom('templates').select('id').where('account_id', '=', session.accountId).execute();
    const ids = new Set(stored.map((r) => r.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    // Each acknowledged template is whole: its first version is there too.
    const versions = await db
      .selectFrom('template_versions')
      .select('template_id')
      .where('template_id', 'in', acknowledged)
      .where('version', '=', 1)
      .execute();
    expect(versions).toHaveLength(acknowledged.length);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
  });
});
