import { z } from './zod.js';
import { show } from './problems.js';
import { intervalMass, intervalMedian, meanOf, normalMass, sample, supportOf, type Distribution } from '../rng/distributions.js';
import { describeDomain, inDomain, isShare, type Domain } from './domain.js';
import { readWritten } from './written.js';
import { streamFor } from '../rng/stream.js';

export { describeDomain, inDomain, isShare, type Domain } from './domain.js';

const pair = z.tuple([z.number(), z.number()]);
const triple = z.tuple([z.number(), z.number(), z.number()]);

/**
 * `private: true`: the draw is the party's own knowledge (its type). Players
 * with `strategy: bayesian` know only the distribution of the others' private
 * draws; `--outer` keeps private draws in the inner runs.
 */
const privateFlag = z.boolean().optional().meta({ description: "the draw is known only to the party that owns the field (its private type); others know the distribution" });

/** At most this many values in a `choice`. */
export const MAX_CHOICES = 1000;
const choiceValues = z.array(z.number()).min(1, { error: 'expected at least one value' }).max(MAX_CHOICES, { error: `expected at most ${MAX_CHOICES} values` });

/** The distribution forms, each a one-key object (plus the optional `private` flag; `choice` may add `p`). */
export const distributionSchema = z.union([
  z.strictObject({ uniform: pair.meta({ description: '[a, b]: the lowest and highest value' }), private: privateFlag }).meta({ description: 'uniform on [a, b]' }),
  z.strictObject({ normal: pair.meta({ description: '[mean, sd]' }), private: privateFlag }).meta({ description: 'normal with [mean, sd]; truncated to the field domain' }),
  z.strictObject({ triangular: triple.meta({ description: '[low, mode, high]' }), private: privateFlag }).meta({ description: 'triangular with [low, mode, high]' }),
  z.strictObject({ beta: pair.meta({ description: '[a, b]: the shape parameters, both > 0' }), private: privateFlag }).meta({ description: 'beta with shape parameters [a, b], on [0, 1]' }),
  z.strictObject({ gamma: pair.meta({ description: '[shape, scale], both > 0' }), private: privateFlag }).meta({ description: 'gamma with [shape, scale] (mean shape × scale); weights {gamma: [1, 1]} on every issue are Dirichlet(1, ..., 1) once normalised' }),
  z
    .strictObject({
      choice: choiceValues.meta({ description: 'the values it can take' }),
      p: z.array(z.number()).optional().meta({ description: 'the probability of each value, in the same order (each >= 0, adding up to 1); equal when left out' }),
      private: privateFlag,
    })
    .meta({ description: 'one of a list of values, with probabilities p (equal when left out)' }),
]);

/** The least share of a normal's draws that must land in its field's domain (a draw outside is redrawn). */
export const MIN_NORMAL_MASS = 0.01;

/** Problems with a distribution's own parameters or with its support against the field's domain. */
export function distributionProblems(d: Distribution, domain: Domain): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  // An empty choice is the schema's to refuse (its length): nothing here can be said of it.
  if ('choice' in d && d.choice.length === 0) return out;
  const say = (key: string, message: string) => out.push({ path: [key], message });
  if ('uniform' in d && d.uniform[0] > d.uniform[1]) say('uniform', `expected [low, high] with low <= high, got [${d.uniform}]`);
  if ('normal' in d && d.normal[1] < 0) say('normal', `expected [mean, sd] with sd >= 0, got [${d.normal}]`);
  if ('triangular' in d) {
    const [lo, mode, hi] = d.triangular;
    if (!(lo <= mode && mode <= hi)) say('triangular', `expected [low, mode, high] with low <= mode <= high, got [${d.triangular}]`);
  }
  if ('beta' in d && !(d.beta[0] > 0 && d.beta[1] > 0)) say('beta', `expected shape parameters [a, b] both > 0, got [${d.beta}]`);
  if ('gamma' in d && !(d.gamma[0] > 0 && d.gamma[1] > 0)) say('gamma', `expected [shape, scale] both > 0, got [${d.gamma}]`);
  if ('choice' in d) for (const p of choiceProblems(d.choice, d.p)) out.push(p);
  if (out.length > 0) return out;
  const key = Object.keys(d).find((k) => k !== 'private' && k !== 'p') as string;
  if ('interval' in d) {
    const [a, b] = d.interval;
    const median = intervalMedian(a, b);
    const mass = intervalMass(a, b, domain.min ?? -Infinity, domain.max ?? Infinity);
    // Like a normal, draws outside the domain are redrawn: the median (and mean) must lie inside, and 1% of the draws.
    if (!inDomain(median, domain) || !inDomain(meanOf(d), domain))
      say('interval', `expected a 90% interval whose median and mean are ${describeDomain(domain)}, but "${d.written ?? `${a} to ${b}`}" has median ${median.toPrecision(4)} and mean ${meanOf(d).toPrecision(4)}`);
    else if (mass < MIN_NORMAL_MASS)
      say('interval', `expected a 90% interval that gives ${describeDomain(domain)} at least ${MIN_NORMAL_MASS * 100}% of the time (draws outside are redrawn), but "${d.written ?? `${a} to ${b}`}" does with probability ${mass.toPrecision(2)}`);
  } else if ('normal' in d) {
    const [mean, sd] = d.normal;
    const mass = () => normalMass(mean, sd, domain.min ?? -Infinity, domain.max ?? Infinity);
    if (!inDomain(mean, domain)) say(key, `expected a mean that is ${describeDomain(domain)}, got ${mean}`);
    // Draws outside the domain are redrawn, and a draw is given up on after 10,000 tries (model/params.ts).
    else if (mass() < MIN_NORMAL_MASS)
      say(key, `expected a normal that gives ${describeDomain(domain)} at least ${MIN_NORMAL_MASS * 100}% of the time (draws outside are redrawn), but [${d.normal}] does with probability ${mass().toPrecision(2)}`);
  } else {
    const [lo, hi] = supportOf(d);
    // Beta draws lie strictly inside (0, 1) in exact arithmetic, so an open domain's end points are not reached
    // (in floating point they can be: the trial draws below catch shapes that round to an end).
    const dom = 'beta' in d ? { ...domain, open: false } : domain;
    // An unbounded end (a gamma's) fits a domain unbounded on that side.
    const fits = (x: number, end: number | undefined) => (Number.isFinite(x) ? inDomain(x, dom) : end === undefined);
    if (!fits(lo, domain.min) || !fits(hi, domain.max))
      say(key, `expected draws that are ${describeDomain(domain)}, but this distribution ranges over [${lo}, ${hi}]`);
  }
  // A uniform, triangular or choice whose support lies in the domain draws inside it (to a rounding at an end, which a
  // run redraws): the trial draws could not refuse it, and skipping them spares ~1000 draws per field at every start-up.
  if (out.length === 0 && !('uniform' in d || 'triangular' in d || 'choice' in d)) {
    const problem = undrawable(d, domain);
    if (problem) say(key, problem);
  }
  return out;
}

/** A choice's probabilities: one per value, each >= 0, adding up to 1 (to 1e-9). */
function choiceProblems(values: number[], p: number[] | undefined): { path: (string | number)[]; message: string }[] {
  if (!p) return [];
  if (p.length !== values.length) return [{ path: ['p'], message: `expected one probability per value (${values.length}), got ${p.length}` }];
  const negative = p.findIndex((x) => !(x >= 0));
  if (negative >= 0) return [{ path: ['p', negative], message: `expected a probability >= 0, got ${p[negative]}` }];
  const sum = p.reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 1) > 1e-9) return [{ path: ['p'], message: `expected probabilities that add up to 1, got ${p.join(' + ')} = ${Number(sum.toPrecision(12))}` }];
  return [];
}

/** Trial draws made at validation for each distribution (a fixed stream: the same answer every time). */
export const TRIAL_DRAWS = 1000;

/**
 * What the sampler itself does with the parameters given: in floating point a
 * beta with a shape of 1e17 draws exactly 1, one with shapes of 1e-300 draws
 * 0/0 (not a number), a normal with a huge sd overflows. A run redraws a value
 * outside the domain and gives up after 10,000 tries, so at least
 * MIN_NORMAL_MASS of TRIAL_DRAWS draws from a fixed stream must land in the domain.
 */
function undrawable(d: Distribution, domain: Domain): string | undefined {
  const rng = streamFor(0, 0, 'draw:validation');
  let inside = 0;
  let notNumbers = 0;
  let ends = 0;
  for (let i = 0; i < TRIAL_DRAWS; i++) {
    const x = sample(rng, d);
    if (inDomain(x, domain)) inside++;
    else if (Number.isNaN(x)) notNumbers++;
    else if (x === domain.min || x === domain.max) ends++;
  }
  if (inside >= MIN_NORMAL_MASS * TRIAL_DRAWS) return undefined;
  const why = [notNumbers > 0 ? `${notNumbers} were not numbers (0/0)` : '', ends > 0 ? `${ends} fell exactly on an excluded end` : ''].filter((x) => x !== '').join(', ');
  return `expected a distribution whose draws are ${describeDomain(domain)} at least ${MIN_NORMAL_MASS * 100}% of the time, but of ${TRIAL_DRAWS} trial draws ${inside} were${why ? ` (${why})` : ''}: its parameters are too extreme to draw from in floating point`;
}

/** A number in the domain, or a distribution over it drawn once per run. */
export function numberOrDistribution(domain: Domain = {}, opts: { written?: boolean } = {}) {
  const fixed = z.number().refine((x) => inDomain(x, domain), {
    error: (iss) => `expected ${describeDomain(domain)}, got ${show(iss.input)}`,
  });
  const drawn = distributionSchema.superRefine((d, ctx) => {
    for (const p of distributionProblems(d as Distribution, domain)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
  });
  const expected = `expected ${describeDomain(domain)} or a distribution ({uniform: [a, b]}, {normal: [mean, sd]}, {triangular: [low, mode, high]}, {beta: [a, b]}, {gamma: [shape, scale]}, {choice: [values], p: [probabilities]})`;
  // `"0.5 to 0.8"` (a 90% interval) and, where the field is a share, `"35%"` / `"5% to 15%"`.
  const written = z
    .string()
    .superRefine((text, ctx) => {
      // Text that is neither an interval nor a percentage gets the field's usual message (and its slip hint).
      if (!/\bto\b|%/i.test(text)) {
        ctx.addIssue({ code: 'custom', message: `${expected}, got ${show(text)}`, input: text });
        return;
      }
      const r = readWritten(text, domain);
      if (typeof r === 'string') ctx.addIssue({ code: 'custom', message: r, input: text });
      else if (typeof r !== 'number') for (const p of distributionProblems(r, domain)) ctx.addIssue({ code: 'custom', message: p.message, input: text });
    })
    .meta({ description: `"a to b": a 90% interval (a lognormal when both ends are > 0, else a normal, with 5th and 95th percentiles a and b)${isShare(domain) ? '; "35%" or "5% to 15%" for a share' : ''}` });
  // A numeric ideal or no-deal state shares its field with option names: it takes no written form.
  return z.union(opts.written === false ? [fixed, drawn] : [fixed, drawn, written], { error: expected }).meta({
    description: `${describeDomain(domain)}, or a distribution drawn once per run: {uniform: [a, b]}, {normal: [mean, sd]}, {triangular: [lo, mode, hi]}, {beta: [a, b]}, {gamma: [shape, scale]}, {choice: [values], p: [probabilities]}; add private: true to make the draw the party's own knowledge${opts.written === false ? '' : '; or "a to b", a 90% interval'}${isShare(domain) ? '; a share may be written as a percentage, "35%"' : ''}`,
  });
}

/**
 * A number field's value: fixed, a distribution, or text (`"0.5 to 0.8"`, `"35%"`),
 * valid by the schema and read into a number or a distribution by `readNumberSpec`.
 */
export type NumberSpec = number | Distribution | string;

/** The field's value as a number or a distribution (text already validated by the schema). */
export function readNumberSpec(spec: NumberSpec, domain: Domain): number | Distribution {
  if (typeof spec !== 'string') return spec;
  const r = readWritten(spec, domain);
  if (typeof r === 'string') throw new Error(`unvalidated number field: ${r}`);
  return r;
}
