// `layercast serve`: open the database (migrating it) and the blob store, listen.
import type { Server } from 'node:http';
import { createApp } from './app';
import { openBackends } from './backends';
import { type Config, loadConfig } from './config';
import { close, listen } from './http/listen';
import { createLogger } from './logger';
import { createImageFetcher } from './fetch/guarded-fetch';
import { openJobQueue } from './jobs/open-queue';
import { createRenderPool } from './render/pool';
import { startRetentionSweeps } from './render/retention';

export interface RunningServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function startServer(loaded: Config = loadConfig()): Promise<RunningServer> {
  const logger = createLogger(loaded.logLevel);
  // Database (migrated), master secret and blob store, each checked before listening.
  const backends = await openBackends(loaded);
  const { db, config, storage } = backends;
  const renderPool = createRenderPool({ ...config.render, fontCacheDir: config.fontCacheDir ?? undefined });
  const imageFetcher = createImageFetcher({
    maxBytesInFlight: config.fetchBytesInFlight,
    allowHostPorts: config.fetchAllow,
  });
  if (config.fetchAllow.length) {
    logger.warn(
      { allowed: config.fetchAllow },
      'LAYERCAST_FETCH_ALLOW is set: the fetcher reaches these private host:port pairs; never set it in production',
    );
  }
  const jobQueue = await openJobQueue(config, db, logger);
  const deps = { db, config, logger, storage, renderPool, imageFetcher, jobQueue };
  const app = createApp(deps);
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
  // Start the render children now, so the first request is not the one that waits for them.
  renderPool.warm().catch((error: unknown) => logger.warn({ err: error }, 'render pool warm-up failed'));
  const stopSweeps = startRetentionSweeps(deps, logger);
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
      await backends.close();
    },
  };
}

/** Runs until SIGINT or SIGTERM, then drains and exits. */
export async function runServeCommand(_args: string[]): Promise<number> {
  const running = await startServer();
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await running.stop();
  return 0;
}
