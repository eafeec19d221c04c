// `layercast serve`: open the database (migrating it) and the blob store, listen.
import type { Server } from 'node:http';
import { createApp } from './app';
import { openBackends } from './backends';
import { type Config, loadConfig } from './config';
import { close, listen } from './http/listen';
import { createLogger } from './logger';
import { startRetentionSweeps } from './render/retention';
import { closeRenderServices, warmRenderServices } from './render/services';

export interface RunningServer {
  server: Server;
  port: number;
  stop(): Promise<void>;
}

export async function startServer(loaded: Config = loadConfig()): Promise<RunningServer> {
  const logger = createLogger(loaded.logLevel);
  const backends = await openBackends(loaded);
  const { db, config } = backends;
  const deps = { db, config, logger, dataDir: config.dataDir };
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
  warmRenderServices(deps).catch((error: unknown) => logger.warn({ err: error }, 'render pool warm-up failed'));
  const stopSweeps = startRetentionSweeps(deps, logger);
  return {
    server,
    port,
    async stop() {
      stopSweeps();
      await close(server);
      // The render pool's children go before the database they do not use, but after the
      // requests that wait for them have finished.
      await closeRenderServices(deps);
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
