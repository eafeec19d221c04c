// kill -9 of the server while it is acknowledging writes: every write it answered 201 to is
// there after a restart on the same data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServe } from '../support/cli';
import { titleTemplate } from '../support/client';

const dataDir = mkdtempSync(join(tmpdir(), 'layercast-kill-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('durability', () => {
  it('loses no acknowledged write when the server is killed with SIGKILL', async () => {
    const env = { LAYERCAST_DATA: dataDir };
    const first = await spawnServe(env);
    const signup = await fetch(`${first.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kill@example.com', password: 'correct horse battery' }),
    });
    const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const keyRes = await fetch(`${first.url}/api/keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'k' }),
    });
    const { key } = (await keyRes.json()) as { key: string };

    const acknowledged: string[] = [];
    let stop = false;
    // Four writers in parallel, each creating templates as fast as the server answers.
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        try {
          const res = await fetch(`${first.url}/api/templates`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
            body: JSON.stringify({ name: `w${w}-${i}`, jsonData: titleTemplate(`writer ${w} item ${i}`) }),
          });
          if (res.status === 201) acknowledged.push(((await res.json()) as { id: string }).id);
        } catch {
          return; // the server is gone
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    await new Promise((r) => setTimeout(r, 1500));
    const exited = new Promise((r) => first.child.once('exit', r));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(writers);
    await exited;
    expect(acknowledged.length).toBeGreaterThan(5);

    const second = await spawnServe(env);
    try {
      const res = await fetch(`${second.url}/api/templates`, { headers: { authorization: `Bearer ${key}` } });
      expect(res.status).toBe(200);
      const ids = new Set(((await res.json()) as { templates: { id: string }[] }).templates.map((t) => t.id));
      const missing = acknowledged.filter((id) => !ids.has(id));
      expect(missing).toEqual([]);
      // Each acknowledged template is whole: its version row exists too.
      const one = await fetch(`${second.url}/api/templates/${acknowledged.at(-1)}/versions`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(((await one.json()) as { versions: unknown[] }).versions).toHaveLength(1);
    } finally {
      second.child.kill('SIGTERM');
    }
  });
});
