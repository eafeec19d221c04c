import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../support/server';
import { ROOT, runCli } from '../support/cli';
import { call, titleTemplate } from '../support/client';

let server: TestServer;
let work: string;
beforeAll(async () => {
  server = await startTestServer();
  work = mkdtempSync(join(tmpdir(), 'layercast-cli-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('layercast keys create / push / sign', () => {
  let key = '';
  let keyId = '';

  it('creates a key in the local data directory that the running server accepts', async () => {
    const env = { LAYERCAST_DATA: server.dataDir };
    const none = await runCli(['keys', 'create', '--name', 'ci'], env);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no accounts yet');

    const created = await runCli(['keys', 'create', '--name', 'ci', '--email', 'ci@example.com'], env);
    expect(created.code, created.stderr).toBe(0);
    key = created.stdout.trim();
    expect(key).toMatch(/^lc_live_[0-9A-Za-z]{32}$/);
    keyId = /key id:\s+(\S+)/.exec(created.stderr)?.[1] ?? '';
    expect((await call(server.url, 'GET', '/api/templates', { as: { key } })).status).toBe(200);
  });

  it('creates a render-only key with --scopes, and refuses unknown scopes', async () => {
    const env = { LAYERCAST_DATA: server.dataDir };
    const created = await runCli(
      ['keys', 'create', '--name', 'render-only', '--email', 'ci@example.com', '--scopes', 'render'],
      env,
    );
    expect(created.code, created.stderr).toBe(0);
    expect(created.stderr).toContain('may:            render');
    const limited = { key: created.stdout.trim() };
    expect((await call(server.url, 'GET', '/api/templates', { as: limited })).status).toBe(403);
    const bad = await runCli(['keys', 'create', '--name', 'x', '--email', 'ci@example.com', '--scopes', 'all'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--scopes takes a comma-separated list of render, templates:read');
  });

  it('sets per-account limits, and "default" returns to the environment default', async () => {
    const env = { LAYERCAST_DATA: server.dataDir };
    const set = await runCli(
      ['accounts', 'limits', '--email', 'ci@example.com', '--monthly-quota', '500', '--rate-per-minute', '30'],
      env,
    );
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('monthly quota 500, rate 30/min');
    const row = () =>
      server.db.selectFrom('accounts').selectAll().where('email', '=', 'ci@example.com').executeTakeFirstOrThrow();
    expect(await row()).toMatchObject({ monthly_quota: 500, rate_per_minute: 30 });
    const reset = await runCli(['accounts', 'limits', '--email', 'ci@example.com', '--monthly-quota', 'default'], env);
    expect(reset.code, reset.stderr).toBe(0);
    expect(await row()).toMatchObject({ monthly_quota: null, rate_per_minute: 30 });
    const bad = await runCli(['accounts', 'limits', '--email', 'ci@example.com', '--monthly-quota', 'lots'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--monthly-quota must be a whole number');
  });

  it('pushes a folder: created, then unchanged, then updated; exit 1 and nothing pushed on an invalid file', async () => {
    writeFileSync(join(work, 'card.json'), JSON.stringify(titleTemplate('one')));
    writeFileSync(
      join(work, 'wrapped.json'),
      JSON.stringify({ name: 'Wrapped', isPublic: true, jsonData: titleTemplate('w') }),
    );
    const push = () => runCli(['push', work, '--url', server.url, '--key', key]);

    const first = await push();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/created\s+.*card\.json/);
    expect(first.stdout).toMatch(/created\s+.*wrapped\.json/);
    const list = (await call(server.url, 'GET', '/api/templates', { as: { key } })).body.templates;
    expect(list.map((t: { name: string }) => t.name).sort()).toEqual(['Wrapped', 'card']);
    expect(list.find((t: { name: string }) => t.name === 'Wrapped').isPublic).toBe(true);

    const second = await push();
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout.match(/unchanged/g)).toHaveLength(2);

    writeFileSync(join(work, 'card.json'), JSON.stringify(titleTemplate('two')));
    const third = await push();
    expect(third.stdout).toMatch(/updated\s+.*card\.json.*\(v2\)/);
    expect(third.stdout).toMatch(/unchanged\s+.*wrapped\.json/);

    const bad = titleTemplate('three');
    (bad.layers[0] as Record<string, unknown>).fontSize = 'huge';
    writeFileSync(join(work, 'card.json'), JSON.stringify(bad));
    writeFileSync(join(work, 'broken.json'), '{ not json');
    const fourth = await push();
    expect(fourth.code).toBe(1);
    expect(fourth.stderr).toContain('card.json: layers[0].fontSize: expected a number from 1 to 1000');
    expect(fourth.stderr).toContain('broken.json: not valid JSON');
    expect(fourth.stderr).toContain('nothing was pushed');
    const card = (await call(server.url, 'GET', '/api/templates', { as: { key } })).body.templates.find(
      (t: { name: string }) => t.name === 'card',
    );
    expect(card.version).toBe(2);
  });

  it('previews a push with --dry-run: what would be created or updated, layer by layer, changing nothing', async () => {
    const dry = join(mkdtempSync(join(tmpdir(), 'layercast-dry-')), 'templates');
    mkdirSync(dry);
    const changed = titleTemplate('dry run');
    (changed.layers[0] as Record<string, unknown>).fontSize = 80;
    writeFileSync(join(dry, 'card.json'), JSON.stringify(changed));
    writeFileSync(join(dry, 'brand-new.json'), JSON.stringify(titleTemplate('new')));
    const before = (await call(server.url, 'GET', '/api/templates', { as: { key } })).body.templates;
    const res = await runCli(['push', dry, '--dry-run', '--url', server.url, '--key', key]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/would create .*brand-new\.json/);
    expect(res.stdout).toMatch(/would update .*card\.json .*\(v2 → v3\)/);
    expect(res.stdout).toContain('  layer title: text, fontSize');
    expect((await call(server.url, 'GET', '/api/templates', { as: { key } })).body.templates).toEqual(before);
    rmSync(dirname(dry), { recursive: true, force: true });
  });

  it('pushes a fonts folder: uploaded, then unchanged, then replaced; a bad file fails alone', async () => {
    const fonts = join(work, 'fonts');
    mkdirSync(fonts, { recursive: true });
    const require = createRequire(import.meta.url);
    const pacifico = readFileSync(require.resolve('@expo-google-fonts/pacifico/400Regular/Pacifico_400Regular.ttf'));
    writeFileSync(join(fonts, 'Brand-Regular.ttf'), pacifico);
    const env = { LAYERCAST_URL: server.url, LAYERCAST_API_KEY: key };
    const first = await runCli(['fonts', 'push', fonts, '--family', 'Brand'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/uploaded\s+\S+Brand-Regular\.ttf → Brand 400 normal/);
    const again = await runCli(['fonts', 'push', fonts, '--family', 'Brand'], env);
    expect(again.stdout).toMatch(/unchanged\s+\S+Brand-Regular\.ttf/);
    // Other bytes for the same face replace it; a file that is not a font fails alone.
    writeFileSync(
      join(fonts, 'Brand-Regular.ttf'),
      readFileSync(require.resolve('@fontsource/pacifico/files/pacifico-latin-400-normal.woff2')),
    );
    writeFileSync(join(fonts, 'Broken.otf'), 'not a font');
    const third = await runCli(['fonts', 'push', fonts, '--family', 'Brand'], env);
    expect(third.code).toBe(1);
    expect(third.stdout).toMatch(/replaced\s+\S+Brand-Regular\.ttf → Brand 400 normal/);
    expect(third.stderr).toMatch(/failed\s+\S+Broken\.otf: not a font file/);
    const list = await runCli(['fonts', 'list'], env);
    expect(list.stdout.trim().split('\n')).toHaveLength(1);
    expect(list.stdout).toMatch(/^Brand {2}400 normal {2}woff2/);
  });

  it('fails with exit 1 when the server refuses (bad key)', async () => {
    rmSync(join(work, 'broken.json'));
    writeFileSync(join(work, 'card.json'), JSON.stringify(titleTemplate('x')));
    const res = await runCli(['push', work, '--url', server.url, '--key', 'lc_live_00000000000000000000000000000000']);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('401 invalid_api_key');
  });

  it('prints a signed render URL whose sig is the HMAC of the canonical query', async () => {
    const templateId = '0b6e2c1e-3f1e-4c6e-9a59-3a7f3c1d2e4f';
    const res = await runCli(
      [
        'sign',
        '--template',
        templateId,
        '--kid',
        keyId,
        '--set',
        'title=Hello World',
        '--format',
        'png',
        '--expires',
        '1d',
        '--url',
        'https://img.example.com',
      ],
      { LAYERCAST_DATA: server.dataDir },
    );
    expect(res.code, res.stderr).toBe(0);
    const url = new URL(res.stdout.trim());
    expect(url.origin + url.pathname).toBe('https://img.example.com/api/render');
    const params = Object.fromEntries(url.searchParams);
    expect(JSON.parse(params.layers ?? '')).toEqual({ title: { text: 'Hello World' } });
    expect(Number(params.exp) - Date.now() / 1000).toBeGreaterThan(86_000);
    // Written out independently of shared's canonicalQuery: RFC 3986-encoded names and values.
    const enc = (s: string) =>
      encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const canonical = Object.keys(params)
      .filter((k) => k !== 'sig')
      .map((k) => [enc(k), enc(params[k] ?? '')])
      .sort(([a], [b]) => ((a ?? '') < (b ?? '') ? -1 : 1))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const secret = createHmac('sha256', server.deps.config.masterSecret).update(`sign:${keyId}`).digest('hex');
    expect(params.sig).toBe(createHmac('sha256', secret).update(canonical).digest('hex'));

    const tooLong = await runCli(['sign', '--template', templateId, '--kid', keyId, '--expires', '31d'], {
      LAYERCAST_DATA: server.dataDir,
    });
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('at most 30 days');
  });

  it('signs a permanent URL with --no-expiry and a pinned --version; revoking the key ends it', async () => {
    const env = { LAYERCAST_DATA: server.dataDir };
    const created = await runCli(['keys', 'create', '--name', 'og', '--email', 'ci@example.com'], env);
    const ogKey = created.stdout.trim();
    const ogKid = /key id:\s+(\S+)/.exec(created.stderr)?.[1] ?? '';
    const made = await call(server.url, 'POST', '/api/templates', {
      as: { key: ogKey },
      body: { name: 'og', jsonData: titleTemplate('first') },
    });
    const templateId = made.body.id as string;
    await call(server.url, 'PUT', `/api/templates/${templateId}`, {
      as: { key: ogKey },
      body: { jsonData: titleTemplate('second') },
    });
    const res = await runCli(
      ['sign', '--template', templateId, '--kid', ogKid, '--version', '1', '--no-expiry', '--url', server.url],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const url = new URL(res.stdout.trim());
    expect(url.searchParams.has('exp')).toBe(false);
    expect(url.searchParams.get('version')).toBe('1');
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/png');
    // Moving the version, or dropping the signature, is refused.
    const moved = new URL(url);
    moved.searchParams.set('version', '2');
    expect((await fetch(moved)).status).toBe(403);
    const bare = new URL(url);
    bare.searchParams.delete('sig');
    expect((await fetch(bare)).status).toBe(403);
    // Revoking the key revokes every URL it signed, permanent ones included.
    await server.db
      .updateTable('api_keys')
      .set({ revoked_at: new Date().toISOString() })
      .where('id', '=', ogKid)
      .execute();
    expect((await fetch(url)).status).toBe(403);
    expect((await runCli(['sign', '--template', templateId, '--kid', ogKid, '--version', 'x'], env)).code).toBe(2);
  });

  it('signs a size variant with --variant; another variant in the URL is refused', async () => {
    const env = { LAYERCAST_DATA: server.dataDir };
    const created = await runCli(['keys', 'create', '--name', 'sizes', '--email', 'ci@example.com'], env);
    const key = created.stdout.trim();
    const kid = /key id:\s+(\S+)/.exec(created.stderr)?.[1] ?? '';
    const made = await call(server.url, 'POST', '/api/templates', {
      as: { key },
      body: {
        name: 'sizes',
        jsonData: {
          ...titleTemplate('sized'),
          version: 4,
          variants: [
            { name: 'square', width: 200, height: 200, layers: { title: { width: 180 } } },
            { name: 'wide', width: 600, height: 200, layers: {} },
          ],
        },
      },
    });
    const templateId = made.body.id as string;
    const res = await runCli(
      ['sign', '--template', templateId, '--kid', kid, '--variant', 'square', '--url', server.url],
      env,
    );
    expect(res.code, res.stderr).toBe(0);
    const url = new URL(res.stdout.trim());
    expect(url.searchParams.get('variant')).toBe('square');
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    const png = Buffer.from(await ok.arrayBuffer());
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([200, 200]);
    const moved = new URL(url);
    moved.searchParams.set('variant', 'wide');
    expect((await fetch(moved)).status).toBe(403);
    const bad = await runCli(['sign', '--template', templateId, '--kid', kid, '--variant', 'Square!'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--variant must be a variant name');
  });

  it('runs from the package\u2019s bin entry (what pnpm exec layercast runs), with nothing else declared that does not exist', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8')) as {
      bin?: Record<string, string>;
      exports?: unknown;
    };
    expect(pkg.exports).toBeUndefined();
    const bin = pkg.bin?.layercast;
    expect(bin).toBeDefined();
    const res = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile(
        process.execPath,
        [join(ROOT, 'server', bin ?? ''), 'keys'],
        { cwd: tmpdir() },
        (error, _stdout, stderr) => done({ code: error && typeof error.code === 'number' ? error.code : 0, stderr }),
      );
    });
    // `keys` without a subcommand: the CLI's own usage error, so the TypeScript sources ran.
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toContain('usage: layercast keys create');
  });
});
