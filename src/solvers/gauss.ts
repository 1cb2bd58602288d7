/**
 * Solves the n × n system held in an augmented n × (n + 1) matrix (modified in
 * place) by Gaussian elimination with partial pivoting. Returns null when a
 * pivot is smaller than `minPivot` in absolute value (singular for our purpose).
 * The solution goes into `out` when given (length ≥ n).
 */
export function solveAugmented(A: Float64Array[], n: number, minPivot: number, out?: Float64Array): Float64Array | null {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    if (Math.abs(A[p][c]) < minPivot) return null;
    const row = A[c];
    A[c] = A[p];
    A[p] = row;
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      for (let q = c; q <= n; q++) A[r][q] -= f * A[c][q];
    }
  }
  const x = out ?? new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = A[r][n];
    for (let q = r + 1; q < n; q++) s -= A[r][q] * x[q];
    x[r] = s / A[r][r];
  }
  return x;
}
