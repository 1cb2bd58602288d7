/**
 * The axiomatic solutions as objectives over the utility vector u of a package,
 * with disagreement point d (each party's no-deal flow) and, for
 * Kalai–Smorodinsky, the ideal point a (each party's best individually
 * rational utility). Packages that leave a party below d are excluded before.
 */
/** The weight of the sum of utilities that breaks ties on a max-min objective (a flat segment) toward the Pareto-better package. */
const TIE_BREAK = 1e-9;

/** The axiomatic solutions by name. */
export type SolutionId = 'nash' | 'kalai-smorodinsky' | 'utilitarian' | 'egalitarian';

/** Each solution with a line on where it comes from, in the order reports list them. */
export const SOLUTIONS: { id: SolutionId; describe: string }[] = [
  { id: 'nash', describe: 'Nash (1950): maximises the product of gains over the no-deal point' },
  { id: 'kalai-smorodinsky', describe: 'Kalai & Smorodinsky (1975): gains proportional to each party\'s best possible gain' },
  { id: 'utilitarian', describe: 'maximises the sum of utilities' },
  { id: 'egalitarian', describe: 'Kalai (1977): maximises the smallest gain over the no-deal point' },
];

/** Objective to maximise; parties are those in `who` (indexes). -Infinity means excluded. */
export function objective(id: SolutionId, u: ArrayLike<number>, d: ArrayLike<number>, a: ArrayLike<number>, who: number[]): number {
  switch (id) {
    case 'nash': {
      let s = 0;
      for (const i of who) {
        const gain = u[i] - d[i];
        if (gain <= 0) return gain === 0 ? -1e300 : -Infinity;
        s += Math.log(gain);
      }
      return s;
    }
    case 'kalai-smorodinsky': {
      let m = Infinity;
      for (const i of who) m = Math.min(m, a[i] > d[i] ? (u[i] - d[i]) / (a[i] - d[i]) : Infinity);
      // Ties on the ratio (a flat segment) go to the Pareto-better package.
      let s = 0;
      for (const i of who) s += u[i];
      return m + TIE_BREAK * s;
    }
    case 'utilitarian': {
      let s = 0;
      for (const i of who) s += u[i];
      return s;
    }
    case 'egalitarian': {
      let m = Infinity, s = 0;
      for (const i of who) (m = Math.min(m, u[i] - d[i])), (s += u[i]);
      return m + TIE_BREAK * s;
    }
  }
}
