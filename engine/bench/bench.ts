// `pnpm bench`: the benchmark card rendered by our engine as PNG, JPEG and WebP, and by
// satori + resvg (the engine of @vercel/og) as PNG with the same Inter files. Prints
// median and p95 per format and the ratio to satori. It reports; it is not a test
// (timings on a shared 2-core machine are noisy). BENCH_RUNS sets the run count.
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { parseTemplate } from '@layercast/shared';
import { renderTemplate } from '../src/node/index';
import { cardTemplate, makeLogoDataUrl } from './card';
import { renderWithSatori } from './satori-card';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 50);
const WARMUP = 10;
const TARGETS_MS: Record<string, number> = { png: 25, jpeg: 15, webp: 55 };

interface Stats {
  median: number;
  p95: number;
  /** Median CPU time of the whole process (all threads): steadier than wall time on a busy machine. */
  cpu: number;
  bytes: number;
}

/**
 * Runs every renderer once per round, round-robin, so load from other processes on a
 * shared machine falls on all of them alike and the ratios stay meaningful.
 */
async function timeAll(
  runners: Record<string, () => Promise<Buffer>>,
): Promise<Record<string, Stats & { last: Buffer }>> {
  const times: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  const last: Record<string, Buffer> = {};
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < WARMUP + RUNS; round++) {
    for (const [name, run] of Object.entries(runners)) {
      // Without this each renderer would pay for collecting the garbage of the one before.
      gc?.();
      const start = performance.now();
      const startCpu = process.cpuUsage();
      last[name] = await run();
      const used = process.cpuUsage(startCpu);
      if (round >= WARMUP) {
        times[name] = [...(times[name] ?? []), performance.now() - start];
        cpu[name] = [...(cpu[name] ?? []), (used.user + used.system) / 1000];
      }
    }
  }
  const out: Record<string, Stats & { last: Buffer }> = {};
  for (const [name, list] of Object.entries(times)) {
    const sorted = [...list].sort((x, y) => x - y);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const data = last[name] ?? Buffer.alloc(0);
    const cpuSorted = [...(cpu[name] ?? [])].sort((x, y) => x - y);
    out[name] = {
      median: at(0.5),
      p95: at(0.95),
      cpu: cpuSorted[Math.floor(cpuSorted.length / 2)] ?? 0,
      bytes: data.length,
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
  `${'renderer'.padEnd(22)}${'median'.padStart(9)}${'p95'.padStart(9)}${'cpu'.padStart(9)}${'size'.padStart(9)}  target`,
);

const results = await timeAll({
  png: async () => (await renderTemplate(doc, {}, { format: 'png' })).data,
  jpeg: async () => (await renderTemplate(doc, {}, { format: 'jpeg' })).data,
  webp: async () => (await renderTemplate(doc, {}, { format: 'webp' })).data,
  satori: () => renderWithSatori(logo),
});
for (const format of ['png', 'jpeg', 'webp'] as const) {
  const stats = results[format];
  if (!stats) continue;
  writeFileSync(join(outDir, `layercast.${format}`), stats.last);
  const target = TARGETS_MS[format] ?? 0;
  const verdict = stats.median <= target ? 'ok' : 'MISSED';
  console.log(
    `${`layercast ${format}`.padEnd(22)}${ms(stats.median)}${ms(stats.p95)}${ms(stats.cpu)}${kb(stats.bytes)}  ≤ ${target} ms ${verdict}`,
  );
}
const satori = results['satori'];
if (satori) {
  writeFileSync(join(outDir, 'satori-resvg.png'), satori.last);
  console.log(
    `${'satori+resvg png'.padEnd(22)}${ms(satori.median)}${ms(satori.p95)}${ms(satori.cpu)}${kb(satori.bytes)}`,
  );
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

const png = results['png'];
if (png && satori) {
  const ratio = satori.median / png.median;
  console.log(
    `\nPNG: layercast is ${ratio.toFixed(1)}× faster than satori+resvg (median; target ≥ 2×: ${ratio >= 2 ? 'ok' : 'MISSED'}),`,
  );
  console.log(`     and uses ${(satori.cpu / png.cpu).toFixed(1)}× less CPU`);
}
console.log(`load average at end ${load()}; outputs in ${outDir}`);
