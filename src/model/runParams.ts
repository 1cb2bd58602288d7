import { drawOnce, meanParam, type Param } from './params.js';
import type { Model } from './types.js';
import { FORM, issueValue, type ResolvedIssueUtility } from './utility.js';
import { shares } from '../stats/shares.js';

/** Every number of one run, drawn or fixed: what play and utilities read. */
export interface RunParams {
  /** Normalised salience, row-major [party * K + issue]. */
  weights: Float64Array;
  reservation: Float64Array;
  /**
   * Each party's outside option (a utility per round from leaving on; −∞ for a party without one), or
   * null when no party has one (docs/model.md, "Outside options").
   */
  outside: Float64Array | null;
  discount: Float64Array;
  power: Float64Array;
  /** Probability of each party proposing (random recognition), or zeros for a fixed order. */
  proposerProbs: Float64Array;
  /** Resolved issue utilities, [party][issue]. */
  utilities: ResolvedIssueUtility[][];
  /** The mediator's settings in this run (mechanism kind mediator), else null. */
  mediation: { bias: number; step: number; leverage: Float64Array } | null;
}

/** A parameter's value in the run being resolved. */
export type ParamValue = (p: Param) => number;

/** The parameters of run `runIndex` under `seed` (remembered in `draws`, by path, when given: model/params.ts `drawOnce`). */
export function drawRunParams(model: Model, seed: number, runIndex: number, draws?: Map<string, number>): RunParams {
  const run = { seed, runIndex, draws };
  return resolveRunParams(model, (p) => drawOnce(p, run));
}

/** Every parameter at its mean (for analytic solutions and a quick look). */
export function meanRunParams(model: Model): RunParams {
  return resolveRunParams(model, meanParam);
}

/** The run parameters with each parameter's value given by `value`. */
export function resolveRunParams(model: Model, value: ParamValue): RunParams {
  const n = model.parties.length;
  const K = model.issues.length;
  const weights = new Float64Array(n * K);
  const rp: RunParams = {
    weights,
    reservation: new Float64Array(n),
    outside: model.parties.some((p) => p.outside) ? new Float64Array(n).fill(-Infinity) : null,
    discount: new Float64Array(n),
    power: new Float64Array(n),
    proposerProbs: new Float64Array(n),
    utilities: [],
    mediation: model.mediation && {
      bias: value(model.mediation.bias),
      step: value(model.mediation.step),
      leverage: Float64Array.from(model.mediation.leverage, value),
    },
  };
  for (const party of model.parties) resolveParty(model, rp, party.index, value);
  setProposerProbs(model, rp);
  return rp;
}

/** Writes party i's numbers (normalised weights, reservation, discount, power, utilities) into rp. */
function resolveParty(model: Model, rp: RunParams, i: number, value: ParamValue): void {
  const party = model.parties[i];
  const K = model.issues.length;
  const { weights } = rp;
  // Divided by their sum (without overflow: stats/shares.ts).
  weights.set(shares(party.weights.map(value)), i * K);
  rp.reservation[i] = value(party.reservation);
  if (party.outside && rp.outside) rp.outside[i] = value(party.outside);
  rp.discount[i] = value(party.discount);
  rp.power[i] = value(party.power);
  rp.utilities[i] = model.issues.map((issue, k) => {
    const u = party.utilities[k];
    return {
      u,
      form: FORM[u.kind],
      ideal: u.kind === 'linear' ? value(u.ideal) : NaN,
      values: u.kind === 'values' ? Float64Array.from(u.values, value) : null,
      lo: issue.kind === 'numeric' ? issue.lo : 0,
      hi: issue.kind === 'numeric' ? issue.hi : issue.options.length - 1,
      n: issue.kind === 'options' ? issue.options.length : 0,
    };
  });
}

/**
 * `base` with party i's own parameters re-valued by `value`: exactly what
 * resolveRunParams returns when `value` agrees with base's values on every
 * other parameter, without resolving the other parties again. Shares base's
 * unchanged parts (utilities of the other parties, mediation): read-only.
 */
export function withPartyParams(model: Model, base: RunParams, i: number, value: ParamValue): RunParams {
  const rp: RunParams = {
    ...base,
    weights: base.weights.slice(),
    reservation: base.reservation.slice(),
    outside: base.outside && base.outside.slice(),
    discount: base.discount.slice(),
    power: base.power.slice(),
    proposerProbs: base.proposerProbs,
    utilities: base.utilities.slice(),
  };
  resolveParty(model, rp, i, value);
  // Recognition by power is the only cross-party number (power is never private: semantic.ts).
  if (rp.power[i] !== base.power[i]) (rp.proposerProbs = new Float64Array(base.proposerProbs.length)), setProposerProbs(model, rp);
  return rp;
}

/**
 * `base` with party i's reservation and discount replaced: what withPartyParams
 * returns when only those two of its parameters change (every other number shared: read-only).
 */
export function withPartyLimits(base: RunParams, i: number, reservation: number, discount: number): RunParams {
  const rp: RunParams = { ...base, reservation: base.reservation.slice(), discount: base.discount.slice() };
  rp.reservation[i] = reservation;
  rp.discount[i] = discount;
  return rp;
}

function setProposerProbs(model: Model, rp: RunParams): void {
  const r = model.recognition;
  if (r.kind === 'order') return;
  const w = r.weights === 'power' ? Array.from(rp.power) : r.weights;
  rp.proposerProbs.set(shares(w));
}

/** Party i's utility for a package given as raw issue values. */
export function packageUtility(rp: RunParams, i: number, values: ArrayLike<number>): number {
  const K = values.length;
  const us = rp.utilities[i];
  let u = 0;
  for (let k = 0; k < K; k++) {
    const w = rp.weights[i * K + k];
    if (w !== 0) u += w * issueValue(us[k], values[k]);
  }
  return u;
}

/**
 * The utility table u[i * P + p] for every party and feasible package. Each
 * issue's utility is evaluated once per axis point, then packages add them up.
 */
export function utilityTable(model: Model, rp: RunParams): Float64Array {
  const n = model.parties.length;
  const P = model.space.count;
  const table = new Float64Array(n * P);
  for (let i = 0; i < n; i++) partyUtilityRow(model, rp, i, table.subarray(i * P, i * P + P));
  return table;
}

/** Party i's utility of every feasible package, into `row` (length P). */
export function partyUtilityRow(model: Model, rp: RunParams, i: number, row: Float64Array = new Float64Array(model.space.count)): Float64Array {
  const { axes, axisIndex, count: P } = model.space;
  const K = model.issues.length;
  const onAxis = axes.map((axis, k) => {
    const w = rp.weights[i * K + k];
    return Float64Array.from(axis, (x) => (w === 0 ? 0 : w * issueValue(rp.utilities[i][k], x)));
  });
  for (let p = 0; p < P; p++) {
    let u = 0;
    for (let k = 0; k < K; k++) u += onAxis[k][axisIndex[p * K + k]];
    row[p] = u;
  }
  return row;
}
