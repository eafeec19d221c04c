// Password hashing is expensive on purpose (scrypt, 32 MiB) and runs on libuv's small
// thread pool, which file reads share. Sign-up and login are therefore limited per client
// address, and at most two hashes run at once: the rest wait in a short queue, and past it
// the server answers 503 instead of letting every file read wait behind the hashes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConcurrencyGate, GateFullError } from '../../src/auth/hash-gate';
import { TEST_PASSWORD, type TestServer, startTestServer } from '../support/server';
import { call } from '../support/client';

async function awaitFreshMinute(): Promise<void> {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 45) await new Promise((r) => setTimeout(r, (61 - intoMinute) * 1000));
}

describe('per-address rate of sign-up and login', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ authRatePerMinute: 5, trustProxy: true });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses the sixth attempt in a minute with 429, Retry-After and the JSON error', async () => {
    await awaitFreshMinute();
    const attempt = (i: number, forwardedFor = '198.51.100.7') =>
      call(server.url, 'POST', i % 2 ? '/api/auth/login' : '/api/auth/signup', {
        body: { email: `rate-${i}-${Date.now()}@example.com`, password: TEST_PASSWORD },
        headers: { 'x-forwarded-for': forwardedFor },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(i)).status);
    expect(statuses).toEqual([201, 401, 201, 401, 201]);
    const refused = await attempt(5);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ success: false, error: { code: 'rate_limited' } });
    expect(refused.body.error.message).toContain('5 sign-up and login attempts per minute');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Nothing was created by the refused sign-up; another address is unaffected.
    expect((await attempt(6)).status).toBe(429);
    const accounts = await server.db.selectFrom('accounts').select('email').where('email', 'like', 'rate-%').execute();
    expect(accounts).toHaveLength(3);
    expect((await attempt(8, '198.51.100.8')).status).toBe(201);
  });
});

describe('password hashing under a flood of logins', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ authRatePerMinute: 1000 });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('runs two hashes at a time, sheds the excess with 503, and file reads do not wait behind them', async () => {
    let hashedLogins = 0;
    const logins = Array.from({ length: 40 }, (_, i) =>
      call(server.url, 'POST', '/api/auth/login', {
        body: { email: `flood-${i}@example.com`, password: TEST_PASSWORD },
      }).then((res) => {
        if (res.status === 401) hashedLogins++;
        return res;
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    // A file served from disk (fs work on the same thread pool as scrypt).
    const file = await fetch(`${server.url}/docs/swagger-ui.css`);
    expect(file.status).toBe(200);
    await file.arrayBuffer();
    const hashedWhenFileArrived = hashedLogins;
    const replies = await Promise.all(logins);

    const shed = replies.filter((r) => r.status === 503);
    expect(shed.length).toBeGreaterThan(0);
    expect(shed[0]?.body).toMatchObject({ success: false, error: { code: 'overloaded' } });
    expect(Number(shed[0]?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(replies.every((r) => r.status === 401 || r.status === 503)).toBe(true);
    // Two hash at a time and 16 wait; the file did not queue behind the whole flood.
    expect(replies.filter((r) => r.status === 401)).toHaveLength(40 - shed.length);
    expect(hashedWhenFileArrived).toBeLessThan(8);
  });
});

describe('ConcurrencyGate', () => {
  let release: (() => void)[] = [];
  afterEach(() => {
    for (const r of release) r();
    release = [];
  });

  it('runs at most maxRunning tasks, queues maxQueued more, refuses the rest', async () => {
    const gate = new ConcurrencyGate(2, 1);
    let running = 0;
    let peak = 0;
    const task = () =>
      gate.run(
        () =>
          new Promise<void>((resolve) => {
            running++;
            peak = Math.max(peak, running);
            release.push(() => {
              running--;
              resolve();
            });
          }),
      );
    const first = [task(), task(), task()];
    await expect(task()).rejects.toBeInstanceOf(GateFullError);
    await new Promise((r) => setTimeout(r, 10));
    expect(running).toBe(2);
    // Finishing one hands its slot to the queued task.
    release.shift()?.();
    await new Promise((r) => setTimeout(r, 10));
    expect(running).toBe(2);
    while (release.length) release.shift()?.();
    await Promise.all(first);
    expect(peak).toBe(2);
    expect(running).toBe(0);
    // Free again: a new task runs at once.
    const late = task();
    await new Promise((r) => setTimeout(r, 10));
    expect(running).toBe(1);
    release.shift()?.();
    await late;
  });
});
