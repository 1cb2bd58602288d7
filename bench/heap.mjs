// Does memory grow with runs? node --expose-gc bench/heap.mjs FILE RUNS [EVERY]
// Runs the Monte Carlo in this thread chunk by chunk and, every EVERY runs (default 2500), prints
// the heap used after a forced full GC (what is live: flat when nothing leaks), the heap V8 has
// reserved, and the process's RSS and peak RSS. Not part of the test suite.
import { openScenario } from '../dist/api.js';
import { CHUNK, simulateRange } from '../dist/montecarlo/simulate.js';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(2);
}
const [file, runsArg, everyArg] = process.argv.slice(2);
let open;
try {
  open = openScenario(file);
} catch {
  console.error(`${file} does not validate`);
  process.exit(2);
}
const runs = Number(runsArg ?? 20000);
const every = Number(everyArg ?? 2500);
const MB = (b) => (b / 2 ** 20).toFixed(1);
const line = (done) => {
  const before = process.memoryUsage();
  globalThis.gc();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({
      runs: done,
      heapUsedMB: MB(before.heapUsed),
      liveAfterGcMB: MB(after.heapUsed),
      heapTotalMB: MB(before.heapTotal),
      rssMB: MB(before.rss),
      peakRssMB: (process.resourceUsage().maxRSS / 1024).toFixed(1),
    }),
  );
};
line(0);
for (let from = 0; from < runs; from += CHUNK) {
  const to = Math.min(runs, from + CHUNK);
  simulateRange(open.model, 1, from, to);
  if (Math.floor(to / every) > Math.floor(from / every) || to === runs) line(to);
}
