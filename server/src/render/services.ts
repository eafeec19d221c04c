// The render side's long-lived parts, made once per app: the child-process pool (children
// are spawned on the first render, so an app that never renders starts none) and the
// image fetcher. Tests pass their own through the optional `RenderDeps` seams.
import type { AppDeps } from '../deps';
import { type ImageFetcher, createImageFetcher, fetcherOptionsFromEnv } from '../fetch/guarded-fetch';
import { type RenderPool, createRenderPool } from './pool';
import type { RenderServices } from './render.service';

export interface RenderDeps extends AppDeps {
  renderPool?: RenderPool;
  imageFetcher?: ImageFetcher;
}

interface Made {
  services: RenderServices;
  /** What this module created and so must close. */
  owned: { pool?: RenderPool; fetcher?: ImageFetcher };
}

const made = new WeakMap<AppDeps, Made>();

export function renderServicesFor(deps: RenderDeps): RenderServices {
  let entry = made.get(deps);
  if (!entry) {
    const pool = deps.renderPool ?? createRenderPool();
    const fetcher = deps.imageFetcher ?? createImageFetcher(fetcherOptionsFromEnv());
    entry = {
      services: { pool, fetcher, inflight: new Map() },
      owned: { pool: deps.renderPool ? undefined : pool, fetcher: deps.imageFetcher ? undefined : fetcher },
    };
    made.set(deps, entry);
  }
  return entry.services;
}

/** Stops what the app started for rendering (not the seams a test passed in). */
export async function closeRenderServices(deps: AppDeps): Promise<void> {
  const entry = made.get(deps);
  if (!entry) return;
  made.delete(deps);
  entry.owned.fetcher?.close();
  await entry.owned.pool?.close();
}

/** Starts the render children ahead of the first request (`layercast serve` calls this). */
export async function warmRenderServices(deps: RenderDeps): Promise<void> {
  await renderServicesFor(deps).pool.warm();
}
