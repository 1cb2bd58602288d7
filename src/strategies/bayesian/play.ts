import type { Game } from '../../core/game.js';
import { ACCEPT_TOL, offerAt, type Offer } from '../../core/offer.js';
import { bestOfferIn, REFINE_TOP } from '../../solvers/proposer.js';
import { packageUtility } from '../../model/runParams.js';
import { rejectionValues } from './rejection.js';
import { mustSign } from '../../model/consent.js';
import type { BayesianWorld, PartyType, TypeBelief } from './world.js';
import type { PlanType, PlanView } from '../player.js';
import { plannedThreshold } from './foresight.js';
import type { Rng } from '../../rng/stream.js';
import { offerByRule } from './ruleOffer.js';
import { climbLevels, countAtMost } from './levels.js';
import { bindingRule, passChance } from './passChance.js';
import type { DecisionDef } from '../../model/decision.js';

/**
 * When every sampled type has been ruled out (the truth lies outside the
 * sample), the closest one is kept and moved just past the observed reply by
 * this margin in utility.
 */
const REVIVE_MARGIN = 1e-3;

/**
 * Bayesian play in one run (a documented heuristic, not an equilibrium; see
 * docs/model.md). The public belief about each party with private draws is
 * the set of its sampled types not yet ruled out by its replies. Each party's
 * value of rejecting — its own, and each sampled type's — is recomputed when
 * beliefs change: the reference play is expected to go through only as often
 * as the still-possible types of the others would accept it.
 */
export class BayesianPlay {
  private readonly alive: Uint8Array[];
  private readonly shift: Float64Array[];
  /** Per party: each sampled type's current value of rejecting, [m * states + s] (alive types only). */
  private readonly current: Float64Array[];
  /** Per party: its own current value of rejecting, by state. */
  private readonly ownNow: Float64Array[];
  /** With outside options: each party's own value of rejecting and staying, by state (ownNow is the larger of it and the option). */
  private readonly ownCont: Float64Array[] | null;
  /**
   * What depends only on the current beliefs, by [party * states + s], forgotten when they change
   * (`update`): an offer is a function of (proposer, state, beliefs), and proposers are often
   * recognised again before anyone learns anything.
   */
  private readonly memo: {
    /** Each proposer's offer and its chance; undefined: not worked out yet. */
    offers: (Offer | null | undefined)[];
    chances: Float64Array;
    /** Under a decision rule: each proposer's equally good offers (coalitions tied by the tie rule), with their chances of passing. */
    tied: ({ offers: Offer[]; chances: number[] } | undefined)[];
    /** Each responder's probability of accepting every grid package. */
    grid: (Float64Array | undefined)[];
    /** An uncertain responder's alive sampled thresholds, sorted (public utilities only). */
    sorted: (Float64Array | undefined)[];
  };
  /** The last offer's probability of acceptance, as its proposer believed. */
  lastChance = 1;
  /** Under a plan (levers seen coming), the reference plan where the run is this round; null: the stationary reference play. */
  private plan: PlanView | null = null;
  /** Under a plan, each party's own and each sampled type's value of rejecting this round (they do not depend on what was learned). */
  private planned: { own: Float64Array; types: Float64Array[] } | null = null;

  /** The decision rule when it binds (passChance.ts `bindingRule`); null: play as under unanimity. */
  private readonly rule: DecisionDef | null;

  /** `plan`: the plan followed from the start (`follow`), if any; the stationary reference play is then not worked out. */
  constructor(private readonly g: Game, private readonly world: BayesianWorld, plan: PlanView | null = null) {
    this.rule = bindingRule(g.model);
    const S = world.recognition.states;
    this.alive = world.beliefs.map((b) => new Uint8Array(b.types.length).fill(1));
    this.shift = world.beliefs.map((b) => new Float64Array(b.types.length));
    this.current = world.beliefs.map((b) => new Float64Array(b.types.length * S));
    this.ownNow = world.beliefs.map(() => new Float64Array(S));
    this.ownCont = g.rp.outside ? world.beliefs.map(() => new Float64Array(S)) : null;
    const slots = g.n * S;
    this.memo = { offers: new Array(slots), chances: new Float64Array(slots), tied: new Array(slots), grid: new Array(slots), sorted: new Array(slots) };
    this.plan = plan;
    this.planned = plan && this.plannedValues(plan);
    // Without a plan yet, the stationary values wait for their first reader (`settle`): a run that plans gets its
    // plan before anyone plays, and never needs them (nor the reference equilibrium they are worked out from).
    if (plan) this.update();
  }

  /** Whether the values of rejecting have not been worked out since the beliefs were made (`settle`). */
  private unsettled = true;

  /** Works out the values of rejecting if no one has yet: every reader of them calls it first. */
  private settle(): void {
    if (this.unsettled) this.update();
  }

  /** What party i needs to accept an offer made in state s. */
  needed(i: number, s: number): number {
    this.settle();
    return this.ownNow[i][s];
  }

  /** A new round under a plan (or none): every value of rejecting is read from it. */
  follow(plan: PlanView | null): void {
    this.plan = plan;
    this.planned = plan && this.plannedValues(plan);
    this.update();
  }

  /**
   * Under a plan, each type's value of rejecting in this round (foresight.ts): a party nobody is uncertain
   * about has the plan's threshold (exactly the rational one when nothing is private), the others' types
   * and their own true type the value worked backward along the plan with their own flows and prior.
   */
  private plannedValues(plan: PlanView): { own: Float64Array; types: Float64Array[] } {
    const { beliefs, own, ownPriors } = this.world;
    const eq = plan.at.eq as NonNullable<PlanView['at']['eq']>;
    const n = this.g.n;
    const typeOf = (i: number, t: PartyType, prior: Float64Array | null): PlanType => ({
      params: beliefs[i].privateUtility ? t.params : null,
      reservation: t.params.reservation[i],
      offset: prior && plan.offsetOf(i, prior),
    });
    const out = { own: new Float64Array(n), types: beliefs.map(() => new Float64Array(0)) };
    for (let i = 0; i < n; i++) {
      const b = beliefs[i];
      if (!b.uncertain) {
        // Its value of rejecting and staying (with an outside option the plan's w is already the larger of it and the option).
        out.own[i] = eq.cont ? eq.cont[i] : eq.w[i];
        continue;
      }
      const value = (t: PartyType, prior: Float64Array | null) => plannedThreshold(plan, i, typeOf(i, t, prior), t.d, b.privateUtility);
      out.own[i] = value(own[i], ownPriors[i]);
      out.types[i] = Float64Array.from(b.types, (t, m) => (this.alive[i][m] ? value(t, b.priors ? b.priors[m] : ownPriors[i]) : NaN));
    }
    return out;
  }

  /** Party i's value of rejecting an offer made in state s and staying at the table (without its outside option). */
  continuing(i: number, s: number): number {
    this.settle();
    return (this.ownCont ?? this.ownNow)[i][s];
  }

  /** Recomputes every value of rejecting from the current beliefs. */
  private update(): void {
    this.unsettled = false;
    if (this.planned) return this.updatePlanned(this.planned);
    const { play, beliefs, own, ref } = this.world;
    const { n, model } = this.g;
    const E = play.prob.length;
    const S = play.states;
    this.memo.offers.fill(undefined);
    this.memo.tied.fill(undefined);
    this.memo.grid.fill(undefined);
    this.memo.sorted.fill(undefined);
    // share[x][e]: the share of x's possible types that accept reference entry e.
    const d = this.rule;
    const share = beliefs.map((b, x) => {
      const f = new Float64Array(E).fill(1);
      if (!b.uncertain) return d ? knownAcceptance(b.types[0], play) : f;
      let alive = 0;
      f.fill(0);
      b.types.forEach((_, m) => {
        if (!this.alive[x][m]) return;
        alive++;
        for (let e = 0; e < E; e++) f[e] += b.acceptsReference[m * E + e];
      });
      for (let e = 0; e < E; e++) f[e] /= alive;
      return f;
    });
    for (let i = 0; i < n; i++) {
      // Where policy iteration starts: the party's reference values (any start reaches the same fixed point).
      const v0 = Array.from({ length: S }, (_, s) => ref.eq.V[s * n + i]);
      // The chance that the others let entry e through, as party i sees it.
      const pass = new Float64Array(E);
      // Under a decision rule: the chance that entry e passes with i's vote yes (pass) and with it no (passIfNo).
      const passIfNo = d ? new Float64Array(E) : null;
      for (let e = 0; e < E; e++) {
        const o = play.offers[e];
        if (d && passIfNo) {
          if (o) (pass[e] = ruleChance(d, model, o, play.proposer[e], i, 1, share, e)), (passIfNo[e] = ruleChance(d, model, o, play.proposer[e], i, 0, share, e));
          continue;
        }
        let q = 1;
        // Who replies to entry e: those whose consent its offer needs (a waiting entry: the veto holders, as before).
        for (let x = 0; x < n; x++) if (x !== i && x !== play.proposer[e] && (o ? mustSign(model.consent, o.combo, n, x) : model.parties[x].required)) q *= share[x][e];
        pass[e] = q;
      }
      // Everyone expected to accept: the thresholds of the reference play (exactly the equilibrium's for a known type).
      // (Under a rule: when nobody else is uncertain, so that every entry plays as in the reference.)
      const expected = d ? beliefs.every((b, x) => x === i || !b.uncertain) : pass.every((q) => q === 1);
      // Type t's values into out[at ..].
      const value = (t: PartyType, out: Float64Array, at: number) => {
        if (expected) out.set(t.thresholds, at);
        else rejectionValues(play, t.worth, pass, t.c, t.d, v0, out, at, passIfNo);
      };
      value(own[i], this.ownNow[i], 0);
      if (this.ownCont) {
        // Its value of staying, then its value of rejecting: the larger of that and its outside option (docs/model.md, "Outside options").
        rejectionValues(play, own[i].worth, pass, own[i].c, own[i].d, v0, this.ownCont[i], 0, passIfNo);
        withOutside(this.g.rp.outside, i, this.ownNow[i], 0, S);
      }
      const b = beliefs[i];
      if (!b.uncertain) continue;
      for (let m = 0; m < b.types.length; m++)
        if (this.alive[i][m]) {
          value(b.types[m], this.current[i], m * S);
          withOutside(b.types[m].params.outside, i, this.current[i], m * S, S);
        }
    }
  }

  /**
   * Under a plan: this round's values (the same in every recognition state, since the round is known). A
   * type revived by a reply outside the sample keeps its shift. The others are taken to accept the plan's
   * offers (q = 1): what a party learned about a third party's type does not move its own value here.
   */
  private updatePlanned(planned: { own: Float64Array; types: Float64Array[] }): void {
    const S = this.world.recognition.states;
    this.memo.offers.fill(undefined);
    this.memo.tied.fill(undefined);
    this.memo.grid.fill(undefined);
    this.memo.sorted.fill(undefined);
    this.world.beliefs.forEach((b, i) => {
      // The plan's values are of rejecting and staying; with outside options, the value of rejecting is the larger of that and the option.
      this.ownNow[i].fill(planned.own[i]);
      if (this.ownCont) {
        this.ownCont[i].fill(planned.own[i]);
        withOutside(this.g.rp.outside, i, this.ownNow[i], 0, S);
      }
      if (!b.uncertain) return;
      const types = planned.types[i];
      for (let m = 0; m < b.types.length; m++)
        if (this.alive[i][m]) {
          this.current[i].fill(types[m], m * S, m * S + S);
          withOutside(b.types[m].params.outside, i, this.current[i], m * S, S);
        }
    });
  }

  /** Type m of party i's value of rejecting in state s (with its revival shift). */
  threshold(i: number, m: number, s: number): number {
    this.settle();
    return this.current[i][m * this.world.recognition.states + s] + this.shift[i][m];
  }

  /** Whether type m of party i is still possible. */
  isAlive(i: number, m: number): boolean {
    return this.alive[i][m] !== 0;
  }

  /** The alive sampled thresholds of an uncertain party with public utilities, sorted. */
  sortedThresholds(i: number, s: number): Float64Array {
    this.settle();
    const key = i * this.world.recognition.states + s;
    const known = this.memo.sorted[key];
    if (known) return known;
    const out: number[] = [];
    this.alive[i].forEach((a, m) => a && out.push(this.threshold(i, m, s)));
    return (this.memo.sorted[key] = Float64Array.from(out).sort());
  }

  /**
   * The probability that responder i accepts each grid package offered in state s (under unanimity 1 when
   * the package does not need its consent; under a decision rule its own chance, since its vote counts).
   */
  gridAcceptance(i: number, s: number): Float64Array {
    this.settle();
    const key = i * this.world.recognition.states + s;
    const known = this.memo.grid[key];
    if (known) return known;
    const { n, P, table, model } = this.g;
    const { combo } = model.space;
    const asked = model.consent.required;
    const b = this.world.beliefs[i];
    const acc = new Float64Array(P);
    if (!b.uncertain) {
      const need = this.ownNow[i][s] - ACCEPT_TOL;
      for (let p = 0; p < P; p++) acc[p] = table[i * P + p] >= need ? 1 : 0;
    } else if (!b.tables) {
      const sr = this.sortedThresholds(i, s);
      for (let p = 0; p < P; p++) acc[p] = countAtMost(sr, table[i * P + p] + ACCEPT_TOL) / sr.length;
    } else {
      // Each alive type's own utilities: count, package by package, the types that accept.
      let alive = 0;
      for (let m = 0; m < b.types.length; m++) {
        if (!this.alive[i][m]) continue;
        alive++;
        const need = this.threshold(i, m, s) - ACCEPT_TOL;
        const row = b.tables[m];
        for (let p = 0; p < P; p++) if (row[p] >= need) acc[p]++;
      }
      for (let p = 0; p < P; p++) acc[p] /= alive;
    }
    if (this.rule === null) for (let p = 0; p < P; p++) if (asked[combo[p] * n + i] === 0) acc[p] = 1;
    return (this.memo.grid[key] = acc);
  }

  /**
   * A bayesian proposer's offer: the package that maximises its expected value
   * Pr(every responder whose consent it needs accepts) · u_j(offer) + (1 − Pr) · (its value
   * of rejection), under its belief about each responder's value of rejecting.
   * A scan of the feasible packages, then, when the responders' utilities are
   * public, a continuous refinement of the best few: the offer keeps its
   * acceptance probability and gives each responder exactly the threshold of
   * the most demanding type it still wins over. Null (waiting) when no offer
   * is worth more to it than a round of no deal.
   */
  offer(j: number, s: number, rng?: Rng): Offer | null {
    this.settle();
    const key = j * this.world.recognition.states + s;
    if (this.rule !== null) return this.offerUnderRule(j, s, key, rng);
    const known = this.memo.offers[key];
    if (known === undefined) {
      const o = this.bestOffer(j, s);
      this.memo.offers[key] = o;
      this.memo.chances[key] = this.lastChance;
      return o;
    }
    if (known) this.lastChance = this.memo.chances[key];
    return known;
  }

  /**
   * Under a decision rule (ruleOffer.ts): the best offer by its chance of passing; among coalitions tied by
   * the tie rule one is drawn with equal chances from the run's play stream, as the rational proposer does.
   */
  private offerUnderRule(j: number, s: number, key: number, rng?: Rng): Offer | null {
    const tied = (this.memo.tied[key] ??= offerByRule(this.g, this.rule as DecisionDef, this.world, this, j, s));
    if (tied.offers.length === 0) return null;
    const k = tied.offers.length === 1 || !rng ? 0 : Math.min(tied.offers.length - 1, Math.floor(rng() * tied.offers.length));
    this.lastChance = tied.chances[k];
    return tied.offers[k];
  }

  private bestOffer(j: number, s: number): Offer | null {
    const { n, P, K, table, model } = this.g;
    const beliefs = this.world.beliefs;
    const own = this.ownNow[j][s];
    const responders: number[] = [];
    // Everyone whose consent some package needs; a package asks only those its combination needs.
    for (let i = 0; i < n; i++) if (i !== j && model.consent.ever[i] !== 0) responders.push(i);
    const sorted = responders.map((i) => (beliefs[i].uncertain && !beliefs[i].tables ? this.sortedThresholds(i, s) : null));

    /** Probability that responder r accepts offer o (gridAcceptance: the same for a grid package). */
    const acceptance = (r: number, o: Offer): number => {
      const i = responders[r];
      if (!mustSign(model.consent, o.combo, n, i)) return 1;
      const b: TypeBelief = beliefs[i];
      const u = o.utils[i];
      if (!b.uncertain) return u >= this.ownNow[i][s] - ACCEPT_TOL ? 1 : 0;
      const sr = sorted[r];
      if (sr) return countAtMost(sr, u + ACCEPT_TOL) / sr.length;
      let yes = 0, alive = 0;
      for (let m = 0; m < b.types.length; m++) {
        if (!this.alive[i][m]) continue;
        alive++;
        if (packageUtility(b.types[m].params, i, o.values) >= this.threshold(i, m, s) - ACCEPT_TOL) yes++;
      }
      return yes / alive;
    };
    const probability = (o: Offer): number => {
      let pr = 1;
      for (let r = 0; r < responders.length && pr > 0; r++) pr *= acceptance(r, o);
      return pr;
    };
    const gridAcc = responders.map((i) => this.gridAcceptance(i, s));

    // The best grid package of each option combination by expected value (refinement can still lift the proposer's share).
    const { combo, comboCount } = model.space;
    const bestEv = new Float64Array(comboCount).fill(-Infinity);
    const bestP = new Int32Array(comboCount).fill(-1);
    for (let p = 0; p < P; p++) {
      let pr = 1;
      for (let r = 0; r < gridAcc.length && pr > 0; r++) pr *= gridAcc[r][p];
      if (pr === 0) continue;
      const ev = pr * table[j * P + p] + (1 - pr) * own;
      if (ev > bestEv[combo[p]] + 1e-12) (bestEv[combo[p]] = ev), (bestP[combo[p]] = p);
    }
    const top = [...bestP.keys()].filter((c) => bestP[c] >= 0).sort((a, b) => bestEv[b] - bestEv[a] || a - b).slice(0, REFINE_TOP);
    const refinable = responders.every((i) => !beliefs[i].tables);
    let best: Offer | null = null;
    let bestValue = own - ACCEPT_TOL;
    const consider = (offer: Offer) => {
      const pr = probability(offer);
      const value = pr * offer.utils[j] + (1 - pr) * own;
      if (pr > 0 && value > bestValue + 1e-12) (best = offer), (bestValue = value), (this.lastChance = pr);
      return pr > 0 ? value : -Infinity;
    };
    for (const c of top) {
      const p = bestP[c];
      if (!refinable) {
        consider(offerAt(this.g, model.space.packages.slice(p * K, p * K + K), c));
        continue;
      }
      // Start from the levels the grid package wins, then try, responder by responder, the
      // levels of other still-possible types: conceding more wins more of them, less keeps more.
      const w = new Float64Array(n).fill(-Infinity);
      responders.forEach((i, r) => {
        const sr = sorted[r];
        w[i] = sr ? sr[Math.max(0, countAtMost(sr, table[i * P + p] + ACCEPT_TOL) - 1)] : this.ownNow[i][s];
      });
      const valueAt = () => {
        const o = bestOfferIn(this.g, j, w, c);
        return o ? consider(o) : -Infinity;
      };
      valueAt();
      climbLevels(w, responders.map((i, r) => [i, sorted[r]] as [number, Float64Array | null]), valueAt);
    }
    return best;
  }

  /**
   * After a round without a deal, the public belief about each uncertain
   * responder is updated from its reply: a rejection rules out the types that
   * would have accepted (their value of rejecting was below the offer), an
   * acceptance those that would have rejected. Replies are read as sharp,
   * even from a party with a quantal-response temperature.
   */
  observe(offer: Offer | null, replies: (boolean | null)[], s: number): void {
    this.settle();
    if (!offer) return;
    let learned = false;
    replies.forEach((accepted, i) => {
      const b = this.world.beliefs[i];
      if (accepted === null || !b.uncertain) return;
      const alive = this.alive[i];
      let closest = -1;
      let closestGap = Infinity;
      let left = 0;
      for (let m = 0; m < b.types.length; m++) {
        if (!alive[m]) continue;
        const um = b.tables ? packageUtility(b.types[m].params, i, offer.values) : offer.utils[i];
        const gap = um - this.threshold(i, m, s);
        if (Math.abs(gap) < closestGap) (closestGap = Math.abs(gap)), (closest = m);
        if (gap >= -ACCEPT_TOL === accepted) left++;
        else (alive[m] = 0), (learned = true);
      }
      if (left === 0 && closest >= 0) {
        // The truth lies outside the sample: keep the nearest type, moved just past the observed reply.
        alive[closest] = 1;
        this.shift[i][closest] += accepted ? -(closestGap + REVIVE_MARGIN) : closestGap + REVIVE_MARGIN;
      }
    });
    if (learned) this.update();
  }
}

/** Under a decision rule, the chance that entry e (offer o by proposer j) passes with party i voting `vote` (1 yes, 0 no; its own offer: yes). */
function ruleChance(d: DecisionDef, model: Game['model'], o: Offer, j: number, i: number, vote: 0 | 1, share: Float64Array[], e: number): number {
  const n = model.parties.length;
  return passChance(d, j, (x) => mustSign(model.consent, o.combo, n, x), (x) => (x === i ? vote : share[x][e]), n);
}

/** Under a decision rule, whether a party nobody is uncertain about accepts each reference entry (a party outside its coalition may not). */
function knownAcceptance(t: PartyType, play: BayesianWorld['play']): Float64Array {
  return Float64Array.from(t.worth, (a, e) => (a >= t.thresholds[play.state[e]] - ACCEPT_TOL ? 1 : 0));
}

/** Values of rejecting out[at .. at + S) raised to party i's outside option, when it has one (a type's own, when the option is private). */
function withOutside(outside: Float64Array | null, i: number, out: Float64Array, at: number, S: number): void {
  if (!outside) return;
  const o = outside[i];
  for (let s = at; s < at + S; s++) if (o > out[s]) out[s] = o;
}
