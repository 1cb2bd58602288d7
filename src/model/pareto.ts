/**
 * The packages' combinations of options (combo[p]) and, when who must sign depends on the
 * package, who must sign each: required[combo[p] * n + i] (see Model.consent).
 */
export interface CombosOf {
  combo: Int32Array;
  required?: Uint8Array;
}

/** Points per box of the dominance search (see paretoFrontier). */
const BOX = 8;

/**
 * The grouped search keeps a byte for every pair of groups (which may prune which) and, for each
 * package, looks at every group: quadratic in the number of combinations of options. Above this
 * many pairs (4 options issues of 22 options: 234,256 groups, 5.5·10^10 pairs) the frontier is
 * found by the sort-then-scan instead (scanFrontier: memory linear in the packages), which gives
 * the same set.
 */
export const MAX_GROUP_PAIRS = 1 << 22;

/**
 * Indices of the packages no other package weakly dominates (at least as good
 * for every party, better for one); of equal utility vectors the first is kept.
 * A proposer's best offer under acceptance thresholds is always among them.
 * With `required` (when who must sign depends on the package), q prunes p only
 * if q needs no one's consent that p does not: otherwise p may be acceptable
 * when q is not.
 *
 * Precisely: packages are ordered by total utility, descending (ties: the
 * lower index first), and p is dropped when some q before it in that order is
 * at least as good for every party (and needs no extra
 * signatory). This is the classic sort-then-scan skyline (each package checked
 * against those kept before it), whose result it reproduces exactly
 * (tests/pareto.test.ts keeps that scan as the oracle); dominance is transitive,
 * so any earlier dominator will do, kept or not. What makes it fast: packages
 * are grouped by their combination of options (which differ only in numeric
 * values and share their signatories), each group's packages in
 * boxes of BOX consecutive ones, and a group or box whose best value for some
 * party, or best total, falls short of p's cannot hold a dominator and is
 * skipped whole. p's own group is searched first: a dominated package's
 * dominator is usually a neighbour. With more than `maxGroupPairs` pairs of
 * groups, the sort-then-scan itself (scanFrontier), whose memory is linear.
 */
export function paretoFrontier(table: Float64Array, n: number, P: number, combos?: CombosOf, maxGroupPairs = MAX_GROUP_PAIRS): Int32Array {
  const total = new Float64Array(P);
  for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) total[p] += table[i * P + p];
  // Each package's utilities side by side, and its total after them: u[p * m + i], m = n + 1.
  const m = n + 1;
  const u = new Float64Array(P * m);
  for (let p = 0; p < P; p++) {
    for (let i = 0; i < n; i++) u[p * m + i] = table[i * P + p];
    u[p * m + n] = total[p];
  }
  const groups = groupsOf(P, combos?.combo);
  const G = groups.start.length - 1;
  if (G * G > maxGroupPairs) return scanFrontier(table, n, P, combos);
  const member = groups.member;
  // Boxes: BOX consecutive members of one group; each box's and each group's best value per coordinate.
  const boxStart: number[] = [];
  const groupBox = new Int32Array(G + 1);
  for (let gi = 0; gi < G; gi++) {
    groupBox[gi] = boxStart.length;
    for (let k = groups.start[gi]; k < groups.start[gi + 1]; k += BOX) boxStart.push(k);
  }
  groupBox[G] = boxStart.length;
  boxStart.push(P);
  const nb = boxStart.length - 1;
  const boxMax = new Float64Array(nb * m).fill(-Infinity);
  const groupMax = new Float64Array(G * m).fill(-Infinity);
  for (let gi = 0; gi < G; gi++)
    for (let b = groupBox[gi]; b < groupBox[gi + 1]; b++)
      for (let k = boxStart[b]; k < boxStart[b + 1]; k++) {
        const q = member[k];
        for (let i = 0; i < m; i++) {
          const v = u[q * m + i];
          if (v > boxMax[b * m + i]) boxMax[b * m + i] = v;
          if (v > groupMax[gi * m + i]) groupMax[gi * m + i] = v;
        }
      }
  // Whether group a's signatories are among group b's: mayPrune[a * G + b] (all 1 without signers).
  const mayPrune = signerSubsets(groups, G, n, combos);

  // Whether some package before p in the order (total desc, index asc) that group a may use against p's
  // group dominates p: searched box by box.
  const dominatedIn = (p: number, a: number, gp: number): boolean => {
    if (mayPrune[a * G + gp] === 0) return false;
    const pm = p * m;
    for (let i = 0; i < m; i++) if (groupMax[a * m + i] < u[pm + i]) return false;
    for (let b = groupBox[a]; b < groupBox[a + 1]; b++) {
      // The total first (a few per cent faster on the shipped scenarios than party 0 first).
      let covers = boxMax[b * m + n] >= u[pm + n];
      for (let i = 0; i < n && covers; i++) covers = boxMax[b * m + i] >= u[pm + i];
      if (!covers) continue;
      for (let k = boxStart[b]; k < boxStart[b + 1]; k++) {
        const q = member[k];
        if (q === p) continue;
        const qm = q * m;
        // q before p: a larger total, or the same total and a lower index.
        if (u[qm + n] < u[pm + n] || (u[qm + n] === u[pm + n] && q > p)) continue;
        let geq = true;
        for (let i = 0; i < n && geq; i++) geq = u[qm + i] >= u[pm + i];
        if (geq) return true;
      }
    }
    return false;
  };

  const kept: number[] = [];
  for (let p = 0; p < P; p++) {
    const gp = groups.of[p];
    let dominated = dominatedIn(p, gp, gp);
    for (let a = 0; a < G && !dominated; a++) if (a !== gp) dominated = dominatedIn(p, a, gp);
    if (!dominated) kept.push(p);
  }
  return Int32Array.from(kept);
}

/**
 * The same frontier as paretoFrontier, by the classic sort-then-scan skyline: packages by total
 * utility, descending (ties: the lower index first), each kept unless a package kept before it is
 * at least as good for every party and needs no signatory it does not. Memory linear in the
 * packages (the kept packages' utilities side by side); time the packages times the frontier.
 * The fallback for spaces with too many combinations of options for the grouped search.
 */
export function scanFrontier(table: Float64Array, n: number, P: number, combos?: CombosOf): Int32Array {
  const total = new Float64Array(P);
  for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) total[p] += table[i * P + p];
  const order = new Int32Array(P);
  for (let p = 0; p < P; p++) order[p] = p;
  order.sort((a, b) => total[b] - total[a] || a - b);
  const required = combos?.required;
  const combo = combos?.combo;
  let kept = new Int32Array(64);
  let keptU = new Float64Array(64 * n);
  let k = 0;
  for (let o = 0; o < P; o++) {
    const p = order[o];
    let dominated = false;
    for (let j = 0; j < k && !dominated; j++) {
      let geq = true;
      for (let i = 0; i < n && geq; i++) geq = keptU[j * n + i] >= table[i * P + p];
      if (geq && required && combo) {
        const cq = combo[kept[j]] * n, cp = combo[p] * n;
        for (let i = 0; i < n && geq; i++) geq = required[cq + i] <= required[cp + i];
      }
      dominated = geq;
    }
    if (dominated) continue;
    if (k === kept.length) {
      const more = new Int32Array(2 * k);
      more.set(kept);
      kept = more;
      const moreU = new Float64Array(2 * k * n);
      moreU.set(keptU);
      keptU = moreU;
    }
    kept[k] = p;
    for (let i = 0; i < n; i++) keptU[k * n + i] = table[i * P + p];
    k++;
  }
  return kept.slice(0, k).sort();
}

/** Packages by group: group g's members (ascending) are member[start[g] .. start[g + 1]); of[p] is p's group. */
function groupsOf(P: number, groupOf?: Int32Array): { start: Int32Array; member: Int32Array; of: Int32Array; first: Int32Array } {
  const of = new Int32Array(P);
  const ids = new Map<number, number>();
  const first: number[] = [];
  for (let p = 0; p < P; p++) {
    const key = groupOf ? groupOf[p] : 0;
    let gi = ids.get(key);
    if (gi === undefined) {
      ids.set(key, (gi = ids.size));
      first.push(p);
    }
    of[p] = gi;
  }
  const G = ids.size;
  const start = new Int32Array(G + 1);
  for (let p = 0; p < P; p++) start[of[p] + 1]++;
  for (let gi = 0; gi < G; gi++) start[gi + 1] += start[gi];
  const fill = start.slice(0, G);
  const member = new Int32Array(P);
  for (let p = 0; p < P; p++) member[fill[of[p]]++] = p;
  return { start, member, of, first: Int32Array.from(first) };
}

/** mayPrune[a * G + b] = 1 when every signatory group a's packages need is one group b's packages need too. */
function signerSubsets(groups: { first: Int32Array }, G: number, n: number, combos?: CombosOf): Uint8Array {
  const may = new Uint8Array(G * G).fill(1);
  if (!combos?.required) return may;
  const { required, combo } = combos;
  for (let a = 0; a < G; a++)
    for (let b = 0; b < G; b++) {
      const ca = combo[groups.first[a]], cb = combo[groups.first[b]];
      for (let i = 0; i < n; i++) if (required[ca * n + i] > required[cb * n + i]) may[a * G + b] = 0;
    }
  return may;
}
