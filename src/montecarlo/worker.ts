import { parentPort, workerData } from 'node:worker_threads';
import { openScenarioText } from '../api.js';
import { useCheckedExpressions, type CheckedExpressions } from '../model/expr.js';
import { simulateRange } from './simulate.js';

/**
 * A worker thread: compiles the same scenario (text and overrides) and
 * aggregates the chunks of run indices it is sent. A run's result depends only
 * on (scenario, seed, run index), so which worker runs a chunk does not matter.
 * Its expressions arrive checked and parsed (plain trees), so it does not load mathjs.
 */
const { file, text, sets, seed, expressions } = workerData as { file: string; text: string; sets: string[]; seed: number; expressions: CheckedExpressions };
useCheckedExpressions(expressions);
const open = openScenarioText(file, text, sets);
if (!open.ok) throw new Error(`worker could not open ${file}`);
const model = open.value.model;
parentPort?.on('message', (m: { chunk: number; from: number; to: number }) => {
  parentPort?.postMessage({ chunk: m.chunk, agg: simulateRange(model, seed, m.from, m.to) });
});
// Compiled: the parent may send chunks now (until then it runs them itself).
parentPort?.postMessage({ ready: true });
