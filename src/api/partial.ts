import { z } from '../scenario/zod.js';
import type { JobSpec } from '../montecarlo/jobs.js';
import { computeSpan, jobOffsets, mergeSpans } from '../montecarlo/span.js';
import { decodeSpan, encodeSpan } from '../montecarlo/spanCodec.js';
import { InputError } from '../scenario/problems.js';
import { VERSION } from '../version.js';
import { plannedJobs, type Plan } from './plans.js';

/**
 * Partial results: shard i of N of a command's Monte Carlo (`--shard i/N
 * --partial FILE`), and their merge (`parley merge`). A partial holds what
 * the merge needs to rebuild the command on any machine — the command, its
 * files and options, each scenario's text and sha256, the jobs (seed, runs)
 * and parley's version — and its span of units (montecarlo/span.ts).
 */
export const PARTIAL_FORMAT = 'parley-partial/1';

/** A scenario file as a shard read it. */
export interface ScenarioText {
  file: string;
  sha256: string;
  text: string;
}

/** What identifies the command a partial belongs to. */
export interface PartialCommand {
  command: string;
  files: string[];
  /** The command's options that shape its output (not threads, not where it is written). */
  options: Record<string, unknown>;
}

const partialSchema = z.object({
  format: z.literal(PARTIAL_FORMAT),
  parley: z.string(),
  command: z.string(),
  files: z.array(z.string()),
  options: z.record(z.string(), z.unknown()),
  scenarios: z.array(z.object({ file: z.string(), sha256: z.string(), text: z.string() })),
  seed: z.number(),
  jobs: z.array(z.object({ kind: z.enum(['simulate', 'compare']), scenarios: z.number(), seed: z.number(), runs: z.number() })),
  shard: z.object({ index: z.number().int().min(0), count: z.number().int().min(1) }),
  span: z.unknown(),
});

/** A partial result as written to its file. */
export type PartialFile = z.infer<typeof partialSchema>;

/** Shard `index` of `count`: units [⌊index·units/count⌋, ⌊(index+1)·units/count⌋), a fixed split whatever machine runs it. */
export function shardRange(units: number, index: number, count: number): [number, number] {
  return [Math.floor((index * units) / count), Math.floor(((index + 1) * units) / count)];
}

/**
 * Computes shard `index` of `count` of a command's plan: its partial result, to be written as JSON.
 * `onUnit` is called after each unit (progress).
 */
export function shardPartial(
  plan: Plan<unknown>,
  command: PartialCommand,
  scenarios: ScenarioText[],
  shard: { index: number; count: number },
  onUnit?: (done: number, of: number) => void,
): PartialFile {
  const jobs = plannedJobs(plan);
  const [from, to] = shardRange(jobOffsets(jobs).units, shard.index, shard.count);
  const span = encodeSpan(computeSpan(jobs, from, to, onUnit));
  return { format: PARTIAL_FORMAT, parley: VERSION, ...command, scenarios, seed: jobs[0].spec.seed, jobs: jobs.map((j) => j.spec), shard, span };
}

const show = (x: unknown) => {
  const s = JSON.stringify(x) ?? String(x);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
};

/** The fields that must agree across the partials of one command, in the order they are checked. */
const IDENTITY: [string, (p: PartialFile) => unknown][] = [
  ['parley version', (p) => p.parley],
  ['command', (p) => p.command],
  ['scenario files', (p) => p.files],
  ['scenario sha256', (p) => p.scenarios.map((s) => `${s.file}:${s.sha256}`)],
  ['seed', (p) => p.seed],
  ['jobs (seeds and runs)', (p) => p.jobs],
  ['options', (p) => p.options],
  ['number of shards', (p) => p.shard.count],
];

/** Reads one partial file's text, or an InputError naming it. */
function readPartial(name: string, text: string): PartialFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new InputError(`${name}: not a parley partial result (not JSON)`);
  }
  const format = (data as { format?: unknown } | null)?.format;
  if (format !== PARTIAL_FORMAT)
    throw new InputError(`${name}: not a parley partial result of format ${PARTIAL_FORMAT} (its format is ${show(format)}); write partials with --shard i/N --partial FILE`);
  const r = partialSchema.safeParse(data);
  if (!r.success) throw new InputError(`${name}: malformed partial result at ${r.error.issues[0].path.join('.') || 'the top'}: ${r.error.issues[0].message}`);
  if (r.data.shard.index >= r.data.shard.count) throw new InputError(`${name}: shard ${r.data.shard.index} of ${r.data.shard.count} is out of range`);
  return r.data;
}

/**
 * Reads partial results and checks that they belong together: the same parley
 * version, command, scenarios (sha256), seed, jobs, options and number of
 * shards as the first, and every shard exactly once. Returns them in shard order.
 * @throws InputError naming the file that is foreign or a duplicate, or the shards missing.
 */
export function checkPartials(files: { name: string; text: string }[]): { name: string; data: PartialFile }[] {
  if (files.length === 0) throw new InputError('merge: no partial results given');
  const parts = files.map((f) => ({ name: f.name, data: readPartial(f.name, f.text) }));
  const first = parts[0];
  const seen = new Map<number, string>();
  for (const p of parts) {
    for (const [what, get] of IDENTITY)
      if (JSON.stringify(get(p.data)) !== JSON.stringify(get(first.data)))
        throw new InputError(`${p.name}: a partial of another job: its ${what} is ${show(get(p.data))}, but ${first.name}'s is ${show(get(first.data))}`);
    const twin = seen.get(p.data.shard.index);
    if (twin !== undefined) throw new InputError(`${p.name}: shard ${p.data.shard.index} of ${p.data.shard.count} is given twice (also ${twin})`);
    seen.set(p.data.shard.index, p.name);
  }
  const count = first.data.shard.count;
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
    throw new InputError(`merge: shard${missing.length > 1 ? 's' : ''} ${list} of ${count} missing (numbered 0 to ${count - 1}); ${parts.length} partial(s) given`);
  }
  return parts.sort((a, b) => a.data.shard.index - b.data.shard.index);
}

/**
 * Merges checked partials (`checkPartials`) into the command's report: `plan` is
 * the command rebuilt from the partials' scenarios and options; its jobs must be
 * the recorded ones. `names` gives each partial's file name (in shard order) for messages.
 * @throws InputError naming a partial whose span does not fit the jobs.
 */
export function mergePartials<R>(plan: Plan<R>, parts: PartialFile[], names: string[]): R {
  const jobs = plannedJobs(plan);
  const specs: JobSpec[] = jobs.map((j) => j.spec);
  if (JSON.stringify(specs) !== JSON.stringify(parts[0].jobs))
    throw new InputError(`${names[0]}: its jobs ${show(parts[0].jobs)} are not those its command gives here, ${show(specs)}`);
  const units = jobOffsets(jobs).units;
  const spans = parts.map((p, k) => {
    const [from, to] = shardRange(units, p.shard.index, p.shard.count);
    try {
      const s = decodeSpan(jobs, p.span);
      if (s.from !== from || s.to !== to) throw new Error(`units ${s.from} to ${s.to}, but shard ${p.shard.index} of ${p.shard.count} is units ${from} to ${to}`);
      return s;
    } catch (e) {
      throw new InputError(`${names[k]}: malformed partial result: ${(e as Error).message}`);
    }
  });
  return plan.finish(mergeSpans(jobs, spans));
}

/** Every scenario a partial carries, by file name (for `openScenarioText`). */
export function partialScenarios(p: PartialFile): Map<string, ScenarioText> {
  return new Map(p.scenarios.map((s) => [s.file, s]));
}
