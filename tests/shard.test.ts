/**
 * Shards and their merge (issue 18, item 1), through the real bin (dist/, built by `npm test`):
 * N shard processes, then `parley merge`, print the bytes one process prints, for run, compare,
 * sweep and sensitivity; the merge refuses a missing, duplicated or foreign partial naming it.
 * The span arithmetic itself (montecarlo/span.ts) is checked in one process against `simulate`.
 */
import fc from 'fast-check';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, openScenario } from '../src/api.js';
import { checkPartials, mergePartials, shardPartial, type ScenarioText } from '../src/api/partial.js';
import { runShardable } from '../src/cli/commands/run.js';
import { simulate } from '../src/montecarlo/simulate.js';
import { simulateCompare } from '../src/montecarlo/compare.js';
import { computeSpan, mergeSpans, type PlannedJob } from '../src/montecarlo/span.js';
import { decodeSpan, encodeSpan } from '../src/montecarlo/spanCodec.js';
import { parseShard } from '../src/cli/shard.js';

const CLI = resolve('dist/cli/main.js');
const DEFAULT = resolve('scenarios/default.yaml');
const dir = mkdtempSync(join(tmpdir(), 'parley-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** A small scenario (two parties, one issue, three drawn parameters) where the default's size adds only time. */
const SPLIT = join(dir, 'split.yaml');
writeFileSync(
  SPLIT,
  `name: split
rounds: 12
issues:
  share: {range: [0, 1], description: "party a's share"}
parties:
  a: {ideal: {share: 1}, weights: {share: 1}, discount: {uniform: [0.8, 0.95]}, veto: true, reservation: {uniform: [0, 0.3]}}
  b: {ideal: {share: 0}, weights: {share: 1}, discount: {uniform: [0.85, 0.95]}, veto: true, reservation: 0.1}
mechanism: {order: [a, b]}
`,
);

const parley = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });

/** The bin, asynchronously (shards run side by side, as on a cluster). */
function parleyAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    // A node flag first (as a shard is started above) keeps the bin in one process (cli/main.ts).
    const [flags, rest] = args[0].startsWith('--max') ? [[args[0]], args.slice(1)] : [[], args];
    const child = spawn(process.execPath, [...flags, CLI, ...rest], { cwd: dir, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
}

/** One process's stdout for `args`, and the merge of N shard processes of it (the partials given in reverse order). */
async function oneAndMerged(name: string, args: string[], n: number, env: (i: number) => NodeJS.ProcessEnv = () => ({})) {
  const shard = (i: number) => (env(i).SLURM_ARRAY_TASK_ID ? 'auto' : String(i));
  const [one, ...runs] = await Promise.all([
    parleyAsync(args),
    ...Array.from({ length: n }, (_, i) => parleyAsync(['--max-semi-space-size=4', ...args, '--shard', `${shard(i)}/${n}`, '--partial', `${name}-${i}.json`], env(i))),
  ]);
  for (const r of [one, ...runs]) expect([r.status, r.stderr]).toEqual([0, '']);
  const parts = Array.from({ length: n }, (_, i) => `${name}-${n - 1 - i}.json`);
  const merged = parley(['merge', ...parts]);
  expect(merged.stderr).toBe('');
  return { one: one.stdout, merged: merged.stdout, parts };
}

// A regression of the whole path: byte-identical, whatever the split (shards cut a scenario's chunks in two).
describe('N shard processes + merge print the one-process bytes', () => {
  let runParts: string[] = [];
  it('run on two scenarios, 3 shards (JSON)', async () => {
    const { one, merged, parts } = await oneAndMerged('run', ['run', DEFAULT, SPLIT, '-n', '400', '-s', '3', '-f', 'json'], 3);
    expect(merged).toBe(one);
    expect(JSON.parse(one)).toHaveLength(2);
    runParts = parts;
  });

  it('compare with a variant, 2 shards (table)', async () => {
    const { one, merged } = await oneAndMerged('cmp', ['compare', DEFAULT, '--variant', 'patient: parties.russia.discount=0.99', '-n', '300', '-s', '2'], 2);
    expect(merged).toBe(one);
    expect(one).toContain('patient');
  });

  it('sweep of 3 points, 2 shards (CSV)', async () => {
    const { one, merged } = await oneAndMerged('sweep', ['sweep', SPLIT, '--param', 'parties.b.reservation=0:0.2:0.1', '-n', '300', '-f', 'csv'], 2);
    expect(merged).toBe(one);
    expect(one.trim().split('\n')).toHaveLength(4);
  });

  it('sensitivity, 2 shards with the index from SLURM_ARRAY_TASK_ID (--shard auto/2)', async () => {
    const { one, merged } = await oneAndMerged('sens', ['sensitivity', SPLIT, '-n', '100', '-f', 'json'], 2, (i) => ({ SLURM_ARRAY_TASK_ID: String(i) }));
    expect(merged).toBe(one);
    expect(JSON.parse(one).rows.length).toBeGreaterThan(0);
  });

  it('the merge refuses a missing shard (exit 2, nothing on stdout)', () => {
    const r = parley(['merge', runParts[0], runParts[2]]);
    expect([r.status, r.stdout, r.stderr]).toEqual([2, '', 'parley: merge: shard 1 of 3 missing (numbered 0 to 2); 2 partial(s) given\n']);
  });

  it('shard flags used wrongly (exit 2)', () => {
    const r = parley(['run', DEFAULT, '-n', '10', '--shard', '1/3']);
    expect([r.status, r.stderr]).toEqual([2, 'parley: --shard needs --partial FILE: where shard 1 of 3 writes its partial result\n']);
  });
});

/** Partials made in this process, as the shard processes make them (the CLI's plan for `run`). */
function partials(name: string, o: Record<string, unknown>, count: number, files = ['scenarios/default.yaml']) {
  const scenarios = new Map<string, ScenarioText>();
  const open = (file: string, sets: string[]) => {
    const s = openScenario(file, sets);
    scenarios.set(file, { file, sha256: s.loaded.sha256, text: s.loaded.source.text });
    return s;
  };
  const { plan } = runShardable.plan(files, { set: [], ...o }, open);
  return Array.from({ length: count }, (_, index) => ({
    name: `${name}-${index}.json`,
    text: JSON.stringify(shardPartial(plan, { command: 'run', files, options: { set: [], ...o } }, [...scenarios.values()], { index, count })),
  }));
}

describe('the merge refuses partials that do not belong together, naming the file', () => {
  const parts = partials('ref', { runs: 300, seed: 9 }, 3);
  const refused = (files: { name: string; text: string }[]) => {
    try {
      checkPartials(files);
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      return (e as Error).message;
    }
    throw new Error('not refused');
  };
  const edit = (p: { name: string; text: string }, name: string, f: (x: Record<string, unknown>) => void) => {
    const x = JSON.parse(p.text);
    f(x);
    return { name, text: JSON.stringify(x) };
  };

  it('a shard given twice, and shards missing', () => {
    expect(refused([...parts, { ...parts[1], name: 'copy.json' }])).toBe('copy.json: shard 1 of 3 is given twice (also ref-1.json)');
    expect(refused([parts[1]])).toBe('merge: shards 0, 2 of 3 missing (numbered 0 to 2); 1 partial(s) given');
  });

  it('a shard of another seed, of another number of shards, of another parley version, of other options', () => {
    const [, seed10] = partials('seed10', { runs: 300, seed: 10 }, 3);
    expect(refused([parts[0], seed10, parts[2]])).toBe("seed10-1.json: a partial of another job: its seed is 10, but ref-0.json's is 9");
    const [four] = partials('four', { runs: 300, seed: 9 }, 4);
    expect(refused([parts[0], four])).toBe("four-0.json: a partial of another job: its number of shards is 4, but ref-0.json's is 3");
    expect(refused([parts[0], edit(parts[1], 'old.json', (x) => (x.parley = '0.0.1'))])).toMatch(/^old\.json: a partial of another job: its parley version is "0\.0\.1", but ref-0\.json's is "/);
    const [, fmt] = partials('fmt', { runs: 300, seed: 9, format: 'csv' }, 3);
    expect(refused([parts[0], fmt])).toBe('fmt-1.json: a partial of another job: its options is {"set":[],"runs":300,"seed":9,"format":"csv"}, but ref-0.json\'s is {"set":[],"runs":300,"seed":9}');
  });

  it('a shard of another scenario: other files, or the same file edited', () => {
    const [, other] = partials('other', { runs: 300, seed: 9 }, 3, ['scenarios/bilateral-first.yaml']);
    expect(refused([parts[0], other])).toBe('other-1.json: a partial of another job: its scenario files is ["scenarios/bilateral-first.yaml"], but ref-0.json\'s is ["scenarios/default.yaml"]');
    const edited = edit(parts[2], 'edited.json', (x) => ((x.scenarios as { sha256: string }[])[0].sha256 = 'f'.repeat(64)));
    expect(refused([parts[0], parts[1], edited])).toMatch(/^edited\.json: a partial of another job: its scenario sha256 is \["scenarios\/default\.yaml:ffff/);
  });

  it('a file that is not a partial, a truncated one, a tampered span', () => {
    expect(refused([parts[0], { name: 'report.json', text: '{"parley": "0.1.0"}' }])).toBe(
      'report.json: not a parley partial result of format parley-partial/1 (its format is undefined); write partials with --shard i/N --partial FILE',
    );
    expect(refused([parts[0], { name: 'cut.json', text: parts[1].text.slice(0, 500) }])).toBe('cut.json: not a parley partial result (not JSON)');
    expect(refused([edit(parts[0], 'noshard.json', (x) => delete x.shard)])).toMatch(/^noshard\.json: malformed partial result at shard: /);
    const tampered = edit(parts[1], 'tampered.json', (x) => ((x.span as { sums: unknown[] }).sums[0] = [1, 2]));
    const checked = checkPartials([parts[0], tampered, parts[2]]);
    const { plan } = runShardable.plan(['scenarios/default.yaml'], { set: [], runs: 300, seed: 9 }, (f, sets) => openScenario(f, sets));
    expect(() => mergePartials(plan, checked.map((p) => p.data), checked.map((p) => p.name))).toThrow(/^tampered\.json: malformed partial result: span\.sums\[0\]: expected \d+ sums$/);
  });
});

describe('--shard auto/N reads the index from the scheduler', () => {
  it('Slurm, Kubernetes Indexed Jobs, AWS Batch; a Slurm array numbered from 1 is refused at its last task', () => {
    expect(parseShard('auto/8', { SLURM_ARRAY_TASK_ID: '5' })).toEqual({ index: 5, count: 8 });
    expect(parseShard('auto/8', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 0, count: 8 });
    expect(parseShard('auto/8', { AWS_BATCH_JOB_ARRAY_INDEX: '7' })).toEqual({ index: 7, count: 8 });
    expect(parseShard('2/8', { SLURM_ARRAY_TASK_ID: '5' })).toEqual({ index: 2, count: 8 });
    expect(() => parseShard('auto/8', { SLURM_ARRAY_TASK_ID: '8' })).toThrow('shard 8 (SLURM_ARRAY_TASK_ID) of 8: shards are numbered from 0 to 7; number the array that way (Slurm: --array=0-7)');
    expect(() => parseShard('auto/8', { SLURM_ARRAY_TASK_ID: '1', JOB_COMPLETION_INDEX: '2' })).toThrow('SLURM_ARRAY_TASK_ID=1 and JOB_COMPLETION_INDEX=2 disagree');
    expect(() => parseShard('auto/8', { JOB_COMPLETION_INDEX: 'x' })).toThrow('JOB_COMPLETION_INDEX="x" is not a whole number');
    expect(() => parseShard('1-8', {})).toThrow('expected i/N');
  });
});

describe('spans (montecarlo/span.ts)', () => {
  const open = openScenario('scenarios/default.yaml');
  const seed = 7;
  const json = (x: unknown) => JSON.stringify(x, (_, v) => (ArrayBuffer.isView(v) ? [...(v as Float64Array)] : v));

  // Property: any cut of the units into spans, each through JSON, merges to `simulate`'s aggregate exactly.
  it('any cut into spans, encoded and decoded, merges to the one-thread totals byte for byte', () => {
    const runs = 600; // 3 chunks of 250, the last of 100
    const variant = openScenario('scenarios/default.yaml', ['parties.russia.discount=0.99']);
    const jobs: PlannedJob[] = [
      { spec: { kind: 'simulate', scenarios: 1, seed, runs }, models: [open.model] },
      { spec: { kind: 'compare', scenarios: 2, seed, runs: 300 }, models: [open.model, variant.model] },
    ];
    const units = 3 + 2;
    const expected = json([[simulate(open.model, { seed, runs })], simulateCompare([open.model, variant.model], seed, 300)]);
    // Each span computed once, as a shard computes it, and sent through JSON as a partial carries it.
    const memo = new Map<string, ReturnType<typeof computeSpan>>();
    const span = (from: number, to: number) => {
      const key = `${from}-${to}`;
      if (!memo.has(key)) memo.set(key, decodeSpan(jobs, JSON.parse(JSON.stringify(encodeSpan(computeSpan(jobs, from, to))))));
      return memo.get(key) as ReturnType<typeof computeSpan>;
    };
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: units - 1 }), { maxLength: units - 1 }), (cuts) => {
        const bounds = [0, ...cuts.sort((a, b) => a - b), units];
        const total = mergeSpans(jobs, bounds.slice(1).map((to, k) => span(bounds[k], to)));
        expect(json(total)).toBe(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('keeps what JSON has no number for: −0, Infinity, NaN', () => {
    const job: PlannedJob = { spec: { kind: 'simulate', scenarios: 1, seed, runs: 10 }, models: [open.model] };
    const s = computeSpan([job], 0, 1);
    s.sums[0][0] = -0;
    s.sums[0][1] = NaN;
    const back = decodeSpan([job], JSON.parse(JSON.stringify(encodeSpan(s))));
    expect(Object.is(back.sums[0][0], -0)).toBe(true);
    expect(back.sums[0][1]).toBeNaN();
    // An empty histogram's minimum is +Infinity.
    const values = (back.exact[0] as { dealUtils: { min: number }[] }[])[0].dealUtils;
    expect(values.every((h) => h.min === Infinity || h.min <= 1)).toBe(true);
  });
});
