/**
 * The fuzzer: makes seeded mutants of the shipped scenarios and the bad-input
 * corpus, runs them (most through the library in batch.mjs, some through the
 * real CLI, spawned) with a time and memory bound each, and says which broke
 * which of issue 19's promises (check.ts).
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KINDS, mutate, type Kind } from './mutate.js';
import { rand } from './random.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'dist/cli/main.js');
const BATCH = join(ROOT, 'tests/fuzz/batch.mjs');
/** Per mutant: validate and run together, in the batch or each CLI command. */
export const TIME_LIMIT_MS = Number(process.env.FUZZ_TIME_MS ?? 20_000);
export const MEMORY_MB = Number(process.env.FUZZ_MEMORY_MB ?? 1536);

/** The files mutated: every shipped scenario and every file of the bad-input corpus. */
export function seeds(): { name: string; text: string }[] {
  const dirs = ['scenarios', 'scenarios/forecasts', 'tests/bad-input'];
  return dirs.flatMap((d) =>
    readdirSync(join(ROOT, d))
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .sort()
      .map((f) => ({ name: `${d}/${f}`, text: readFileSync(join(ROOT, d, f), 'utf8') })),
  );
}

export interface Job {
  id: number;
  kind: Kind;
  seed: string;
  note: string;
  file: string;
  /** The unmutated seed, for renames (the run must equal its, renamed back). */
  original?: string;
  rename?: { from: string; to: string };
  /** Also through the real CLI. */
  cli: boolean;
}

/** `count` mutants of the given kinds (cycling through them), from seed `seed`, written under `dir`. */
export function makeJobs(count: number, seed: number, kinds: readonly Kind[], dir: string, cliEvery: number): Job[] {
  const r = rand(seed);
  const files = seeds();
  // Half the mutants from the shipped scenarios (valid, so their mutants reach `run`), a sixth from the corpus's valid file, the rest from its broken ones.
  const shipped = files.filter((f) => f.name.startsWith('scenarios/'));
  const valid = files.filter((f) => f.name.endsWith('/_valid.yaml'));
  const broken = files.filter((f) => f.name.startsWith('tests/') && !f.name.endsWith('/_valid.yaml'));
  const pickSeed = () => {
    const u = r.next();
    return r.pick(u < 0.5 ? shipped : u < 0.66 ? valid : broken);
  };
  const jobs: Job[] = [];
  for (let attempt = 0; jobs.length < count && attempt < count * 20; attempt++) {
    const kind = kinds[jobs.length % kinds.length];
    const from = pickSeed();
    const m = mutate(kind, from.text, r);
    if (!m) continue;
    const id = jobs.length;
    const file = join(dir, `m${id}-${kind}.yaml`);
    writeFileSync(file, m.text);
    let original: string | undefined;
    if (m.rename) {
      original = join(dir, `original-${basename(from.name).replace(/\.json$/, '.yaml')}`);
      writeFileSync(original, from.text);
    }
    jobs.push({ id, kind, seed: from.name, note: m.note, file, original, rename: m.rename, cli: id % cliEvery === 0 });
  }
  return jobs;
}

/** What one command (or the library's equivalent) did. */
export interface Outcome {
  code: number | null;
  signal?: string | null;
  message?: string;
  stderr?: string;
  timedOut?: boolean;
  memoryKb?: number;
  nulls?: string[];
}
export interface Result {
  job: Job;
  via: 'library' | 'cli';
  validate: Outcome;
  run?: Outcome;
  sameAsOriginal?: boolean;
  ms: number;
}

/** Runs jobs through batch.mjs, one process at a time; a process that stalls past the time limit is killed and its mutant marked. */
export async function runLibrary(jobs: Job[]): Promise<Result[]> {
  const results: Result[] = [];
  let rest = jobs;
  while (rest.length > 0) {
    const list = join(dirname(rest[0].file), `jobs-${rest[0].id}.json`);
    writeFileSync(list, JSON.stringify(rest.map(({ id, file, original, rename }) => ({ id, file, original, rename }))));
    const done = await batch(list, rest, results);
    if (done.size === 0) throw new Error(`the fuzzer's batch process did no mutant (tests/fuzz/batch.mjs; is dist/ built?)`);
    rest = rest.filter((j) => !done.has(j.id));
  }
  return results.sort((a, b) => a.job.id - b.job.id);
}

function batch(list: string, jobs: Job[], results: Result[]): Promise<Set<number>> {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  const done = new Set<number>();
  return new Promise((res) => {
    const c = spawn(process.execPath, [`--max-old-space-size=${MEMORY_MB + 512}`, BATCH, list], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FUZZ_MEMORY_MB: String(MEMORY_MB) } });
    let current: number | undefined;
    let started = Date.now();
    let timedOut = false;
    let stderr = '';
    let buffer = '';
    const watchdog = setInterval(() => {
      if (current !== undefined && Date.now() - started > TIME_LIMIT_MS) {
        timedOut = true;
        c.kill('SIGKILL');
      }
    }, 100);
    c.stderr.on('data', (b) => (stderr = (stderr + b).slice(-4000)));
    c.stdout.on('data', (b) => {
      buffer += b;
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        const line = JSON.parse(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if ('start' in line) {
          current = line.start;
          started = Date.now();
          continue;
        }
        const job = byId.get(line.id) as Job;
        const run = line.run && { ...line.run, nulls: line.nulls };
        const memoryKb = line.maxRssKb > MEMORY_MB * 1024 ? line.maxRssKb : undefined;
        results.push({ job, via: 'library', validate: { ...line.validate, memoryKb: run ? undefined : memoryKb }, run: run && { ...run, memoryKb }, sameAsOriginal: line.sameAsOriginal, ms: line.ms });
        done.add(line.id);
        current = undefined;
      }
    });
    c.on('close', (code, signal) => {
      clearInterval(watchdog);
      if (current !== undefined && !done.has(current)) {
        // The mutant in flight killed the process: a hang, a native abort (out of memory) or a crash.
        const job = byId.get(current) as Job;
        results.push({ job, via: 'library', validate: { code, signal, timedOut, message: stderr.split('\n').find((l) => l.trim() !== '')?.slice(0, 300) }, ms: Date.now() - started });
        done.add(current);
      }
      // A process that ended early with no mutant in flight (memory over the bound after one): the rest go on in a new one.
      res(done);
    });
  });
}

/** One CLI command on a mutant, with the time limit and, through /usr/bin/time when present, its peak RSS. */
function cli(args: string[]): Promise<Outcome> {
  return new Promise((res) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PARLEY_DEBUG: '', NODE_OPTIONS: `--max-old-space-size=${MEMORY_MB}` } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let peakKb = 0;
    const timer = setTimeout(() => {
      timedOut = true;
      c.kill('SIGKILL');
    }, TIME_LIMIT_MS);
    // Peak resident memory, sampled (the CLI runs in this one process: NODE_OPTIONS keeps it from re-spawning).
    const sampler = setInterval(() => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${c.pid}/status`, 'utf8'))?.[1]);
        if (kb > peakKb) peakKb = kb;
      } catch {
        // ended
      }
    }, 100);
    c.stdout.on('data', (b) => (stdout += b));
    c.stderr.on('data', (b) => (stderr = (stderr + b).slice(-20_000)));
    c.on('close', (code, signal) => {
      clearTimeout(timer);
      clearInterval(sampler);
      res({ code, signal, stderr, timedOut, memoryKb: peakKb > MEMORY_MB * 1024 ? peakKb : undefined, message: stderr.split('\n')[0]?.slice(0, 300), nulls: code === 0 && args[0] === 'run' ? jsonNulls(stdout) : undefined });
    });
  });
}

/** Nulls where a number belongs in the CLI's JSON (the same rule as batch.mjs), or ['(not JSON)']. */
function jsonNulls(stdout: string): string[] {
  let report: unknown;
  try {
    report = JSON.parse(stdout);
  } catch {
    return ['(not JSON)'];
  }
  const out: string[] = [];
  const noDeals = (report as { agreement?: { count?: number } }).agreement?.count === 0;
  // Means over runs with a collapse are null (documented) when no deal collapsed.
  const noCollapse = (report as { breakdown?: { collapsed?: number } }).breakdown?.collapsed === 0;
  const walk = (x: unknown, path: string) => {
    if (x === null) {
      if (!(noDeals && /^(roundsToAgreement|terms\.[^.]+|dealUtility\.[^.]+)(\.|$)/.test(path)) && !(noCollapse && /^breakdown\.(meanCollapseRound|meanWarRounds)$/.test(path))) out.push(path);
    } else if (typeof x === 'object') for (const [k, v] of Object.entries(x as object)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(report, '');
  return out;
}

/** Runs jobs through the real CLI, `parallel` at a time: validate, then (when valid) run -n 20 -f json. */
export async function runCli(jobs: Job[], parallel = 2): Promise<Result[]> {
  const results: Result[] = [];
  let next = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const job = jobs[next++];
      const t = Date.now();
      const validate = await cli(['validate', job.file]);
      const run = validate.code === 0 ? await cli(['run', job.file, '-n', '20', '-f', 'json', '-w', '1']) : undefined;
      results.push({ job, via: 'cli', validate, run, ms: Date.now() - t });
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return results.sort((a, b) => a.job.id - b.job.id);
}

export { KINDS };
