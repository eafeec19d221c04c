// Renders run in child processes: a native crash or a hang takes down only its
// own request. Each job has a deadline after which its child is killed and replaced; a
// bounded queue sheds excess load (503 + Retry-After) before memory runs out.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import workerpool from 'workerpool';
import { FairQueue } from './fair-queue';
import { LRUCache } from 'lru-cache';
import {
  type ChildJob,
  childV8Flags,
  FONT_CACHE_ARG,
  type MissingDocument,
  type RenderJob,
  type RenderOutput,
} from './job';

export interface RenderPoolOptions {
  /** Child processes; default: the cores, between 2 and 4. */
  size?: number;
  /** Jobs waiting for a child beyond which new ones are refused. */
  queueLimit?: number;
  /** Deadline of one job, from the moment a child takes it. */
  timeoutMs?: number;
  /**
   * V8 old-space ceiling of each child, in MB (`--max-old-space-size`). It bounds only the
   * JavaScript heap; decoded images and the output bitmap are native (Skia) memory, bounded
   * by the pixel budgets instead (see docs/render-api.md).
   */
  maxHeapMb?: number;
  /** Where the children cache corrected font files; the engine's default when absent. */
  fontCacheDir?: string;
}

export interface RenderPoolStats {
  workers: number;
  busy: number;
  pending: number;
  /** Accepted jobs not yet settled (running or queued). */
  inFlight: number;
  /** Jobs sent a second time, with their document, because a child did not hold it. */
  resent: number;
  /** Documents rendered ahead in every child (`prepare`). */
  prepared: number;
}

/** A place in the pool held for one request, from before it fetches its images. */
export interface RenderSlot {
  /** Who the render is for (the template's account): children are shared fairly between owners. */
  readonly owner: string;
  /** Gives the place back; safe to call more than once. */
  release(): void;
}

export interface RenderPool {
  /**
   * Holds a place for a job that is not ready yet (its images are being fetched), so load
   * is shed before the fetching starts; throws RenderOverloadedError when none is free.
   */
  reserve(owner?: string): RenderSlot;
  /** Runs a job in the slot given (released when the job settles), else in a new one. */
  render(job: RenderJob, slot?: RenderSlot, options?: { timeoutMs?: number }): Promise<RenderOutput>;
  /** Runs a worker test hook (`crash`, `hang`) under the same deadline as a render. */
  exec(method: 'crash' | 'hang'): Promise<unknown>;
  /**
   * Starts children now (all of them, or the number given), so the first render does not
   * wait for one to load; settles when they are ready.
   */
  warm(children?: number): Promise<void>;
  /**
   * Renders `job` once in each child, the output thrown away, so the first request for its
   * document finds it held, its `data:` URL images decoded and its glyphs drawn once. Only
   * on an idle pool (nothing in flight, every child started): it never holds up a request
   * already waiting. Settles when done; a failure is only a colder first request.
   */
  prepare(job: RenderJob): Promise<void>;
  stats(): RenderPoolStats;
  /** True when a new job would be refused: every child busy and the queue full. */
  saturated(): boolean;
  close(): Promise<void>;
  readonly options: Required<Omit<RenderPoolOptions, 'fontCacheDir'>>;
}

export class RenderOverloadedError extends Error {
  override name = 'RenderOverloadedError';
}
export class RenderTimeoutError extends Error {
  override name = 'RenderTimeoutError';
}
export class RenderCrashedError extends Error {
  override name = 'RenderCrashedError';
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The deadline of a `prepare`: a template slower to draw than this gains little from being
 * warmed, and a server starting up waits for its warm-ups. Past it the child is replaced, as
 * after any deadline.
 */
const PREPARE_TIMEOUT_MS = 1000;

/** How long a fresh child may take to load the engine and fonts before its first job. */
const STARTUP_ALLOWANCE_MS = 30_000;

/** Set to true by the build (server/scripts/build.ts); undefined when run from source. */
declare const LAYERCAST_COMPILED: boolean | undefined;
const compiled = typeof LAYERCAST_COMPILED !== 'undefined' && LAYERCAST_COMPILED;

/**
 * The child's entry and the flags it needs: compiled, the loader beside this bundle (it runs
 * the child's bundle with its code cache, child-loader.ts); from source, worker.ts through
 * tsx, resolved from here so any cwd works.
 */
function childEntry(): { script: string; execArgv: string[] } {
  if (compiled) return { script: join(here, 'render-child-loader.cjs'), execArgv: [] };
  const require = createRequire(import.meta.url);
  const tsx = join(dirname(require.resolve('tsx/package.json')), 'dist', 'esm', 'index.mjs');
  return { script: join(here, 'worker.ts'), execArgv: ['--import', tsx] };
}

/** The environment minus secrets: a child renders untrusted input and needs none of them. */
export function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([name]) => !/SECRET|PASSWORD|TOKEN|KEY|DATABASE_URL|CREDENTIAL/i.test(name)),
  );
}

/** The settings `layercast serve` uses unless its configuration says otherwise. */
export const DEFAULT_POOL_OPTIONS = {
  size: Math.max(2, Math.min(4, availableParallelism())),
  queueLimit: 32,
  timeoutMs: 5_000,
  maxHeapMb: 512,
};

export function createRenderPool(options: RenderPoolOptions = {}): RenderPool {
  const { fontCacheDir, ...sizing } = options;
  const settings = { ...DEFAULT_POOL_OPTIONS, ...sizing };
  const child = childEntry();
  const pool = workerpool.pool(child.script, {
    workerType: 'process',
    maxWorkers: settings.size,
    forkOpts: {
      execArgv: [
        ...child.execArgv,
        ...childV8Flags(settings.maxHeapMb),
        // A server run with --cpu-prof (the benchmark's BENCH_CPU_PROFILE) profiles its children too.
        ...process.execArgv.filter((arg) => arg.startsWith('--cpu-prof')),
      ],
      env: childEnv(process.env),
      // Structured clone: image bytes cross as bytes, not as JSON arrays of numbers.
      serialization: 'advanced',
    },
    // The child's settings arrive as arguments, so it reads none of its own.
    forkArgs: fontCacheDir ? [`${FONT_CACHE_ARG}${fontCacheDir}`] : [],
    workerTerminateTimeout: 1000,
  });

  // Requests holding a slot: fetching their images, queued or running. Counted here rather
  // than read from the pool's stats, which still list a child being killed after a timeout
  // as busy (and know nothing of requests still fetching).
  let inFlight = 0;
  const saturated = () => inFlight >= settings.size + settings.queueLimit;

  // Jobs wait here, not in workerpool's first-come queue, so one owner cannot hold every child.
  const fair = new FairQueue(settings.size);

  function reserve(owner = ''): RenderSlot {
    if (saturated()) throw new RenderOverloadedError('the render queue is full');
    inFlight++;
    let held = true;
    return {
      owner,
      release() {
        if (!held) return;
        held = false;
        inFlight--;
      },
    };
  }

  /** One call into a child under a deadline; the caller holds a slot and a turn of the fair queue. */
  function execute<T>(method: string, args: unknown[], timeoutMs = settings.timeoutMs): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // The deadline runs from the moment the child starts the job (it says so), not from
      // dispatch: a child that is still starting (loading the engine and fonts) after a
      // crash must not eat into the next job's time. The outer timeout only catches a
      // child that never even starts.
      let deadline: NodeJS.Timeout | undefined;
      let timedOut = false;
      const task = pool.exec(method, args, {
        on: (event: unknown) => {
          if (event !== 'started' || deadline) return;
          deadline = setTimeout(() => {
            timedOut = true;
            task.cancel();
          }, timeoutMs);
        },
      });
      // Settled exactly once, in either branch (workerpool's promise is not a native one).
      task.timeout(timeoutMs + STARTUP_ALLOWANCE_MS).then(
        (value: unknown) => {
          clearTimeout(deadline);
          resolve(value as T);
        },
        (error: unknown) => {
          clearTimeout(deadline);
          if (timedOut || error instanceof workerpool.Promise.TimeoutError) {
            reject(new RenderTimeoutError(`the render did not finish within ${timeoutMs / 1000} s`));
          } else if (error instanceof Error && /terminated unexpectedly|exitCode|signalCode/i.test(error.message)) {
            reject(new RenderCrashedError('the renderer stopped unexpectedly'));
          } else reject(error);
        },
      );
    });
  }

  /** Runs `work` in the slot given (or a new one) on its owner's turn; the slot goes back after. */
  function run<T>(work: () => Promise<T>, given?: RenderSlot): Promise<T> {
    let slot: RenderSlot;
    try {
      slot = given ?? reserve();
    } catch (error) {
      return Promise.reject(error);
    }
    return fair.run(slot.owner, () => work().finally(() => slot.release()));
  }

  // A document crosses to the children with the first jobs that use it, about one per child,
  // then jobs name it by key only: a template with an inlined logo is tens of KB, and writing
  // it into a child's pipe with every job cost the server more than the rest of the request.
  // A child that does not hold it (started since, or it fell out of its memory) says so at
  // once, and the job goes again with the document.
  const documentSends = new LRUCache<string, { count: number }>({ max: 10_000 });
  /** A `prepare` under way: another one is skipped, not queued. */
  let preparing = false;
  let resent = 0;
  let prepared = 0;
  async function renderJob(job: RenderJob, timeoutMs?: number): Promise<RenderOutput> {
    const sends = documentSends.get(job.documentKey) ?? { count: 0 };
    if (sends.count < settings.size) {
      documentSends.set(job.documentKey, { count: sends.count + 1 });
      return execute<RenderOutput>('render', [job], timeoutMs);
    }
    const { document: _held, ...byKey } = job;
    const answer = await execute<RenderOutput | MissingDocument>('render', [byKey satisfies ChildJob], timeoutMs);
    if (!('missingDocument' in answer)) return answer;
    resent++;
    return execute<RenderOutput>('render', [job], timeoutMs);
  }

  return {
    options: settings,
    reserve,
    render: (job, slot, options) => run(() => renderJob(job, options?.timeoutMs), slot),
    exec: (method) => run(() => execute(method, [])),
    warm: async (children = settings.size) => {
      // One no-op per child, all at once: the pool gives each to an idle child or starts one.
      const count = Math.min(children, settings.size);
      await Promise.all(Array.from({ length: count }, () => run(() => execute('ping', [])).catch(() => undefined)));
    },
    prepare: async (job) => {
      if (preparing || inFlight > 0 || pool.stats().totalWorkers < settings.size) return;
      preparing = true;
      try {
        // One call per child, all at once: the pool gives each to a different idle child.
        // They take no slot: a request arriving meanwhile waits for a child (one render at
        // most), never finds the queue full because of them.
        documentSends.set(job.documentKey, { count: settings.size });
        const calls = Array.from({ length: settings.size }, () =>
          execute('prepare', [job], Math.min(settings.timeoutMs, PREPARE_TIMEOUT_MS)).then(
            () => true,
            () => false,
          ),
        );
        if ((await Promise.all(calls)).every(Boolean)) prepared++;
      } finally {
        preparing = false;
      }
    },
    saturated,
    stats: () => {
      const s = pool.stats();
      return { workers: s.totalWorkers, busy: s.busyWorkers, pending: s.pendingTasks, inFlight, resent, prepared };
    },
    close: async () => {
      await pool.terminate(true);
    },
  };
}
