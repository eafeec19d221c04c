import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slugify } from '../../src/commands/pull';
import { runCli } from '../support/cli';
import { call, titleTemplate } from '../support/client';
import { type TestServer, startTestServer } from '../support/server';

let server: TestServer;
let work: string;
let key: string;
beforeAll(async () => {
  server = await startTestServer();
  work = mkdtempSync(join(tmpdir(), 'layercast-pull-'));
  key = (await server.createKey(await server.signup())).key;
  const create = (name: string, text: string, extra: Record<string, unknown> = {}) =>
    call(server.url, 'POST', '/api/templates', {
      as: { key },
      body: { name, jsonData: titleTemplate(text), ...extra },
    });
  expect((await create('Summer Sale — 2024!', 'one', { description: 'A sale', isPublic: true })).status).toBe(201);
  expect((await create('Card', 'two')).status).toBe(201);
  expect((await create('card', 'three')).status).toBe(201);
});
afterAll(async () => {
  await server?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('layercast pull', () => {
  it('slugs names', () => {
    expect(slugify('Summer Sale — 2024!')).toBe('summer-sale-2024');
    expect(slugify('Café déjà vu')).toBe('cafe-deja-vu');
    expect(slugify('***')).toBe('template');
  });

  it('writes every template as a file push reads, and push --dry-run finds each unchanged', async () => {
    const dir = join(work, 'templates');
    const pulled = await runCli(['pull', '--out', dir, '--url', server.url, '--key', key]);
    expect(pulled.code, pulled.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['card-2.json', 'card.json', 'summer-sale-2024.json']);
    const text = readFileSync(join(dir, 'summer-sale-2024.json'), 'utf8');
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "name": "Summer Sale — 2024!",\n');
    const file = JSON.parse(text);
    expect(Object.keys(file)).toEqual(['id', 'name', 'description', 'isPublic', 'previewUrl', 'jsonData']);
    expect(file).toMatchObject({ description: 'A sale', isPublic: true, previewUrl: null });
    // Oldest first gets the plain name: "Card" was created before "card".
    expect(JSON.parse(readFileSync(join(dir, 'card.json'), 'utf8')).name).toBe('Card');
    expect(JSON.parse(readFileSync(join(dir, 'card-2.json'), 'utf8')).name).toBe('card');

    const dry = await runCli(['push', dir, '--dry-run', '--url', server.url, '--key', key]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout.trim().split('\n')).toHaveLength(3);
    expect(dry.stdout.match(/^unchanged /gm)).toHaveLength(3);

    const again = await runCli(['pull', '--out', dir, '--url', server.url, '--key', key]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout.match(/^unchanged /gm)).toHaveLength(3);
  });

  it('refuses to overwrite a file that differs unless --force, and keeps a renamed template in its file', async () => {
    const dir = join(work, 'conflict');
    expect((await runCli(['pull', '--out', dir, '--url', server.url, '--key', key])).code).toBe(0);
    const cardFile = join(dir, 'card.json');
    const card = JSON.parse(readFileSync(cardFile, 'utf8'));
    writeFileSync(cardFile, JSON.stringify({ ...card, description: 'edited locally' }));
    const renamed = await call(server.url, 'PUT', `/api/templates/${card.id}`, {
      as: { key },
      body: { name: 'Card (renamed)' },
    });
    expect(renamed.status).toBe(200);

    const refused = await runCli(['pull', '--out', dir, '--url', server.url, '--key', key]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/differs\s+\S*card\.json/);
    expect(refused.stderr).toContain('nothing was written');
    expect(JSON.parse(readFileSync(cardFile, 'utf8')).description).toBe('edited locally');

    const forced = await runCli(['pull', '--out', dir, '--url', server.url, '--key', key, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).toMatch(/overwrote\s+\S*card\.json ← Card \(renamed\)/);
    expect(JSON.parse(readFileSync(cardFile, 'utf8'))).toMatchObject({ name: 'Card (renamed)', description: '' });
    expect(readdirSync(dir).sort()).toEqual(['card-2.json', 'card.json', 'summer-sale-2024.json']);

    const gone = JSON.parse(readFileSync(join(dir, 'card-2.json'), 'utf8'));
    expect((await call(server.url, 'DELETE', `/api/templates/${gone.id}`, { as: { key } })).status).toBe(204);
    const after = await runCli(['pull', '--out', dir, '--url', server.url, '--key', key]);
    expect(after.code, after.stderr).toBe(0);
    expect(after.stdout).toMatch(/not on the server\s+\S*card-2\.json/);
    expect(readdirSync(dir)).toContain('card-2.json');
  });

  it('exits 2 without --out', async () => {
    const res = await runCli(['pull', '--url', server.url, '--key', key]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--out <dir> is required');
  });
});
