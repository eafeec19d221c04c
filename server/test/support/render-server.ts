// A real app for render tests: the test server of support/server.ts with a real
// child-process render pool and a guarded fetcher whose only test allowance is the
// "public" listener address 127.0.0.2 and a fake DNS for two public-looking names.
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import type pino from 'pino';
import type { Config } from '../../src/config';
import { createImageFetcher } from '../../src/fetch/guarded-fetch';
import { createRenderPool, type RenderPool } from '../../src/render/pool';
import type { TemplateDocuments } from '../../src/templates/template-documents';
import type { BlobStore } from '../../src/storage/blob-store';
import { afterAll, beforeAll } from 'vitest';
import { send } from './client';
import { type SecondNode, type Session, type TestServer, startSecondNode, startTestServer } from './server';

export const fakeDns: LookupFunction = (hostname, options, callback) => {
  const table: Record<string, string> = { 'images.example.com': '127.0.0.2', 'sneaky.example.com': '127.0.0.1' };
  const address = table[hostname];
  if (!address) {
    dns.lookup(hostname, options, callback);
    return;
  }
  if ((options as { all?: boolean }).all) {
    (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
      { address, family: 4 },
    ]);
  } else callback(null, address, 4);
};

export interface RenderTestServer extends TestServer {
  pool: RenderPool;
  session: Session;
  key: { key: string; signingSecret: string; id: string; prefix: string };
  /** Creates a template for `session` (default: the server's own) and returns its id. */
  createTemplate(jsonData: unknown, options?: { isPublic?: boolean; session?: Session }): Promise<string>;
  updateTemplate(id: string, fields: Record<string, unknown>, session?: Session): Promise<void>;
  /** POST /api/generate with a Bearer key. */
  generate(body: unknown, key?: string): Promise<Response>;
}

export async function startRenderServer(
  config: Partial<Config> = {},
  seams: {
    pool?: RenderPool;
    poolOptions?: Parameters<typeof createRenderPool>[0];
    fetcherOptions?: Parameters<typeof createImageFetcher>[0];
    openStorage?: (dataDir: string) => BlobStore;
    /** The app's parsed-document cache, to look into. */
    documents?: TemplateDocuments;
    /** Where the app logs (default: nowhere, or LAYERCAST_LOG_LEVEL's level on stdout). */
    logger?: pino.Logger;
  } = {},
): Promise<RenderTestServer> {
  const pool = seams.pool ?? createRenderPool({ size: 2, timeoutMs: 20_000, ...seams.poolOptions });
  const imageFetcher = createImageFetcher({
    allowAddresses: ['127.0.0.2'],
    lookup: fakeDns,
    timeoutMs: 3000,
    ...seams.fetcherOptions,
  });
  const server = await startTestServer({
    ...config,
    deps: {
      renderPool: pool,
      imageFetcher,
      ...(seams.documents ? { documents: seams.documents } : {}),
      ...(seams.logger ? { logger: seams.logger } : {}),
    },
    ...(seams.openStorage ? { openStorage: seams.openStorage } : {}),
  });
  const session = await server.signup();
  const key = await server.createKey(session);

  const createTemplate: RenderTestServer['createTemplate'] = async (jsonData, options = {}) => {
    const s = options.session ?? session;
    const res = await send(server.url, 'POST', '/api/templates', {
      as: s,
      body: { name: 'Test card', jsonData, isPublic: options.isPublic ?? false },
    });
    if (res.status !== 201) throw new Error(`template creation failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { id?: string; template?: { id: string } };
    const id = body.template?.id ?? body.id;
    if (!id) throw new Error(`no template id in ${JSON.stringify(body)}`);
    return id;
  };

  const updateTemplate: RenderTestServer['updateTemplate'] = async (id, fields, s = session) => {
    const res = await send(server.url, 'PUT', `/api/templates/${id}`, { as: s, body: fields });
    if (res.status !== 200) throw new Error(`template update failed: ${res.status} ${await res.text()}`);
  };

  const generate: RenderTestServer['generate'] = (body, apiKey = key.key) =>
    send(server.url, 'POST', '/api/generate', { as: { key: apiKey }, body });

  return {
    ...server,
    pool,
    session,
    key,
    createTemplate,
    updateTemplate,
    generate,
    async close() {
      await server.close();
      imageFetcher.close();
      if (!seams.pool) await pool.close();
    },
  };
}

/**
 * Two nodes on one database for the file's tests: node A, a render test server, and node B
 * beside it (startSecondNode), started before the first test and closed after the last.
 * Read `nodes.a` and `nodes.b` inside the tests.
 */
export function useTwoNodes(): { readonly a: RenderTestServer; readonly b: SecondNode } {
  let a: RenderTestServer | undefined;
  let b: SecondNode | undefined;
  beforeAll(async () => {
    a = await startRenderServer();
    b = await startSecondNode(a);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });
  const started = <T>(node: T | undefined, name: string): T => {
    if (!node) throw new Error(`node ${name} runs only during the file's tests`);
    return node;
  };
  return {
    get a() {
      return started(a, 'A');
    },
    get b() {
      return started(b, 'B');
    },
  };
}

/** A small card: a background rect, a title, a subtitle and a logo image. */
export function cardTemplate(extra: { logoSrc?: string } = {}) {
  return {
    version: 2,
    canvas: { width: 400, height: 210, background: '#ffffff' },
    layers: [
      { name: 'bg', type: 'rect', x: 0, y: 0, width: 400, height: 210, fill: '#1e3a8a' },
      {
        name: 'title',
        type: 'text',
        x: 20,
        y: 20,
        width: 360,
        height: 80,
        text: 'Default title',
        fontSize: 32,
        color: '#ffffff',
      },
      {
        name: 'subtitle',
        type: 'text',
        x: 20,
        y: 110,
        width: 360,
        height: 40,
        text: 'By {{author}}',
        fontSize: 20,
        color: '#e5e7eb',
      },
      { name: 'logo', type: 'image', x: 300, y: 140, width: 60, height: 60, src: extra.logoSrc ?? '' },
    ],
    variables: [{ name: 'author', type: 'text', default: 'Jane' }],
  };
}
