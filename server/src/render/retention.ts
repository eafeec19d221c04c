// Retention of stored renders. Images made for public GET /api/render requests are a cache
// keyed by the request: one that nobody fetched for `renderRetentionDays` is deleted (row
// first, then bytes: a crash in between leaves an orphan object, never a row without bytes),
// and the same URL simply renders again. Images of POST /api/generate were handed out as
// permanent URLs and are never deleted; a public render that a generate request was
// answered with (a cache hit) becomes one of those.
import type { Kysely } from 'kysely';
import type { Config } from '../config';
import type { Database } from '../db/schema';
import type { BlobStore } from '../storage/blob-store';
import type { RenderOrigin } from './render.table';
import { type StoredRender, imageKey } from './render.repository';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A hit is recorded at most once a day: retention counts in days, a write per hit is waste. */
const TOUCH_AFTER_MS = DAY_MS;
/** How often `layercast serve` sweeps, and how many renders one statement deletes at most. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;
const SWEEP_BATCH = 500;

/** Whether `render` answering a request of `origin` changes its row (see `noteRenderServed`). */
export function servingChangesRow(
  render: Pick<StoredRender, 'origin' | 'created_at' | 'last_used_at'>,
  origin: RenderOrigin,
  nowMs = Date.now(),
): boolean {
  return origin === 'generate'
    ? render.origin !== 'generate'
    : nowMs - Date.parse(render.last_used_at ?? render.created_at) > TOUCH_AFTER_MS;
}

/** Records that `render` answered a request of `origin` (a cache hit or a shared render). */
export async function noteRenderServed(
  db: Kysely<Database>,
  render: Pick<StoredRender, 'id' | 'origin' | 'created_at' | 'last_used_at'>,
  origin: RenderOrigin,
  nowMs = Date.now(),
): Promise<void> {
  if (!servingChangesRow(render, origin, nowMs)) return;
  if (origin === 'generate') {
    await db.updateTable('renders').set({ origin: 'generate' }).where('id', '=', render.id).execute();
    render.origin = 'generate';
  } else {
    const now = new Date(nowMs).toISOString();
    await db.updateTable('renders').set({ last_used_at: now }).where('id', '=', render.id).execute();
    render.last_used_at = now;
  }
}

export interface RetentionDeps {
  db: Kysely<Database>;
  storage: BlobStore;
  config: Pick<Config, 'renderRetentionDays'>;
}

/** Deletes public renders unused for the retention period; returns how many went. */
export async function sweepStaleRenders(deps: RetentionDeps, nowMs: number): Promise<number> {
  const days = deps.config.renderRetentionDays;
  if (days <= 0) return 0;
  const cutoff = new Date(nowMs - days * DAY_MS).toISOString();
  let deleted = 0;
  for (;;) {
    // The cutoff is checked again by the delete itself: a hit in between keeps its render.
    const gone = await deps.db
      .deleteFrom('renders')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('renders')
          .select('id')
          .where('origin', '=', 'render')
          .where('last_used_at', '<', cutoff)
          .limit(SWEEP_BATCH),
      )
      .where('origin', '=', 'render')
      .where('last_used_at', '<', cutoff)
      .returning(['id', 'ext'])
      .execute();
    for (const render of gone) await deps.storage.delete(imageKey(render));
    deleted += gone.length;
    if (gone.length < SWEEP_BATCH) return deleted;
  }
}

/**
 * Sweeps now and then every interval until stopped (`layercast serve` runs this; the app
 * itself starts no timers). The timer does not keep the process alive.
 */
export function startRetentionSweeps(
  deps: RetentionDeps,
  log: { warn(obj: object, msg: string): void; info(obj: object, msg: string): void },
): () => void {
  let running: Promise<void> | undefined;
  const sweep = () => {
    if (running) return;
    running = sweepStaleRenders(deps, Date.now())
      .then((deleted) => {
        if (deleted > 0) log.info({ deleted }, 'deleted stale public renders');
      })
      .catch((error: unknown) => log.warn({ err: error }, 'could not delete stale renders'))
      .finally(() => {
        running = undefined;
      });
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
