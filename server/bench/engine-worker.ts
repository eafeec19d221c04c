// One thread of the engine's own throughput in `pnpm bench:server`: renders the benchmark
// card (a new title each time, like the uncached requests) until told to stop, then reports
// how many it finished.
import { parentPort, workerData } from 'node:worker_threads';
import { registerFonts, renderTemplate } from '@layercast/engine/node';
import { loadTemplate } from '@layercast/shared';
import { cardTemplate, makeLogoDataUrl } from '../../engine/bench/card';

async function main(): Promise<void> {
  const { warmUp } = workerData as { warmUp: number };
  registerFonts();
  const doc = loadTemplate(cardTemplate(makeLogoDataUrl()));
  let n = 0;
  const render = () =>
    renderTemplate(doc, { layers: { title: { text: `Render ${n++} ${Math.random()}` } } }, { format: 'png' });
  for (let i = 0; i < warmUp; i++) await render();
  let stop = false;
  // Both threads start on the same signal and stop on the next.
  const go = new Promise<void>((resolve) => parentPort?.once('message', () => resolve()));
  parentPort?.postMessage('ready');
  await go;
  parentPort?.on('message', () => {
    stop = true;
  });
  let done = 0;
  while (!stop) {
    await render();
    done++;
  }
  parentPort?.postMessage(done);
}

// Run by a CommonJS loader in a worker thread (no top-level await).
void main();
