import { emptyTotals, emptyUnit, jobOffsets, sumsOf, type JobTotal, type PlannedJob, type Span } from './span.js';

/**
 * A span (span.ts) as plain JSON, and back. Numbers keep every bit: JSON's
 * shortest round-trip form, and strings for what JSON has no number for
 * (Infinity, NaN, and −0, which JSON.stringify would turn into 0). Typed
 * arrays are written sparse (most histogram bins of a span are empty).
 * Decoding reads into the shape the jobs' scenarios give, so a file that does
 * not fit them is refused with the place where it differs.
 */

type Json = null | number | string | Json[] | { [k: string]: Json };

function encodeNumber(x: number): number | string {
  if (Number.isFinite(x) && !Object.is(x, -0)) return x;
  return Object.is(x, -0) ? '-0' : String(x);
}

const NON_FINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN, '-0': -0 };

function decodeNumber(v: unknown, at: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v in NON_FINITE) return NON_FINITE[v];
  throw new Error(`${at}: expected a number, got ${JSON.stringify(v)?.slice(0, 40)}`);
}

/** An aggregate, a comparison or a list of them as JSON. */
export function encodeValue(x: unknown): Json {
  if (typeof x === 'number') return encodeNumber(x);
  if (x === null || typeof x !== 'object') return x as Json;
  if (x instanceof Float64Array) {
    const at: number[] = [];
    const v: (number | string)[] = [];
    x.forEach((c, i) => c !== 0 && (at.push(i), v.push(encodeNumber(c))));
    return { f64: x.length, at, v };
  }
  if (Array.isArray(x)) return x.map(encodeValue);
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, encodeValue(v)]));
}

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function decodeF64(shape: Float64Array, v: unknown, at: string): Float64Array {
  if (!isRecord(v) || v.f64 !== shape.length || !Array.isArray(v.at) || !Array.isArray(v.v) || v.at.length !== v.v.length)
    throw new Error(`${at}: expected ${shape.length} counts`);
  const out = new Float64Array(shape.length);
  v.at.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= shape.length) throw new Error(`${at}: index ${JSON.stringify(i)} out of range`);
    out[i as number] = decodeNumber((v.v as unknown[])[k], at);
  });
  return out;
}

/** Reads `v` in the shape of `shape` (a fresh value; `shape` is not changed). */
export function decodeValue<T>(shape: T, v: unknown, at: string): T {
  if (typeof shape === 'number') return decodeNumber(v, at) as T;
  if (shape === null) {
    if (v !== null) throw new Error(`${at}: expected null`);
    return shape;
  }
  if (shape instanceof Float64Array) return decodeF64(shape, v, at) as T;
  if (Array.isArray(shape)) {
    if (!Array.isArray(v) || v.length !== shape.length) throw new Error(`${at}: expected a list of ${shape.length}`);
    return shape.map((s, i) => decodeValue(s, v[i], `${at}[${i}]`)) as T;
  }
  if (!isRecord(v)) throw new Error(`${at}: expected an object`);
  const entries = Object.entries(shape as object).map(([k, s]) => [k, decodeValue(s, v[k], `${at}.${k}`)]);
  return Object.fromEntries(entries) as T;
}

/** A span as JSON. */
export function encodeSpan(s: Span): Json {
  return { from: s.from, to: s.to, exact: s.exact.map(encodeValue), sums: s.sums.map((u) => u.map(encodeNumber)) };
}

/**
 * A span read back for the given jobs: its units inside theirs, one list of
 * sums per unit with as many sums as the unit's result has.
 * @throws Error naming the first place that does not fit.
 */
export function decodeSpan(jobs: PlannedJob[], v: unknown): Span {
  const { starts, units } = jobOffsets(jobs);
  if (!isRecord(v)) throw new Error('span: expected an object');
  const { from, to } = v;
  if (!Number.isInteger(from) || !Number.isInteger(to) || (from as number) < 0 || (from as number) > (to as number) || (to as number) > units)
    throw new Error(`span: units ${JSON.stringify(from)} to ${JSON.stringify(to)} are not inside the job's ${units}`);
  const shapes = emptyTotals(jobs);
  if (!Array.isArray(v.exact) || v.exact.length !== jobs.length) throw new Error(`span.exact: expected a list of ${jobs.length}`);
  const exact = shapes.map((shape, j): JobTotal | null => ((v.exact as unknown[])[j] === null ? null : decodeValue(shape, (v.exact as unknown[])[j], `span.exact[${j}]`)));
  const n = (to as number) - (from as number);
  if (!Array.isArray(v.sums) || v.sums.length !== n) throw new Error(`span.sums: expected a list of ${n}`);
  const sums = (v.sums as unknown[]).map((u, k) => {
    const unit = (from as number) + k;
    let job = starts.length - 1;
    while (starts[job] > unit) job--;
    const count = sumsOf(emptyUnit(jobs[job], unit - starts[job]) as object).length;
    if (!Array.isArray(u) || u.length !== count) throw new Error(`span.sums[${k}]: expected ${count} sums`);
    return u.map((x, i) => decodeNumber(x, `span.sums[${k}][${i}]`));
  });
  return { from: from as number, to: to as number, exact, sums };
}
