/** One swept parameter: a dotted scenario path and the values it takes. */
export interface SweepParam {
  path: string;
  values: unknown[];
}

const MAX_POINTS = 10_000;

/**
 * Parses `path=from:to:step` (inclusive range) or `path=a,b,c` (a list, each
 * value read as YAML by --set). Returns a message for a malformed spec.
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
    if (n > MAX_POINTS) return `--param ${path}: ${n} points is more than ${MAX_POINTS}`;
    // Rounded to 12 significant digits so 0.1 + 0.2 reads 0.3, not 0.30000000000000004.
    return { path, values: Array.from({ length: n }, (_, k) => Number((from + k * step).toPrecision(12))) };
  }
  const values = rhs.split(',').map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) return `--param ${path}: no values in ${JSON.stringify(rhs)}`;
  return { path, values };
}

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function gridPoints(params: SweepParam[]): Record<string, unknown>[] {
  return params.reduce<Record<string, unknown>[]>(
    (points, p) => points.flatMap((pt) => p.values.map((v) => ({ ...pt, [p.path]: v }))),
    [{}],
  );
}
