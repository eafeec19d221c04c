// The login throttle is a row in the database, so two nodes on one database count the same
// guesses: five failures on one node and five on the other lock the pair out on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SecondNode, TEST_PASSWORD, type TestServer, startSecondNode, startTestServer } from '../support/server';
import { call } from '../support/client';

let nodeA: TestServer;
let nodeB: SecondNode;
beforeAll(async () => {
  nodeA = await startTestServer();
  nodeB = await startSecondNode(nodeA);
});
afterAll(async () => {
  await nodeB?.close();
  await nodeA?.close();
});

describe('the login throttle across nodes', () => {
  it('counts failures made on either node together, and stores no email in clear', async () => {
    const { email } = await nodeA.signup('guessed@example.com');
    for (let i = 0; i < 10; i++) {
      const node = i % 2 === 0 ? nodeA.url : nodeB.url;
      const res = await call(node, 'POST', '/api/auth/login', { body: { email, password: `guess-${i}-xx` } });
      expect(res.status, `guess ${i}`).toBe(401);
    }
    for (const node of [nodeA.url, nodeB.url]) {
      const blocked = await call(node, 'POST', '/api/auth/login', { body: { email, password: TEST_PASSWORD } });
      expect(blocked.status).toBe(429);
      expect(blocked.body.error.code).toBe('too_many_attempts');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
    }
    const rows = await nodeA.db.selectFrom('login_failures').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.count).toBe(10);
    expect(JSON.stringify(rows)).not.toContain('guessed');

    // Another email from the same address is not locked out.
    const other = await nodeA.signup('other@example.com');
    const ok = await call(nodeB.url, 'POST', '/api/auth/login', {
      body: { email: other.email, password: TEST_PASSWORD },
    });
    expect(ok.status).toBe(200);
  });
});
