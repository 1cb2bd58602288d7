import { issueValue } from '../model/utility.js';
import { anyAcceptable, closedFormOf, prepare } from './closedForm/index.js';
import type { Game } from '../core/game.js';
import { ACCEPT_TOL } from '../core/offer.js';
import { coalitionsOf } from '../core/coalitions.js';
import { bestOffer } from './proposer.js';

/**
 * Whether Fearon's bargaining range is empty: no feasible package gives every
 * party whose consent it needs (Model.consent) at least its no-deal flow.
 * Exact on the closed form (closedForm.ts: the numeric issue is searched as a
 * continuum); otherwise checked on the search grid's packages, stopping at the
 * first that qualifies (without building the game's utility table), so there a
 * range thinner than the grid can be reported empty. Under a decision rule the range is that of the
 * winning coalitions: a package some winning coalition's members all prefer to no deal. A party with an
 * outside option never signs below it: its floor is the larger of its flow and its option (`signingFloors`).
 */
export function rangeEmpty(g: Game, noDeal: ArrayLike<number>): boolean {
  const flows = signingFloors(g, noDeal);
  // Under a decision rule: empty when no winning coalition has a package all its members prefer to no deal.
  if (g.model.decision) return coalitionsOf(g, -1).every((c) => rangeEmptyFor(c.game, flows));
  return rangeEmptyFor(g, flows);
}

/** `rangeEmpty` among the parties whose consent each package needs (Model.consent; a coalition's view skips what it cannot carry). */
function rangeEmptyFor(g: Game, flows: ArrayLike<number>): boolean {
  const cf = closedFormOf(g);
  if (cf) {
    prepare(cf, flows, ACCEPT_TOL);
    return !anyAcceptable(cf, flows, ACCEPT_TOL);
  }
  const { model, rp, K, n } = g;
  const { axes, axisIndex, count: P, combo } = model.space;
  const req = model.consent.required;
  const blocked = model.consent.blocked;
  // Everyone whose consent some package needs: each one's weighted utility at every axis point, issue by issue.
  const asked = model.parties.filter((p) => model.consent.ever[p.index] !== 0).map((p) => p.index);
  const onAxis = asked.map((i) =>
    axes.map((axis, k) => {
      const w = rp.weights[i * K + k];
      return Float64Array.from(axis, (x) => (w === 0 ? 0 : w * issueValue(rp.utilities[i][k], x)));
    }),
  );
  for (let p = 0; p < P; p++) {
    if (blocked !== undefined && blocked[combo[p]] !== 0) continue;
    let ok = true;
    for (let r = 0; r < asked.length && ok; r++) {
      const i = asked[r];
      if (req[combo[p] * n + i] === 0) continue;
      let u = 0;
      for (let k = 0; k < K; k++) u += onAxis[r][k][axisIndex[p * K + k]];
      ok = u >= flows[i] - ACCEPT_TOL;
    }
    if (ok) return false;
  }
  return true;
}

/** Each party's floor for signing: its no-deal value, or its outside option where that is higher (RunParams.outside). */
export function signingFloors(g: Game, noDeal: ArrayLike<number>): ArrayLike<number> {
  const o = g.rp.outside;
  if (!o) return noDeal;
  return Float64Array.from({ length: g.n }, (_, i) => Math.max(noDeal[i], o[i]));
}

/**
 * Who blocks when the range is empty: the party whose floor (no-deal flow, or outside option) is furthest above the best it can
 * get from a package every other party accepts (its gap, flow − that best), among the parties for
 * which such a package exists; −1 when none does for any of them (the others are already at odds).
 */
export function blocker(g: Game, noDeal: ArrayLike<number>): number {
  const flows = signingFloors(g, noDeal);
  if (!g.model.decision) return blockerFor(g, flows);
  // Under a decision rule a party blocks when it blocks every winning coalition.
  const each = coalitionsOf(g, -1).map((c) => blockerFor(c.game, flows));
  return each.length > 0 && each.every((b) => b === each[0]) ? each[0] : -1;
}

function blockerFor(g: Game, flows: ArrayLike<number>): number {
  const relaxed = Float64Array.from(flows);
  let who = -1, widest = -Infinity;
  for (let i = 0; i < g.n; i++) {
    if (g.model.consent.ever[i] === 0) continue;
    // Far below any utility (not −∞: the level sets stay finite).
    relaxed[i] = -1e9;
    const best = bestOffer(g, i, relaxed);
    relaxed[i] = flows[i];
    if (best && flows[i] - best.utils[i] > widest) (widest = flows[i] - best.utils[i]), (who = i);
  }
  return who;
}
