import { packageUtility } from '../../model/runParams.js';
import type { Game } from '../../core/game.js';
import { ACCEPT_TOL, type Offer } from '../../core/offer.js';
import { mediatorView, type MediatorView } from './objective.js';
import { bestText } from './text.js';
import { foresightLevels, replies, type Foresees } from './foresight.js';

/** The utility signatory i needs to accept a text in round t when its no-deal flow is `flow` (by its strategy). */
export type AcceptanceLevel = (g: Game, i: number, t: number, flow: number) => number;

/**
 * The requirements of the next text, from the mediator's drafting levels
 * (each signatory's acceptance level without leverage). A signatory the text
 * satisfied keeps at least its level (never more than it got). One it fell
 * short of gets a linear schedule: after k shortfalls, its utility of the
 * first text that fell short (its anchor) plus min(1, k·step) of the way to
 * its level — met in full after ⌈1/step⌉ shortfalls, if the feasible set allows.
 */
function requirements(text: Offer, short: (boolean | null)[], levels: Float64Array, anchor: Float64Array, shortfalls: Int32Array, step: number): Float64Array {
  const req = new Float64Array(levels.length).fill(-Infinity);
  short.forEach((fell, i) => {
    if (fell === null) return;
    if (!fell) req[i] = Math.min(levels[i], text.utils[i]);
    else req[i] = Math.min(levels[i], anchor[i] + Math.min(1, shortfalls[i] * step) * (levels[i] - anchor[i]));
  });
  return req;
}

/** One round of mediation: the text on the table, each signatory's reply and the level it needed. */
export interface MediationRound {
  text: Offer;
  replies: (boolean | null)[];
  levels: Float64Array;
  /** Each signatory's value of rejecting the text (forward-looking signatories: the texts to come; others: their level). */
  rejecting: Float64Array;
}

/**
 * What the mediator's rule remembers between texts: the text, whom it fell short of, and the amendment
 * schedule's anchors and counts. It does not depend on the replies (only on the drafting levels), so
 * the texts to come are known to all: `ahead` replays the rule forward from a copy.
 */
interface Drafting {
  text: Offer | null;
  /** Whether the text maximises the objective under no requirement (the first text, since the last reframe). */
  free: boolean;
  short: (boolean | null)[] | null;
  anchor: Float64Array;
  shortfalls: Int32Array;
}

const copyOf = (d: Drafting): Drafting => ({ text: d.text, free: d.free, short: d.short, anchor: Float64Array.from(d.anchor), shortfalls: Int32Array.from(d.shortfalls) });

/** How many texts ahead a forward-looking signatory reads at most (the rule settles long before on the shipped scenarios). */
const HORIZON = 64;

/**
 * A mediator's single negotiating text, one round at a time: it remembers the
 * text, who rejected it how often (leverage) and whom it fell short of (the
 * amendment schedule). `base` is each party's no-deal flow before leverage; the
 * mediator drafts against it. The world's play calls `reframe` when the game or
 * the flows move, and the text, rejections and shortfalls carry over.
 */
export class MediationSession {
  readonly rejections: Int32Array;
  private readonly state: Drafting;
  private view!: MediatorView;
  private base!: Float64Array;
  /** The texts of rounds from `aheadFrom` on, as the rule will draft them (forward-looking signatories read them); cleared on reframe. */
  private ahead: Offer[] = [];
  private aheadFrom = -1;
  /** Whether the last text ahead is tabled for good (the rule settled) rather than cut at HORIZON. */
  private settled = false;

  constructor(
    private g: Game,
    base: Float64Array,
    private readonly level: AcceptanceLevel,
    private readonly foresees: Foresees = () => false,
  ) {
    this.rejections = new Int32Array(g.n);
    this.state = { text: null, free: false, short: null, anchor: new Float64Array(g.n).fill(NaN), shortfalls: new Int32Array(g.n) };
    this.reframe(g, base);
  }

  /** A new game (an event changed a parameter) or new flows before leverage: the mediator drafts against them from now on. */
  reframe(g: Game, base: Float64Array): void {
    const med = g.rp.mediation, def = g.model.mediation;
    if (!med || !def) throw new Error('invariant: a mediation session needs a mediator scenario');
    this.g = g;
    this.base = base;
    this.view = mediatorView(g, def.mediator, med.bias, base);
    const text = this.state.text;
    if (text) this.state.text = { ...text, utils: Float64Array.from({ length: g.n }, (_, i) => packageUtility(g.rp, i, text.values)) };
    // The objective moved with the game or the flows: the text no longer maximises it freely.
    this.state.free = false;
    this.ahead = [];
    this.aheadFrom = -1;
    this.settled = false;
  }

  /** The text of round t as drafted ahead, if the texts ahead reach it. */
  private aheadAt(t: number): Offer | undefined {
    if (this.aheadFrom < 0 || t < this.aheadFrom) return undefined;
    const k = t - this.aheadFrom;
    return k < this.ahead.length ? this.ahead[k] : this.settled ? this.ahead[this.ahead.length - 1] : undefined;
  }

  /**
   * Round t (0-based): the text (amended after the last rejection) and the
   * signatories' replies, judged against `flows` (each party's no-deal flow this round, after leverage).
   */
  round(t: number, flows: Float64Array): MediationRound {
    const { g } = this;
    // The rule's text; a search already made for the texts ahead (the same code from the same state) is not made again.
    this.state.text = this.draft(this.state, t, this.aheadAt(t));
    this.state.short = null;
    const text = this.state.text;
    const levels = Float64Array.from({ length: g.n }, (_, i) => this.level(g, i, t, flows[i]));
    const rejecting = Float64Array.from(levels);
    if (g.model.parties.some((_, i) => this.foresees(g, i))) {
      // Forward-looking signatories: the value of rejecting includes the texts to come (foresight.ts); never below the flow.
      const lev = g.rp.mediation?.leverage;
      // k rounds ahead, after k more rejections: the leverage MediatorRun.lever applies (flows before it: base).
      const flowAt = (i: number, k: number) => (k === 0 || !lev || lev[i] === 0 ? flows[i] : levered(this.base[i], lev[i] * (this.rejections[i] + k)));
      const ahead = { texts: this.textsFrom(t), flowAt, levelAt: (i: number, k: number) => this.level(g, i, t + k, flowAt(i, k)) };
      const fore = foresightLevels(g, ahead, this.foresees);
      for (let i = 0; i < g.n; i++) if (this.foresees(g, i)) levels[i] = rejecting[i] = Math.max(levels[i], fore[i]);
    }
    // Nobody signs for less than its outside option; `rejecting` stays its value of staying, which the option must beat to be taken.
    const o = g.rp.outside;
    if (o) for (let i = 0; i < g.n; i++) if (o[i] > levels[i]) levels[i] = o[i];
    const replies = this.signs(text).map((r, i) => (r ? text.utils[i] >= levels[i] - ACCEPT_TOL : null));
    return { text, replies, levels, rejecting };
  }

  /** After a round without a deal: counts the rejections (leverage) and the shortfalls the next text makes up. */
  rejected(t: number, replies: (boolean | null)[]): void {
    for (let i = 0; i < this.g.n; i++) if (replies[i] === false) this.rejections[i]++;
    this.afterRound(this.state, t);
  }

  /**
   * The text of round t under the rule, from the drafting state before it (the first text, an amendment, or the same text);
   * `known`: the text a search from this same state already found (the texts ahead).
   */
  private draft(d: Drafting, t: number, known?: Offer): Offer {
    const { g } = this;
    if (!d.text) {
      d.free = true;
      return known ?? bestText(g, this.view, new Float64Array(g.n).fill(-Infinity));
    }
    if (!d.short) return d.text;
    // A free text that fell short of nobody is tabled again: the amendment would maximise the same objective over packages
    // that include it (requirements min(level, its utility)), so it is the same text; the search, being local, could wander.
    if (d.free && d.short.every((fell) => fell !== true)) return d.text;
    d.free = false;
    if (known) return known;
    const step = (g.rp.mediation as { step: number }).step;
    return bestText(g, this.view, requirements(d.text, d.short, this.drafting(t), d.anchor, d.shortfalls, step));
  }

  /** Whom the text of round t fell short of (against the drafting levels), and the schedule's counts and anchors. */
  private afterRound(d: Drafting, t: number): void {
    const text = d.text as Offer;
    const draft = this.drafting(t);
    const short = this.signs(text).map((r, i) => (r ? text.utils[i] < draft[i] - ACCEPT_TOL : null));
    for (let i = 0; i < this.g.n; i++) {
      if (short[i] !== true) continue;
      d.shortfalls[i]++;
      if (Number.isNaN(d.anchor[i])) d.anchor[i] = text.utils[i];
    }
    d.short = short;
  }

  /**
   * The texts of rounds t, t + 1, ... as the rule drafts them while no deal is made, up to the first that
   * repeats with the same shortfalls (from then on the rule tables it for good) or HORIZON texts.
   * Computed once from the round they are first asked for, and kept until the game or the flows move.
   */
  private textsFrom(t: number): Offer[] {
    if (this.aheadFrom < 0 || t < this.aheadFrom || (t - this.aheadFrom >= this.ahead.length && !this.settled)) {
      const d = copyOf(this.state);
      const texts: Offer[] = [d.text as Offer];
      this.settled = false;
      for (let k = 1; k < HORIZON; k++) {
        this.afterRound(d, t + k - 1);
        const next = this.draft(d, t + k);
        // Settled: the same text again, every shortfall schedule complete and the drafting levels still: the rule tables it for good.
        const settled = sameText(next, d.text as Offer) && this.scheduled(d) && sameLevels(this.drafting(t + k - 1), this.drafting(t + k));
        d.text = next;
        if (settled) {
          this.settled = true;
          break;
        }
        texts.push(next);
      }
      this.ahead = texts;
      this.aheadFrom = t;
    }
    const k = Math.min(t - this.aheadFrom, this.ahead.length - 1);
    return this.ahead.slice(k);
  }

  /** Whether every signatory the text fell short of has had its requirement met in full (k·step ≥ 1). */
  private scheduled(d: Drafting): boolean {
    const step = (this.g.rp.mediation as { step: number }).step;
    return (d.short ?? []).every((fell, i) => fell !== true || Math.min(1, d.shortfalls[i] * step) === 1);
  }

  /** Who replies to a text: those whose consent its options need (Model.consent) and, under a decision rule, every party with a vote. */
  private signs(text: Offer): boolean[] {
    const { model, n } = this.g;
    return model.parties.map((_, i) => replies(this.g, text.combo, i));
  }

  /** The mediator's drafting levels in round t: each signatory's acceptance level without leverage. */
  private drafting(t: number): Float64Array {
    return Float64Array.from({ length: this.g.n }, (_, i) => this.level(this.g, i, t, this.base[i]));
  }
}

const sameText = (a: Offer, b: Offer): boolean => a.combo === b.combo && a.values.every((v, k) => v === b.values[k]);
const sameLevels = (a: Float64Array, b: Float64Array): boolean => a.every((v, i) => v === b[i]);

/** A flow `base` lowered by leverage `cut`: never below 0 (nor a flow already negative below itself), as MediatorRun.lever applies it. */
export const levered = (base: number, cut: number): number => (cut > 0 ? base - Math.min(cut, Math.max(0, base)) : base);
