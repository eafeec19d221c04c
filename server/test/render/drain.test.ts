// SIGTERM drains: renders already under way finish and are stored — even for clients that hung
// up — before the render children stop, so nothing fails with "Worker terminated" and the
// process exits 0. New requests are not started meanwhile.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src/db/database';
import { spawnServe } from '../support/cli';
import { cardTemplate } from '../support/render-server';

const dataDir = mkdtempSync(join(tmpdir(), 'layercast-drain-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('graceful shutdown', () => {
  it('lets in-flight renders finish after SIGTERM, then exits 0 without errors', async () => {
    const { child, url } = await spawnServe({ LAYERCAST_DATA: dataDir, LAYERCAST_RENDER_WORKERS: '1' });
    let logs = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      logs += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

    const signup = await fetch(`${url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'drain@example.com', password: 'correct horse battery' }),
    });
    const cookie = signup.headers.getSetCookie()[0]!.split(';')[0]!;
    const { csrfToken } = (await signup.json()) as { csrfToken: string };
    const headers = { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken };
    const created = await fetch(`${url}/api/templates`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'card', jsonData: cardTemplate(), isPublic: true }),
    });
    const { id } = (await created.json()) as { id: string };

    // Thirty uncached renders queue behind one render child (about a second of work); the
    // clients hang up at once.
    const aborts = Array.from({ length: 30 }, (_, i) => {
      const controller = new AbortController();
      fetch(`${url}/api/render?templateId=${id}&title=Drain%20${i}`, { signal: controller.signal }).catch(
        () => undefined,
      );
      return controller;
    });
    // Once every request has been charged to the caller's per-IP rate it holds a place in the
    // pool and waits for the child (a fixed pause is too short on a loaded machine, and the
    // warm child stores its first render before all thirty have arrived).
    const count = (query: string) => {
      const db = new SqliteDatabase(join(dataDir, DATABASE_FILE), { readonly: true });
      try {
        return (db.prepare(query).get() as { n: number | null }).n ?? 0;
      } finally {
        db.close();
      }
    };
    const storedRenders = () => count("select count(*) as n from renders where origin = 'render'");
    const chargedRequests = () => count("select sum(count) as n from rate_windows where bucket like 'ip:%'");
    for (let waited = 0; (chargedRequests() < 30 || storedRenders() < 1) && waited < 20_000; waited += 25) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    for (const controller of aborts) controller.abort();
    child.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(logs).not.toMatch(/Worker terminated|Pool terminated|unhandled error/);
    // The renders that were under way were stored (the clients' hang-up did not cancel them);
    // stopping the children at once would have kept only the one or two done by then.
    expect(storedRenders()).toBeGreaterThanOrEqual(20);
  }, 120_000);
});
