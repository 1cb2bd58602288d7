import type { Game } from './game.js';

/**
 * The best utility party j can get from any feasible package (found once per game: concession players
 * and the mediator read it every round). Over all packages rather than the Pareto frontier: the maximum
 * is the same (a package best for j is on the frontier or has a dominator on it that is as good for j),
 * and the frontier is not built.
 */
export function topUtility(g: Game, j: number): number {
  if (!g.tops) {
    const { n, P, table } = g;
    const t = new Float64Array(n).fill(-Infinity);
    for (let i = 0; i < n; i++) for (let p = 0; p < P; p++) if (table[i * P + p] > t[i]) t[i] = table[i * P + p];
    g.tops = t;
  }
  return g.tops[j];
}
