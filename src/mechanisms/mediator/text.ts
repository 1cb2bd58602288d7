import { satisfies } from '../../model/outcomeSpace.js';
import { packageUtility } from '../../model/runParams.js';
import type { Game } from '../../core/game.js';
import { offerAt, type Offer } from '../../core/offer.js';
import { REFINE_TOP } from '../../solvers/proposer.js';
import { textObjective, type MediatorView } from './objective.js';

const GOLDEN = (Math.sqrt(5) - 1) / 2;
const SEARCH_STEPS = 80;
const PASSES = 4;
/** Any text that misses a requirement scores below every text that meets them all. */
const MISSED = -1e9;

/**
 * The score of a utility vector: the mediator's objective when every party
 * gets at least its requirement `req[i]` (−Infinity: none), otherwise
 * MISSED minus the largest shortfall, so that when no package meets every
 * requirement the text is the one that comes closest (smallest largest shortfall).
 */
function scoreOf(v: MediatorView, req: Float64Array, u: ArrayLike<number>, combo: number): number {
  let shortfall = 0;
  // Only the text's signatories reply: a requirement of a party this text does not need is moot.
  for (const i of v.signatories[combo]) shortfall = Math.max(shortfall, req[i] - u[i]);
  return shortfall > 0 ? MISSED - shortfall : textObjective(v, u, combo);
}

/**
 * The mediator's text: the feasible package with the best score. The
 * Pareto-efficient candidates are scanned (the score rises with every party's
 * utility, so an optimum is among them); the best package of each of the
 * three best combinations of options is then refined continuously, one numeric
 * issue at a time, by golden-section search within one grid step (exact for
 * one numeric issue and a unimodal score), keeping the best point seen.
 */
export function bestText(g: Game, v: MediatorView, req: Float64Array): Offer {
  const { n, P, table, candidates, model } = g;
  const u = new Float64Array(n);
  const best = new Map<number, { p: number; score: number }>();
  for (let c = 0; c < candidates.length; c++) {
    const p = candidates[c];
    for (let i = 0; i < n; i++) u[i] = table[i * P + p];
    const combo = model.space.combo[p];
    const score = scoreOf(v, req, u, combo);
    const held = best.get(combo);
    if (!held || score > held.score) best.set(combo, { p, score });
  }
  // The REFINE_TOP best option combinations are refined before the best text is chosen.
  const top = [...best.values()].sort((a, b) => b.score - a.score || a.p - b.p).slice(0, REFINE_TOP);
  const refined = top.map(({ p }) => refine(g, v, req, p));
  refined.sort((a, b) => b.score - a.score);
  return refined[0].offer;
}

/** Coordinate-wise golden-section search around package p (see bestText). */
function refine(g: Game, v: MediatorView, req: Float64Array, p: number): { offer: Offer; score: number } {
  const { K, n, model, rp } = g;
  const x = model.space.packages.slice(p * K, p * K + K);
  const combo = model.space.combo[p];
  const u = new Float64Array(n);
  const checkConstraints = model.constraints.some((c) => c.numeric);
  const f = (y: Float64Array) => {
    if (checkConstraints && !satisfies(model.constraints, y)) return -Infinity;
    for (let i = 0; i < n; i++) u[i] = packageUtility(rp, i, y);
    return scoreOf(v, req, u, combo);
  };
  let bestScore = f(x);
  for (let pass = 0; pass < PASSES; pass++) {
    for (const issue of model.issues) {
      if (issue.kind !== 'numeric') continue;
      const k = issue.index;
      let bestX = x[k];
      const at = (y: number) => {
        x[k] = y;
        const s = f(x);
        if (s > bestScore) (bestScore = s), (bestX = y);
        return s;
      };
      let lo = Math.max(issue.lo, x[k] - issue.step), hi = Math.min(issue.hi, x[k] + issue.step);
      let c = hi - GOLDEN * (hi - lo), e = lo + GOLDEN * (hi - lo);
      let fc = at(c), fe = at(e);
      for (let s = 0; s < SEARCH_STEPS; s++) {
        if (fc >= fe) (hi = e), (e = c), (fe = fc), (c = hi - GOLDEN * (hi - lo)), (fc = at(c));
        else (lo = c), (c = e), (fc = fe), (e = lo + GOLDEN * (hi - lo)), (fe = at(e));
      }
      at(lo), at(hi);
      x[k] = bestX;
    }
  }
  return { offer: offerAt(g, x, combo), score: bestScore };
}
