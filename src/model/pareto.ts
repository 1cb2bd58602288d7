/**
 * Indices of the packages no other package weakly dominates (at least as good
 * for every party, better for one); of equal utility vectors the first is kept.
 * A proposer's best offer under acceptance thresholds is always among them.
 * Sorting by total utility means a package can only be dominated by one before it.
 */
export function paretoFrontier(table: Float64Array, n: number, P: number): Int32Array {
  const total = new Float64Array(P);
  for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) total[p] += table[i * P + p];
  const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => total[b] - total[a] || a - b);
  const kept: number[] = [];
  for (const p of order) {
    let dominated = false;
    for (const q of kept) {
      let geq = true;
      for (let i = 0; i < n && geq; i++) geq = table[i * P + q] >= table[i * P + p];
      if (geq) {
        dominated = true;
        break;
      }
    }
    if (!dominated) kept.push(p);
  }
  return Int32Array.from(kept.sort((a, b) => a - b));
}
