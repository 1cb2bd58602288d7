import { readFileSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { assertComparable, compareScenariosAsync, InputError, isExpectedUtility, openScenarioText, resolveSeed, runScenarioAsync, type OpenScenario } from '../api.js';
import type { WorkerPool } from '../montecarlo/pool.js';
import { compareRows } from '../report/compare.js';
import { renderTable } from '../report/format.js';
import { drawTable, fitText } from '../report/table.js';
import { printProblems } from './io.js';

/** How long the file must stay unchanged before a re-run: an editor's save is often several writes. */
const SETTLE_MS = 150;

type WatchOptions = { runs?: number; seed?: number; set: string[] };

/** Opens the file as it is now, or prints why it cannot be (and returns undefined). */
function tryOpen(file: string, sets: string[]): OpenScenario | undefined {
  try {
    const s = openScenarioText(file, readFileSync(file, 'utf8'), sets);
    if (isExpectedUtility(s)) throw new InputError(`--watch is for bargaining scenarios; ${file} uses mechanism expected-utility`);
    return s;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    if (e.problems.length > 0) printProblems(e.problems);
    else process.stderr.write(`parley: ${e.message}\n`);
    return undefined;
  }
}

/** The change since the previous version: both played on the same seed and run indices, each difference paired. */
async function changeSince(previous: OpenScenario, current: OpenScenario, o: WatchOptions, pool: WorkerPool): Promise<string> {
  const variants = [{ label: 'previous', open: previous }, { label: 'now', open: current }];
  try {
    assertComparable(variants);
  } catch (e) {
    if (e instanceof InputError) return `Change since the previous run: not comparable (${e.message})\n`;
    throw e;
  }
  const r = await compareScenariosAsync(variants, { runs: o.runs, seed: o.seed, pool });
  const { head, rows } = compareRows(r);
  // Only the measures that moved: an unchanged row says nothing after a tweak.
  const moved = rows.filter((row) => row[1] !== row[2]);
  const table = moved.length ? drawTable(head, moved, { compact: true }) : '(nothing moved)';
  return fitText(`Change since the previous run (same seed ${r.seed}, ${r.runs} runs each, paired; 95% intervals of simulation noise):\n${table}\n`);
}

/**
 * `run FILE --watch`: runs the scenario, then again every time the file is
 * saved, printing the new table and the change since the previous run (the
 * previous and the new version played on the same random numbers, so the
 * change is the tweak's effect, not noise). An invalid save prints its
 * problems and waits for the next. Ends on Ctrl-C.
 */
export async function watchRun(file: string, o: WatchOptions, pool: WorkerPool): Promise<never> {
  let previous = tryOpen(file, o.set);
  if (!previous) throw new InputError(`${file} is not a valid scenario; fix it and start --watch again`);
  const seed = resolveSeed(previous.model, o.seed);
  const run = (s: OpenScenario) => runScenarioAsync(s, { runs: o.runs, seed, pool });
  process.stdout.write(renderTable(await run(previous)));
  process.stdout.write(`\nWatching ${file} (seed ${seed}): save it to re-run; Ctrl-C to stop.\n`);
  let timer: NodeJS.Timeout | undefined;
  let busy = Promise.resolve();
  let lastText = readFileSync(file, 'utf8');
  const rerun = async () => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return; // mid-save (renamed away): the next event brings it back
    }
    if (text === lastText) return;
    lastText = text;
    process.stdout.write(`\n── ${new Date().toISOString().slice(11, 19)} ${file} saved: re-run ──\n`);
    const current = tryOpen(file, o.set);
    if (!current) return;
    process.stdout.write(renderTable(await run(current)));
    process.stdout.write(`\n${await changeSince(previous as OpenScenario, current, { ...o, seed }, pool)}`);
    previous = current;
  };
  // The folder is watched, not the file: editors often save by writing a new file and renaming it over the old.
  const name = basename(file);
  const watcher: FSWatcher = watch(dirname(resolve(file)), (_, changed) => {
    if (changed !== null && changed !== name) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      busy = busy.then(rerun);
    }, SETTLE_MS);
  });
  return new Promise<never>((_, reject) => watcher.on('error', reject));
}
