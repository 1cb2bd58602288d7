/** Who must sign each package: required[combo[p] * n + i] (see Model.consent). */
export interface SignersOf {
  required: Uint8Array;
  combo: Int32Array;
}

/**
 * Indices of the packages no other package weakly dominates (at least as good
 * for every party, better for one); of equal utility vectors the first is kept.
 * A proposer's best offer under acceptance thresholds is always among them.
 * Sorting by total utility means a package can only be dominated by one before it.
 * With `signers` (when who must sign depends on the package), q prunes p only
 * if q needs no one's consent that p does not: otherwise p may be acceptable
 * when q is not.
 */
export function paretoFrontier(table: Float64Array, n: number, P: number, signers?: SignersOf): Int32Array {
  const total = new Float64Array(P);
  for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) total[p] += table[i * P + p];
  const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => total[b] - total[a] || a - b);
  const kept: number[] = [];
  for (const p of order) {
    let dominated = false;
    for (const q of kept) {
      let geq = true;
      if (signers) {
        const { required: r, combo } = signers;
        for (let i = 0; i < n && geq; i++) geq = r[combo[q] * n + i] <= r[combo[p] * n + i];
      }
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
