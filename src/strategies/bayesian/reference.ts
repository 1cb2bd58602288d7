import type { Game } from '../../core/game.js';
import { ACCEPT_TOL } from '../../core/offer.js';
import { recognitionOf, type RecognitionStates } from '../../core/recognition.js';
import type { RunParams } from '../../model/runParams.js';
import { solveEquilibrium, type Equilibrium } from '../../solvers/equilibrium.js';
import { referencePlay, rejectionValues, worthOf, type ReferencePlay } from './rejection.js';
import type { PartyType, TypeBelief } from './world.js';

// The reference side of a run's beliefs (world.ts), worked out on first read: the still reference game's
// equilibrium and play, and what each type makes of them. A run that plans reads the reference plan instead
// and never needs them (docs/model.md, "Bayesian players under a plan").

/** The reference game, its equilibrium and the reference play, solved on first read (`BayesianWorld.ref`). */
export class Reference {
  private solvedPart: { ref: { g: Game; eq: Equilibrium }; play: ReferencePlay } | undefined = undefined;
  readonly recognition: RecognitionStates;

  constructor(
    readonly g: Game,
    readonly n: number,
  ) {
    this.recognition = recognitionOf(g);
  }

  get solved(): boolean {
    return this.solvedPart !== undefined;
  }

  private get part(): { ref: { g: Game; eq: Equilibrium }; play: ReferencePlay } {
    if (!this.solvedPart) {
      const eq = solveEquilibrium(this.g);
      this.solvedPart = { ref: { g: this.g, eq }, play: referencePlay(eq, this.n) };
    }
    return this.solvedPart;
  }

  get ref(): { g: Game; eq: Equilibrium } {
    return this.part.ref;
  }

  get play(): ReferencePlay {
    return this.part.play;
  }

  /** Party i's value of a round in each state of the reference equilibrium (where a type's policy iteration starts). */
  valuesOf(i: number): Float64Array {
    return referenceValues(this.ref.eq, this.play, this.n, i);
  }
}

/**
 * A type of party i: its parameters at once; its worth of each reference entry and its thresholds (its value of
 * rejecting when everyone expects reference play to go through) on first read, from the reference equilibrium.
 */
export class LazyType implements PartyType {
  readonly c: number;
  readonly d: number;
  private worthCache: Float64Array | undefined = undefined;
  protected thresholdsCache: Float64Array | undefined = undefined;

  constructor(
    readonly params: RunParams,
    protected readonly i: number,
    protected readonly reference: Reference,
    /** The worth shared by every type of the party (its utilities are public), or null: its own. */
    private readonly sharedWorth: (() => Float64Array) | null,
    /** Where policy iteration starts (the party's reference values). */
    private readonly start: () => Float64Array,
  ) {
    this.d = params.discount[i];
    this.c = (1 - this.d) * params.reservation[i];
  }

  get worth(): Float64Array {
    return (this.worthCache ??= this.sharedWorth ? this.sharedWorth() : worthOf(this.reference.play, this.params, this.i));
  }

  get thresholds(): Float64Array {
    return (this.thresholdsCache ??= rejectionValues(this.reference.play, this.worth, null, this.c, this.d, this.start()));
  }
}

/** A known party (no private draws): one type, whose thresholds are the reference equilibrium's. */
export class KnownType extends LazyType {
  constructor(params: RunParams, i: number, reference: Reference) {
    super(params, i, reference, null, () => reference.valuesOf(i));
  }

  override get thresholds(): Float64Array {
    if (!this.thresholdsCache) {
      const { eq } = this.reference.ref;
      const n = this.reference.n;
      const states = this.reference.play.states;
      this.thresholdsCache = new Float64Array(states);
      for (let s = 0; s < states; s++) this.thresholdsCache[s] = eq.w[s * n + this.i];
    }
    return this.thresholdsCache;
  }
}

/** What the others believe about an uncertain party, `acceptsReference` worked out on first read. */
export class SampledBelief implements TypeBelief {
  readonly uncertain = true;
  private accepts: Uint8Array | undefined = undefined;

  constructor(
    readonly types: PartyType[],
    readonly tables: Float64Array[] | null,
    readonly privateUtility: boolean,
    readonly priors: Float64Array[] | null,
    private readonly reference: Reference,
  ) {}

  get acceptsReference(): Uint8Array {
    if (!this.accepts) {
      const play = this.reference.play;
      const E = play.prob.length;
      this.accepts = new Uint8Array(this.types.length * E);
      this.types.forEach((type, m) => {
        for (let e = 0; e < E; e++) (this.accepts as Uint8Array)[m * E + e] = type.worth[e] >= type.thresholds[play.state[e]] - ACCEPT_TOL ? 1 : 0;
      });
    }
    return this.accepts;
  }
}

/** What everyone believes about a known party: its one type, accepting every reference entry. */
export class KnownBelief implements TypeBelief {
  readonly uncertain = false;
  readonly tables = null;
  readonly privateUtility = false;
  readonly priors = null;
  private accepts: Uint8Array | undefined = undefined;

  constructor(
    readonly types: PartyType[],
    private readonly reference: Reference,
  ) {}

  get acceptsReference(): Uint8Array {
    return (this.accepts ??= new Uint8Array(this.reference.play.prob.length).fill(1));
  }
}

/** Party i's value of a round in each state of the reference equilibrium. */
function referenceValues(eq: Equilibrium, play: ReferencePlay, n: number, i: number): Float64Array {
  const v = new Float64Array(play.states);
  for (let s = 0; s < play.states; s++) v[s] = eq.V[s * n + i];
  return v;
}
