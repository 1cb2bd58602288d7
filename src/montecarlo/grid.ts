import { parse as parseYaml } from 'yaml';
import { count, howToRaise, limit } from '../scenario/limits.js';

/** One swept parameter: a dotted scenario path and the values it takes. */
export interface SweepParam {
  path: string;
  values: unknown[];
}

/**
 * Parses `path=from:to:step` (inclusive range) or `path=a,b,c` (a list, each
 * value read as YAML, as --set reads it: numbers stay numbers). Returns a message for a malformed spec.
 */
export function parseSweepParam(spec: string): SweepParam | string {
  const eq = spec.indexOf('=');
  if (eq <= 0) return `--param expects path=from:to:step or path=a,b,c, got ${JSON.stringify(spec)}`;
  const path = spec.slice(0, eq).trim();
  const rhs = spec.slice(eq + 1).trim();
  const range = /^(-?[\d.eE+-]+):(-?[\d.eE+-]+):([\d.eE+-]+)$/.exec(rhs);
  if (range) {
    const [from, to, step] = range.slice(1).map(Number);
    if (![from, to, step].every(Number.isFinite) || step <= 0 || from > to)
      return `--param ${path}: expected from:to:step with from <= to and step > 0, got ${JSON.stringify(rhs)}`;
    const n = Math.floor((to - from) / step + 1e-9) + 1;
    const max = limit('sweepPoints');
    if (n > max) return `--param ${path}: ${count(n)} points, more than the limit of ${count(max)}; ${howToRaise('sweepPoints', n)}`;
    // Rounded to 12 significant digits so 0.1 + 0.2 reads 0.3, not 0.30000000000000004.
    return { path, values: Array.from({ length: n }, (_, k) => Number((from + k * step).toPrecision(12))) };
  }
  const values = rhs.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return `--param ${path}: no values in ${JSON.stringify(rhs)}`;
  return { path, values: values.map(typed) };
}

/** A list item as --set reads it (YAML): `0.95` a number, `true` a boolean, `rational` text, so a list's values keep their types as a range's do. */
function typed(text: string): unknown {
  try {
    const v: unknown = parseYaml(text);
    return typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string' ? v : text;
  } catch {
    return text;
  }
}

/** How many points the grid of these parameters has (the product of their numbers of values). */
export function gridSize(params: SweepParam[]): number {
  return params.reduce((n, p) => n * p.values.length, 1);
}

/**
 * Why a sweep's grid is too large to start (Limits.sweepPoints: every point is validated, held and
 * run), or null: checked before any point is built.
 */
export function gridProblem(params: SweepParam[]): string | null {
  const n = gridSize(params), max = limit('sweepPoints');
  if (n <= max) return null;
  return `the sweep has ${params.map((p) => count(p.values.length)).join(' × ')} = ${count(n)} points, more than the limit of ${count(max)}; ${howToRaise('sweepPoints', n)}`;
}

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function gridPoints(params: SweepParam[]): Record<string, unknown>[] {
  return params.reduce<Record<string, unknown>[]>(
    (points, p) => points.flatMap((pt) => p.values.map((v) => ({ ...pt, [p.path]: v }))),
    [{}],
  );
}
