// The real product for browser tests: the editor's test build (`build:e2e`, which adds the
// `window.__layercast` hook the tests read) served by the real server over a temp data
// directory, and Debian's Chromium driven by playwright-core.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from 'playwright-core';
import sharp from 'sharp';
import { loadConfig } from '../../server/src/config';
import { startServer } from '../../server/src/main';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PASSWORD = 'correct horse battery';

/** The editor's test build; production builds (editor/dist) carry no test hook. */
export const EDITOR_TEST_DIST = join(ROOT, 'editor/dist-e2e');

/** scripts/test.sh builds the editor before the tests; a developer's run builds it when it is missing. */
export function ensureEditorBuilt(): void {
  if (existsSync(join(EDITOR_TEST_DIST, 'index.html'))) return;
  execFileSync('pnpm', ['--filter', '@layercast/editor', 'build:e2e'], { cwd: ROOT, stdio: 'inherit' });
}

export interface RunningLayercast {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Starts the server with the e2e editor build; `extraEnv` adds settings (LAYERCAST_FETCH_ALLOW…). */
export async function startLayercast(extraEnv: Record<string, string> = {}): Promise<RunningLayercast> {
  ensureEditorBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'layercast-e2e-'));
  const env = {
    LAYERCAST_DATA: dataDir,
    LAYERCAST_LOG_LEVEL: 'silent',
    LAYERCAST_EDITOR_DIST: EDITOR_TEST_DIST,
    PORT: '0',
    HOST: '127.0.0.1',
    ...extraEnv,
  };
  const config = loadConfig(env);
  const running = await startServer(config);
  return {
    url: `http://127.0.0.1:${running.port}`,
    dataDir,
    async stop() {
      await running.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Same pixels on every machine: no LCD subpixel text, no GPU rasterization.
      '--disable-lcd-text',
      '--force-color-profile=srgb',
    ],
  });
}

/** A new browser context signed in as `session`: its cookie is set for the server's origin. */
export async function signedInContext(
  browser: Browser,
  url: string,
  session: { cookie: string },
  options: BrowserContextOptions = { viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 },
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  const [name, value] = session.cookie.split('=');
  await context.addCookies([{ name: name!, value: value!, url }]);
  return context;
}

/** Resolves once the designer has its document, fonts and first paint (`__layercast.ready`). */
export function designerReady(page: Page, timeout = 60_000): Promise<unknown> {
  return page.waitForFunction(
    () => (window as unknown as { __layercast?: { ready: boolean } }).__layercast?.ready === true,
    null,
    { timeout },
  );
}

/** Collects page errors so a test can fail on an uncaught exception in the editor. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

export interface ApiSession {
  cookie: string;
  csrf: string;
  email: string;
}

export async function signupViaApi(url: string, email = `parity-${Date.now()}@example.com`): Promise<ApiSession> {
  const res = await fetch(`${url}/api/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: body.csrfToken, email };
}

export async function api<T>(
  url: string,
  session: ApiSession,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      cookie: session.cookie,
      'x-csrf-token': session.csrf,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, 4 bytes a pixel. */
  data: Buffer;
}

export async function decodeImage(bytes: Buffer | Uint8Array): Promise<Pixels> {
  const { data, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

export async function encodePng(p: Pixels): Promise<Buffer> {
  return sharp(p.data, { raw: { width: p.width, height: p.height, channels: 4 } })
    .png()
    .toBuffer();
}

export function dataUrlBytes(dataUrl: string): Buffer {
  return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/**
 * Where the tests' screenshots go: an ignored directory, so a test run changes no tracked
 * file. `pnpm docs:screenshots` points LAYERCAST_SCREENSHOT_DIR at docs/screenshots to
 * refresh the documentation's pictures on purpose.
 */
export function screenshotPath(name: string): string {
  const dir = resolve(ROOT, process.env.LAYERCAST_SCREENSHOT_DIR || '.e2e-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

export function writeArtifact(dir: string, name: string, bytes: Buffer): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, bytes);
  return file;
}
