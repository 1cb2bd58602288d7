import { gameFor, type Game } from '../../core/game.js';
import type { Equilibrium } from '../../solvers/equilibrium.js';
import { drawOnce, isDrawn, isPrivate, meanParam, modelParams, partyParams, sampleParam, type Param } from '../../model/params.js';
import { partyUtilityRow, resolveRunParams, withPartyLimits, withPartyParams, type RunParams } from '../../model/runParams.js';
import type { Model } from '../../model/types.js';
import { streamFor } from '../../rng/stream.js';
import { worthOf, type ReferencePlay } from './rejection.js';
import type { RecognitionStates } from '../../core/recognition.js';
import { KnownBelief, KnownType, LazyType, Reference, SampledBelief } from './reference.js';
import type { RunKey } from '../player.js';

/** How many types of each party with private draws the others hold in mind (their belief, as a sample of its prior). */
export const BELIEF_SAMPLES = 128;

/** One type of a party: what its value of rejecting is computed from. */
export interface PartyType {
  params: RunParams;
  /** Its utility of each reference entry's offer. */
  worth: Float64Array;
  /** (1 − δ)·no-deal flow, and δ. */
  c: number;
  d: number;
  /** Its value of rejecting in each state when everyone expects reference play to go through. */
  thresholds: Float64Array;
}

/** What the others believe about one party: a sample of its possible types. */
export interface TypeBelief {
  /** Whether the party has private draws (if not, everyone knows its type: one sample, the truth). */
  uncertain: boolean;
  types: PartyType[];
  /** acceptsReference[m * E + e]: whether type m accepts reference entry e (at its reference-play threshold). */
  acceptsReference: Uint8Array;
  /** Each sampled type's utility of every feasible package, or null when the party's utilities are public. */
  tables: Float64Array[] | null;
  /** Whether its utilities are private (each type's own parameters decide what an offer is worth to it). */
  privateUtility: boolean;
  /** With a private prior about the battlefield: each sampled type's prior means (issue order); else null. */
  priors: Float64Array[] | null;
}

/** The private-information side of one run. */
export interface BayesianWorld {
  /**
   * The reference game: every private draw at its mean — what a party expects of the others. Its equilibrium,
   * the reference play and what depends on them (each type's worth of the reference offers and its thresholds,
   * `acceptsReference`) are worked out on first read: players under a plan read the reference plan instead.
   */
  ref: { g: Game; eq: Equilibrium };
  play: ReferencePlay;
  /** Who proposes in the reference game, by state (its equilibrium's recognition, known without solving it). */
  recognition: RecognitionStates;
  /** Whether the reference equilibrium has been solved (read). */
  readonly referenceSolved: boolean;
  /** Per party: what the others believe about it. */
  beliefs: TypeBelief[];
  /** Per party: its true type. */
  own: PartyType[];
  /** Per party with a prior about the battlefield: its own prior means (issue order, this run's draws); else null. */
  ownPriors: (Float64Array | null)[];
}

/**
 * What beliefs keep across the runs of one model: the reference game and the beliefs when they depend
 * on the run only through private draws (then they are the same for every run of a seed), and each
 * private parameter's belief samples (they depend on the seed only). Owned by the bayesian strategy's
 * context, made once per engine; keyed weakly, since a run whose parties leave plays a model of its own.
 */
export class BeliefCache {
  readonly shared = new WeakMap<Model, Map<number, CommonPart>>();
  /** The last seed's BELIEF_SAMPLES draws of each private parameter. */
  readonly draws = new WeakMap<Param, { seed: number; values: Float64Array }>();
}

/**
 * Builds run `runIndex`'s beliefs. The others' belief about party i is a
 * sample of BELIEF_SAMPLES types drawn from the scenario's distributions of
 * i's private parameters (streams `belief:<path>`, the same in every run), the
 * rest of the world as the run has it. `trueParams` are the run's actual
 * draws: each party's own type.
 */
export function bayesianWorld(cache: BeliefCache, model: Model, run: RunKey, trueParams: RunParams): BayesianWorld {
  const { seed } = run;
  const publicDrawn = modelParams(model).some((p) => isDrawn(p) && !isPrivate(p));
  let common = publicDrawn ? undefined : cache.shared.get(model)?.get(seed);
  if (!common) {
    common = commonPart(cache, model, run);
    if (!publicDrawn) {
      const bySeed = cache.shared.get(model) ?? new Map();
      bySeed.set(seed, common);
      cache.shared.set(model, bySeed);
    }
  }
  const { reference, beliefs } = common;
  const own = model.parties.map((_, i) => (beliefs[i].uncertain ? partyType(reference, trueParams, i) : beliefs[i].types[0]));
  const ownPriors = model.parties.map((_, i) => priorMeans(model, i, (p) => drawOnce(p, run)));
  return {
    get ref() {
      return reference.ref;
    },
    get play() {
      return reference.play;
    },
    recognition: reference.recognition,
    get referenceSolved() {
      return reference.solved;
    },
    beliefs,
    own,
    ownPriors,
  };
}


/** Party i's prior means about the drift (issue order; 0 where it has none), each read by `value`; null without a prior. */
function priorMeans(model: Model, i: number, value: (p: Param) => number): Float64Array | null {
  const b = model.world?.nodeal?.beliefs[i];
  return b ? Float64Array.from(b.means, (p) => (p ? value(p) : 0)) : null;
}

/** Party i's own (true) type. */
function partyType(reference: Reference, params: RunParams, i: number): PartyType {
  return new LazyType(params, i, reference, null, () => reference.valuesOf(i));
}


/** Sample m of private parameter p's belief draws is values[m] (stream `belief:<path>` of run m): they depend on (seed, sample, path) only, not on the run. */
function beliefSamples(cache: BeliefCache, p: Param, seed: number): Float64Array {
  const cached = cache.draws.get(p);
  if (cached?.seed === seed) return cached.values;
  const values = new Float64Array(BELIEF_SAMPLES);
  for (let m = 0; m < BELIEF_SAMPLES; m++) values[m] = sampleParam(p, streamFor(seed, m, `belief:${p.path}`));
  cache.draws.set(p, { seed, values });
  return values;
}

function commonPart(cache: BeliefCache, model: Model, run: RunKey): CommonPart {
  const { seed } = run;
  // The run's value of every parameter as the others see it: private draws at their means.
  const refValues = new Map<Param, number>(modelParams(model).map((p) => [p, isPrivate(p) ? meanParam(p) : drawOnce(p, run)]));
  const rpRef = resolveRunParams(model, (p) => refValues.get(p) as number);
  const reference = new Reference(gameFor(model, rpRef), model.parties.length);
  const beliefs = model.parties.map((party, i): TypeBelief => {
    const own = partyParams(party).filter(isPrivate);
    const prior = model.world?.nodeal?.beliefs[i];
    // A private prior: the others' belief about it is a sample of its means, drawn like any private draw.
    const priors = prior?.private ? Array.from({ length: BELIEF_SAMPLES }, (_, m) => priorMeans(model, i, (p) => (isPrivate(p) ? beliefSamples(cache, p, seed)[m] : meanParam(p))) as Float64Array) : null;
    if (own.length === 0 && !priors) return new KnownBelief([new KnownType(rpRef, i, reference)], reference);
    const privateUtility = own.some((p) => p !== party.reservation && p !== party.discount);
    const draws = own.map((p) => beliefSamples(cache, p, seed));
    // Sample m's value of each parameter: its own private draws, the run's reference values elsewhere.
    let m = 0;
    const value = (p: Param): number => {
      const k = own.indexOf(p);
      return k >= 0 ? draws[k][m] : (refValues.get(p) as number);
    };
    let start: Float64Array | undefined;
    const startOf = () => (start ??= reference.valuesOf(i));
    // With public utilities every type values the reference offers alike: one worth for all.
    let shared: Float64Array | undefined;
    const sharedWorth = privateUtility ? null : () => (shared ??= worthOf(reference.play, rpRef, i));
    const types: PartyType[] = [];
    const tables: Float64Array[] = [];
    for (m = 0; m < BELIEF_SAMPLES; m++) {
      const rp = privateUtility ? withPartyParams(model, rpRef, i, value) : withPartyLimits(rpRef, i, value(party.reservation), value(party.discount));
      types.push(new LazyType(rp, i, reference, sharedWorth, startOf));
      if (privateUtility) tables.push(partyUtilityRow(model, rp, i));
    }
    return new SampledBelief(types, privateUtility ? tables : null, privateUtility, priors, reference);
  });
  return { reference, beliefs };
}

/** What the runs of one seed share when no public parameter is drawn (BeliefCache). */
interface CommonPart {
  reference: Reference;
  beliefs: TypeBelief[];
}
