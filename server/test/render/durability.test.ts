// kill -9 of `layercast serve` while it renders: every render it acknowledged (200 with an
// imageUrl) is served, byte-identical by ETag, after a restart on the same data directory,
// and the killed server's render children do not outlive it.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServe } from '../support/cli';
import { cardTemplate } from '../support/render-server';

const dataDir = mkdtempSync(join(tmpdir(), 'layercast-render-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Child process ids from /proc (Linux), without depending on procps being installed. */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the parenthesised command name: state, ppid, ...
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // the process went away while we looked
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('render durability', () => {
  it('keeps every acknowledged render across SIGKILL', async () => {
    const env = { LAYERCAST_DATA: dataDir, LAYERCAST_RENDER_WORKERS: '2' };
    const first = await spawnServe(env);
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'render-kill@example.com', password: 'correct horse battery' }),
    });
    const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const { key } = (await (
      await fetch(`${first.url}/api/keys`, { method: 'POST', headers, body: '{"name":"k"}' })
    ).json()) as { key: string };
    const created = await fetch(`${first.url}/api/templates`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'card', jsonData: cardTemplate() }),
    });
    const { id: templateId } = (await created.json()) as { id: string };

    const acknowledged: { path: string; etag: string }[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${first.url}/api/generate`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ templateId, layers: { title: { text: `writer ${w} render ${i}` } } }),
          });
          if (res.status === 200) {
            const body = (await res.json()) as { imageUrl: string };
            acknowledged.push({ path: new URL(body.imageUrl).pathname, etag: res.headers.get('etag')! });
          }
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [0, 1, 2].map(writer);
    const deadline = Date.now() + 20_000;
    while (acknowledged.length < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const renderChildren = childrenOf(first.child.pid!);
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited;
    expect(acknowledged.length).toBeGreaterThanOrEqual(6);
    expect(renderChildren.length).toBeGreaterThan(0);

    const second = await spawnServe(env);
    try {
      for (const { path, etag } of acknowledged) {
        const res = await fetch(`${second.url}${path}`);
        expect(res.status, path).toBe(200);
        expect(res.headers.get('etag'), path).toBe(etag);
        expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
      }
      // Orphaned render children notice the lost parent and exit.
      const gone = Date.now() + 10_000;
      while (renderChildren.some(alive) && Date.now() < gone) await new Promise((r) => setTimeout(r, 100));
      expect(renderChildren.filter(alive)).toEqual([]);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
