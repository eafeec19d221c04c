// `pnpm bench`: the benchmark card rendered by our engine as PNG, JPEG and WebP, and by
// satori + resvg (the engine of @vercel/og) as PNG with the same Inter files. Prints
// median, p95 and CPU per format, the ratio to satori, each speed goal with its figure,
// and where each format's slow runs spent their extra time. It reports; it is not a test
// (timings on a shared 2-core machine are noisy). BENCH_RUNS sets the run count.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import process from 'node:process';
import { parseTemplate } from '@layercast/shared';
import { renderTemplate } from '../src/node/index';
import { cardTemplate, makeLogoDataUrl } from './card';
import { renderWithSatori } from './satori-card';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 50);
const WARMUP = 10;
/** The goals of the engine's speed work, checked on every run. */
const GOALS = { pngMedianMs: 12, satoriRatio: 2.5, pngBytes: 232 * 1024, p95OverMedian: 1.5 };

interface Run {
  wall: number;
  /** CPU time of the whole process (all threads) during the run. */
  cpu: number;
  /** Main-thread garbage-collection pauses inside the run. */
  gc: number;
  /** Time this process's threads were ready to run but waited for a core (Linux only). */
  queued: number;
}

/**
 * How long this process's threads have waited in the kernel's run queue, in ms: the
 * second field of each thread's schedstat. Null where the kernel does not tell.
 */
function runQueueWaitMs(): number | null {
  try {
    let ns = 0;
    for (const task of readdirSync('/proc/self/task')) {
      const fields = readFileSync(`/proc/self/task/${task}/schedstat`, 'latin1').split(' ');
      ns += Number(fields[1] ?? 0);
    }
    return ns / 1e6;
  } catch {
    return null;
  }
}

interface Stats {
  median: number;
  p95: number;
  /** Median and p95 CPU time: steadier than wall time on a busy machine. */
  cpu: number;
  cpuP95: number;
  bytes: number;
  /**
   * The runs slower than 1.5× the median, and what their extra wall time was: CPU of this
   * process (GC, encoder threads, real work) or neither, which is waiting for a core that
   * other processes hold. `queuedMs` is how long the process's threads waited in the
   * kernel's run queue (summed over threads), per slow run and per run at the median;
   * null where the kernel does not tell.
   */
  tail: {
    runs: number;
    extraMs: number;
    extraCpuMs: number;
    gcMs: number;
    queuedMs: { slow: number; typical: number } | null;
  };
}

const quantile = (list: number[], q: number) => {
  const sorted = [...list].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
};

/**
 * Runs every renderer once per round, round-robin, so load from other processes on a
 * shared machine falls on all of them alike and the ratios stay meaningful.
 */
async function timeAll(
  runners: Record<string, () => Promise<Buffer>>,
): Promise<Record<string, Stats & { last: Buffer }>> {
  const runs: Record<string, (Run & { start: number; end: number })[]> = {};
  const last: Record<string, Buffer> = {};
  const gc = (globalThis as { gc?: () => void }).gc;
  const pauses: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pauses.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const [name, run] of Object.entries(runners)) {
      // Without this each renderer would pay for collecting the garbage of the one before.
      gc?.();
      const queuedBefore = runQueueWaitMs();
      const start = performance.now();
      const startCpu = process.cpuUsage();
      last[name] = await run();
      const used = process.cpuUsage(startCpu);
      const end = performance.now();
      const queuedAfter = runQueueWaitMs();
      const queued = queuedBefore === null || queuedAfter === null ? Number.NaN : queuedAfter - queuedBefore;
      if (round >= WARMUP) {
        runs[name] ??= [];
        runs[name].push({
          wall: end - start,
          cpu: (used.user + used.system) / 1000,
          gc: 0,
          queued,
          start,
          end,
        });
      }
    }
  }
  await new Promise((resolve) => setImmediate(resolve));
  for (const entry of observer.takeRecords()) pauses.push({ start: entry.startTime, duration: entry.duration });
  observer.disconnect();
  for (const list of Object.values(runs))
    for (const run of list)
      run.gc = pauses.filter((p) => p.start >= run.start && p.start < run.end).reduce((sum, p) => sum + p.duration, 0);

  const out: Record<string, Stats & { last: Buffer }> = {};
  for (const [name, list] of Object.entries(runs)) {
    const median = quantile(
      list.map((r) => r.wall),
      0.5,
    );
    const cpu = quantile(
      list.map((r) => r.cpu),
      0.5,
    );
    const slow = list.filter((r) => r.wall > GOALS.p95OverMedian * median);
    const data = last[name] ?? Buffer.alloc(0);
    out[name] = {
      median,
      p95: quantile(
        list.map((r) => r.wall),
        0.95,
      ),
      cpu,
      cpuP95: quantile(
        list.map((r) => r.cpu),
        0.95,
      ),
      bytes: data.length,
      tail: {
        runs: slow.length,
        extraMs: slow.reduce((sum, r) => sum + r.wall - median, 0),
        extraCpuMs: slow.reduce((sum, r) => sum + Math.max(0, r.cpu - cpu), 0),
        gcMs: slow.reduce((sum, r) => sum + r.gc, 0),
        queuedMs: list.some((r) => Number.isNaN(r.queued))
          ? null
          : {
              slow: slow.reduce((sum, r) => sum + r.queued, 0) / Math.max(1, slow.length),
              typical: quantile(
                list.map((r) => r.queued),
                0.5,
              ),
            },
      },
      last: data,
    };
  }
  return out;
}

const ms = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);

const logo = makeLogoDataUrl();
const parsed = parseTemplate(cardTemplate(logo));
if (!parsed.ok) throw new Error(`the bench card is invalid: ${JSON.stringify(parsed.errors)}`);
const doc = parsed.value;
const outDir = join(tmpdir(), 'layercast-bench');
mkdirSync(outDir, { recursive: true });

const load = () => loadavg()[0]?.toFixed(2) ?? '?';
console.log(
  `Layercast bench: 1200×630 card, ${WARMUP} warm-up + ${RUNS} runs each, ${process.platform} ${process.arch}, node ${process.version}`,
);
console.log(`load average at start ${load()} (other processes on the machine inflate every number alike)`);
console.log(
  `${'renderer'.padEnd(22)}${'median'.padStart(9)}${'p95'.padStart(9)}${'cpu'.padStart(9)}${'cpu p95'.padStart(9)}${'size'.padStart(9)}`,
);

const results = await timeAll({
  png: async () => (await renderTemplate(doc, {}, { format: 'png' })).data,
  jpeg: async () => (await renderTemplate(doc, {}, { format: 'jpeg' })).data,
  webp: async () => (await renderTemplate(doc, {}, { format: 'webp' })).data,
  satori: () => renderWithSatori(logo),
});
const FORMATS = ['png', 'jpeg', 'webp'] as const;
const row = (label: string, stats: Stats) =>
  console.log(
    `${label.padEnd(22)}${ms(stats.median)}${ms(stats.p95)}${ms(stats.cpu)}${ms(stats.cpuP95)}${kb(stats.bytes)}`,
  );
for (const format of FORMATS) {
  const stats = results[format];
  if (!stats) continue;
  writeFileSync(join(outDir, `layercast.${format}`), stats.last);
  row(`layercast ${format}`, stats);
}
const satori = results['satori'];
if (satori) {
  writeFileSync(join(outDir, 'satori-resvg.png'), satori.last);
  row('satori+resvg png', satori);
}

// Where a PNG render's time goes (medians of the engine's own timings).
const phases = { loadMs: [] as number[], layoutMs: [] as number[], paintMs: [] as number[], encodeMs: [] as number[] };
for (let i = 0; i < Math.min(RUNS, 30); i++) {
  const { timings } = await renderTemplate(doc, {}, { format: 'png' });
  for (const key of Object.keys(phases) as (keyof typeof phases)[]) phases[key].push(timings[key]);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
console.log(
  `  png phases: load ${median(phases.loadMs).toFixed(1)} (the decoded logo is cached after the first render), layout ${median(phases.layoutMs).toFixed(1)}, ` +
    `paint ${median(phases.paintMs).toFixed(1)}, encode ${median(phases.encodeMs).toFixed(1)} ms`,
);

// The goals, each with its figure.
const verdict = (ok: boolean) => (ok ? 'met' : 'not met');
const png = results['png'];
console.log('\nGoals:');
if (png) {
  console.log(
    `  PNG median ${png.median.toFixed(1)} ms ≤ ${GOALS.pngMedianMs} ms: ${verdict(png.median <= GOALS.pngMedianMs)}`,
  );
  console.log(
    `  PNG bytes ${(png.bytes / 1024).toFixed(0)} KB ≤ ${GOALS.pngBytes / 1024} KB: ${verdict(png.bytes <= GOALS.pngBytes)}`,
  );
}
if (png && satori) {
  const ratio = satori.median / png.median;
  console.log(
    `  PNG ${ratio.toFixed(1)}× faster than satori+resvg (median) ≥ ${GOALS.satoriRatio}×: ${verdict(ratio >= GOALS.satoriRatio)}` +
      ` (and ${(satori.cpu / png.cpu).toFixed(1)}× less CPU)`,
  );
}
for (const format of FORMATS) {
  const stats = results[format];
  if (!stats) continue;
  const ratio = stats.p95 / stats.median;
  const { runs, extraMs, extraCpuMs, gcMs, queuedMs } = stats.tail;
  const queued =
    queuedMs === null
      ? ''
      : `; threads queued for a core ${queuedMs.slow.toFixed(0)} ms a slow run, ${queuedMs.typical.toFixed(0)} ms a median one`;
  const where = runs
    ? `; ${runs} runs over ${GOALS.p95OverMedian}× the median, ${extraMs.toFixed(0)} ms extra: ` +
      `${extraCpuMs.toFixed(0)} ms more CPU (${gcMs.toFixed(0)} ms GC pauses), ` +
      `${Math.max(0, extraMs - extraCpuMs).toFixed(0)} ms not running${queued}`
    : '';
  console.log(
    `  ${format} p95/median ${ratio.toFixed(2)} ≤ ${GOALS.p95OverMedian}: ${verdict(ratio <= GOALS.p95OverMedian)}` +
      ` (CPU p95/median ${(stats.cpuP95 / stats.cpu).toFixed(2)}${where})`,
  );
}
console.log(`load average at end ${load()}; outputs in ${outDir}`);
