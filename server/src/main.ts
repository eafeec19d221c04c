// `layercast serve`: open the database (migrating it) and the blob store, listen.
import type { Server } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { type Config, loadConfig } from './config';
import { createRenderPool } from './render/pool';

export interface RunningServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function startServer(loaded: Config = loadConfig()): Promise<RunningServer> {
  // The render children start loading the engine now, beside the server's own modules
  // (imported below, so the children do not wait for them): the machine's cores load all of
  // them at once. The server listens once every child is ready, so the first render neither
  // waits for a child nor competes with one still loading (see docs/server.md, "Start-up").
  const renderPool = createRenderPool({ ...loaded.render, fontCacheDir: loaded.fontCacheDir ?? undefined });
  const children = renderPool.warm();
  let backends: Awaited<ReturnType<typeof import('./backends').openBackends>> | undefined;
  try {
    const [
      { createApp },
      { openBackends },
      { close, listen },
      { createLogger },
      fetcher,
      queue,
      retention,
      rendering,
      { warmRecentTemplates },
      { TemplateDocuments },
    ] = await Promise.all([
      import('./app'),
      import('./backends'),
      import('./http/listen'),
      import('./logger'),
      import('./fetch/guarded-fetch'),
      import('./jobs/open-queue'),
      import('./render/retention'),
      import('./render/render.service'),
      import('./render/warm-templates'),
      import('./templates/template-documents'),
    ]);
    const logger = createLogger(loaded.logLevel);
    // Database (migrated), master secret and blob store, each checked before listening.
    backends = await openBackends(loaded);
    const { db, config, storage } = backends;
    const imageFetcher = fetcher.createImageFetcher({
      maxBytesInFlight: config.fetchBytesInFlight,
      allowHostPorts: config.fetchAllow,
    });
    if (config.fetchAllow.length) {
      logger.warn(
        { allowed: config.fetchAllow },
        'LAYERCAST_FETCH_ALLOW is set: the fetcher reaches these private host:port pairs; never set it in production',
      );
    }
    const jobQueue = await queue.openJobQueue(config, db, logger);
    const documents = new TemplateDocuments(config.templateCacheEntries);
    const deps = { db, config, logger, storage, renderPool, imageFetcher, jobQueue, documents };
    const app = createApp(deps);
    // While the children finish loading: the first request's parse finds its code ready.
    // A warm-up that fails only leaves that cost to the first request.
    // Koa tests each response body against `Response`, and Node loads its whole fetch
    // implementation on the first access to that global (~25 ms of CPU): done here, not
    // by the first request.
    void globalThis.Response;
    await rendering
      .warmUpRequests(db)
      .catch((error: unknown) => logger.warn({ err: error }, 'the warm-up failed; the first render will be slower'));
    await children;
    // The templates rendered last, once in each child: after a restart, their first
    // requests are not the slowest (render/warm-templates.ts).
    await warmRecentTemplates({ db, documents, renderPool }).catch((error: unknown) =>
      logger.warn({ err: error }, 'could not warm the templates rendered last; their first renders will be slower'),
    );
    const { server, port } = await listen(app, config.port, config.host);
    logger.info(
      {
        port,
        database: config.databaseUrl ? 'postgres' : 'sqlite',
        storage: config.storage.kind,
        ...(config.databaseUrl && config.storage.kind === 's3' ? {} : { dataDir: config.dataDir }),
      },
      `layercast listening on http://localhost:${port}`,
    );
    const stopSweeps = retention.startRetentionSweeps(deps, logger);
    const opened = backends;
    return {
      server,
      port,
      async stop() {
        stopSweeps();
        await close(server);
        // Slices of jobs under way finish (their rows are committed) before what they use goes.
        await jobQueue.close();
        // The render pool's children go before the database they do not use, but after the
        // requests that wait for them have finished.
        imageFetcher.close();
        await renderPool.close();
        await opened.close();
      },
    };
  } catch (error) {
    // A start that fails (a bad DATABASE_URL, a port in use) leaves no child running.
    await renderPool.close();
    await backends?.close();
    throw error;
  }
}

/**
 * V8 flags of the server process, set as `layercast serve` starts (the garbage collector
 * reads them at each collection, so no command line needs them). Under Node's default, the
 * old space grew by small steps and a full mark-compact ran every ~0.3 s under uncached
 * load, a fifth of the server's CPU (docs/render-api.md); the render children take the same
 * setting (`childV8Flags`).
 */
export const SERVER_V8_FLAGS = ['--heap-growing-percent=300'];

/** Runs until SIGINT or SIGTERM, then drains and exits. */
export async function runServeCommand(_args: string[]): Promise<number> {
  for (const flag of SERVER_V8_FLAGS) setFlagsFromString(flag);
  const running = await startServer();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  return 0;
}
