// The /docs page in a real browser: Swagger UI loads from this server alone and renders the
// generated document.
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../support/server';

const { chromium } = createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core');
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.close());

describe('/docs', () => {
  it('renders every API section from the OpenAPI document without outside requests', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
    try {
      const page = await browser.newPage();
      const foreign: string[] = [];
      const failures: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(server.url) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      page.on('requestfailed', (r) => failures.push(r.url()));
      page.on('pageerror', (e) => failures.push(e.message));
      await page.goto(`${server.url}/docs`);
      await page.getByText('Layercast API', { exact: false }).first().waitFor();
      await page.locator('.opblock-summary-path', { hasText: '/api/templates/{id}' }).first().waitFor();
      const tags = await page.locator('.opblock-tag').allInnerTexts();
      expect(tags.join(' ')).toMatch(/Accounts.*API keys.*Templates/s);
      expect(foreign).toEqual([]);
      expect(failures).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
