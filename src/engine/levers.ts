import { gameFor, type Game } from '../core/game.js';
import { finishRound, roundValues, solveEquilibrium, solveRound, type Equilibrium } from '../solvers/equilibrium.js';
import type { MovingWorld } from './movingWorld.js';
import type { RunWorld } from './world.js';

/**
 * Levers seen coming (PRODUCT.md "Levers are seen coming"): a Markov perfect equilibrium over the
 * world's discrete state — which events have fired, and the round until the end of the window — made
 * from the world as it stands at round t0.
 *
 * Forward, the plan branches on the anticipated events of each round (their conditions and chances
 * read at the no-deal state's expected path: it moves by its drift, the noise averages out), and keys
 * each round's branches by the events that have fired. Past the window the world is taken as
 * stationary: the state stays where it is expected to be at the window's end, and each event keeps the
 * chance it has there. Backward, each branch's game is solved with its next round's value as the
 * expectation over the branches it leads to (core/game.ts `Continuation`): in the stationary tail a
 * fixed point over the fired sets (largest first: they only grow), inside the window one step of the
 * proposer's problem per round. A branch where a party whose consent is needed has left is worth each
 * party its no-deal flow from then on; one under the mediator is valued as if the parties bargained
 * (the mediator's texts are not an equilibrium). docs/model.md says what is exact and what is not.
 */
export class LeverPlan {
  /** layers[t − t0]: the branches after round t's events, by fired set. */
  private readonly layers: Map<string, PlanNode>[] = [];
  private readonly tails = new Map<string, PlanNode>();
  /** Whether branches are found without copying worlds (no state to move, events that change no condition variable but their flags: `RunWorld.plainEvents`). */
  private readonly plain: boolean;
  /** The round from which the plan is the stationary tail (`stationaryFrom`; the window's end when it never is): its layer stands for every round after it. */
  private stretch: number;
  /** Whether some party holds beliefs about the drift (its flows follow its own path: `node`). */
  private readonly believes: boolean;

  constructor(
    private readonly world: MovingWorld,
    readonly t0: number,
    root: RunWorld,
    /** The first round past the window (0-based): the stationary tail starts there. */
    private readonly end: number,
    /** Per party, what its belief adds to the drift (engine/beliefs.ts; null: it knows the drift), held fixed: players do not anticipate their own learning. */
    readonly offsets: (Float64Array | null)[],
    /** Stretches found before (`stationaryFrom`), shared by the runs of a model (RunEngine). */
    stretches: Map<string, number> = new Map(),
    /** Whether strategies read the plan's branches (bayesian foresight): then every branch gets its choices, not only those a run reaches. */
    private readonly full = false,
    /**
     * Whether the branches' games are solved. Without (false), a branch holds its flows and its value of
     * no deal ever (the floor of what each party signs: `noDeal`), and no equilibrium: for a run whose players
     * play another plan (bayesian players with something private play the reference plan) and need this one
     * for their floors only.
     */
    readonly solved = true,
    /**
     * The branches' games by what they depend on (`gameOf`): the plans of one run share them (a game is the run's
     * parameters with the events' overrides, the same whenever it is planned again; every solve sets its flows and
     * continuation first). One map per way of reading the parameters: a reference plan's are at their means.
     */
    private readonly games: Map<string, Game> = new Map(),
  ) {
    this.plain = !world.hasState && root.plainEvents();
    this.believes = offsets.some((o) => o !== null);
    this.layers.push(new Map([[keyOf(root), this.node(root, 0)]]));
    // From `stretch` on the plan is the stationary tail: its rounds are not branched one by one (`stationaryFrom`).
    // (Under random recognition throughout: one recognition state, so a round's equilibrium does not depend on its number.)
    const random = root.model.recognition.kind === 'random' && root.def.events.every((e) => e.effects.every((f) => f.kind !== 'order'));
    if (this.plain && random && !world.requiredAway(root)) {
      // What it depends on: the rounds, and the condition variables at the root (the round, what has fired, who is at the table; no state).
      const key = `${t0}|${end}|${keyOf(root)}|${root.present.join('')}`;
      let from = stretches.get(key);
      if (from === undefined) stretches.set(key, (from = this.stationaryFrom(root)));
      this.stretch = from;
    } else this.stretch = end;
    for (let t = t0; t < this.stretch; t++) this.layers.push(this.branchRound(this.layers[t - t0], t + 1, t + 1 - t0));
    for (const node of this.layers[this.stretch - t0].values()) this.solveTail(node, end);
    if (this.stretch < end && [...this.tails.values()].some((tail) => tail.eq?.mixed)) {
      // A mixed tail is stepped back from round by round (each round a pure best response to the next): the rounds are branched after all.
      for (let t = this.stretch; t < end; t++) this.layers.push(this.branchRound(this.layers[t - t0], t + 1, t + 1 - t0));
      for (const node of this.layers[end - t0].values()) this.solveTail(node, end);
      this.stretch = end;
    }
    if (this.stretch < end) for (const node of this.layers[this.stretch - t0].values()) this.asTail(node, this.stretch);
    // Backward from there, the rounds that are already the stationary tail take its values (`likeTail`).
    let stationary = true;
    for (let t = this.stretch - 1; t >= t0; t--) {
      const layer = [...this.layers[t - t0].values()];
      stationary &&= layer.every((node) => this.likeTail(node));
      for (const node of layer) if (stationary) this.asTail(node, t);
      else this.solveStep(node, t);
    }
    if (full) for (let t = t0; t <= this.stretch && t < end; t++) for (const node of this.layers[t - t0].values()) this.choicesOf(node);
  }

  /**
   * The first round (≥ t0) from which every round to the window's end reaches the same fired sets as the last,
   * each with the branches and chances it has past the window, when branches are found without worlds (`plain`:
   * no state to move, events that change no condition variable but their flags); the window's end when none.
   * Those rounds are the stationary tail (docs/model.md "Levers seen coming"): the tail is solved from the
   * branches of that first round, and the rounds after it are not branched.
   */
  private stationaryFrom(root: RunWorld): number {
    const { t0, end } = this;
    // A world for the condition variables of any fired set: plain events change nothing else they read.
    const probe = root.clone();
    const edgesOf = (key: string, round: number): { p: number; key: string }[] => {
      for (let x = 0; x < key.length; x++) probe.fired[x] = key.charCodeAt(x) === 49 ? 1 : 0;
      return probe.branchEvents(round).map((b) => ({ p: b.p, key: keyWith(probe, b.fired) }));
    };
    // As `branchRound` numbers them: round t's branches (0-based t) lead on with the events of round t + 2 (1-based).
    const keys: Set<string>[] = [new Set([keyOf(root)])];
    for (let t = t0; t < end; t++) {
      const next = new Set<string>();
      for (const k of keys[t - t0]) for (const e of edgesOf(k, t + 2)) next.add(e.key);
      keys.push(next);
    }
    const last = keys[end - t0];
    const tail = new Map([...last].map((k) => [k, edgesOf(k, end + 1)]));
    const same = (a: { p: number; key: string }[], b: { p: number; key: string }[]) => a.length === b.length && a.every((e, i) => e.p === b[i].p && e.key === b[i].key);
    // Past the window the fired sets stay among the last round's.
    for (const edges of tail.values()) if (edges.some((e) => !last.has(e.key))) return end;
    let from = end;
    for (let t = end - 1; t >= t0; t--) {
      const layer = keys[t - t0];
      if (layer.size !== last.size || [...layer].some((k) => !last.has(k) || !same(edgesOf(k, t + 2), tail.get(k) as { p: number; key: string }[]))) break;
      from = t;
    }
    return from;
  }

  /**
   * Whether a branch inside the window is its fired set's stationary tail already (when the branch after it is):
   * the same game and flows, the same branches with the same chances, and a pure equilibrium past the window
   * under random recognition. Its values are then the tail's fixed point (docs/model.md "Levers seen coming").
   */
  private likeTail(node: PlanNode): boolean {
    const tail = this.tails.get(keyOf(node.world));
    if (!tail?.edges || tail.g !== node.g || tail.away !== node.away || statesOf(node.g) !== 1 || tail.eq?.mixed) return false;
    for (let i = 0; i < node.flows.length; i++) if (node.flows[i] !== tail.flows[i]) return false;
    const edges = tail.edges;
    if (node.next.length !== edges.length) return false;
    for (let k = 0; k < edges.length; k++) if (node.next[k].p !== edges[k].p || keyOf(node.next[k].node.world) !== edges[k].key) return false;
    return true;
  }

  /** A branch inside the window valued as its stationary tail (`likeTail`): its equilibrium is the tail's, found when a run reaches it. */
  private asTail(node: PlanNode, t: number): void {
    const tail = this.tails.get(keyOf(node.world)) as PlanNode;
    node.value = tail.eq ? valueAt(tail.eq, t, node.g.n) : node.flows;
    node.noDeal = tail.noDeal;
    node.back = tail.back;
    const eq = tail.eq;
    if (eq && tail.continuation)
      node.pending = { ...tail.continuation, V: eq.V, stats: { iterations: eq.iterations, residual: eq.residual, converged: eq.converged } };
  }

  /** The branch the run is on at round t (after its events), or undefined when the plan never reached it (a surprise fired). */
  at(t: number, fired: Uint8Array): PlanNode | undefined {
    // The branches past the window hold values only (`solve`): no run plays there.
    if (t >= this.end) throw new Error('invariant: a plan is read only inside the window');
    const node = this.layers[Math.min(t, this.stretch) - this.t0]?.get(keyOf({ fired } as RunWorld));
    if (node) this.choicesOf(node);
    return node;
  }

  /** A branch's choices and thresholds, on the game state its values were found on (its game is shared: flows and continuation are set again). */
  private choicesOf(node: PlanNode): void {
    if (!node.pending) return;
    const g = node.g;
    g.rp.reservation.set(node.flows);
    g.continuation = node.pending;
    node.eq = finishRound(g, node.pending.V, node.pending.stats);
    g.continuation = undefined;
    node.pending = undefined;
  }

  /** A branch `depth` rounds after t0: its flows on the common expected path (`seen`, what the run is matched against), and each party's along its own. */
  private node(world: RunWorld, depth: number): PlanNode {
    const g = this.gameOf(world);
    const seen = new Float64Array(g.n);
    this.world.flowsBeforeLeverage(g, seen, world);
    const flows = seen.slice();
    if (this.believes) this.world.believedFlows(g, flows, world, this.offsets, depth);
    return { world, g, depth, seen, flows, away: this.world.requiredAway(world), next: [], value: new Float64Array(0), noDeal: flows, eq: null, pending: undefined };
  }

  /** Round r's branches (0-based) from each branch of the round before: the state's expected step, then the anticipated events. */
  private branchRound(from: Map<string, PlanNode>, r: number, depth: number): Map<string, PlanNode> {
    const layer = new Map<string, PlanNode>();
    for (const node of from.values()) {
      if (node.away) continue;
      if (this.plain) {
        // A world is made only for a fired set the round has not reached yet.
        for (const b of node.world.branchEvents(r + 1)) {
          const key = keyWith(node.world, b.fired);
          let child = layer.get(key);
          if (!child) layer.set(key, (child = this.node(b.fired.length === 0 ? node.world : node.world.withFired(b.fired), depth)));
          node.next.push({ p: b.p, node: child });
        }
        continue;
      }
      // Without a state to move, a branch where nothing fires shares its parent's world (no branch changes a world once it is in the plan).
      const moves = this.world.hasState;
      const w = moves ? node.world.clone() : node.world;
      if (moves) w.expectedMove();
      for (const b of w.branches(r + 1, !moves)) {
        const key = keyOf(b.world);
        // Branches that reach the same fired set by different paths are one state (the first one's world).
        let child = layer.get(key);
        if (!child) layer.set(key, (child = this.node(b.world, depth)));
        node.next.push({ p: b.p, node: child });
      }
    }
    return layer;
  }

  /** Round t's value of a branch: one step of the proposer's problem, the next round's value the expectation over where it leads. */
  private solveStep(node: PlanNode, t: number): void {
    node.eq = null;
    if (node.away) {
      node.value = node.noDeal = node.flows;
      return;
    }
    this.noDealStep(node);
    if (!this.solved) return;
    const n = node.g.n;
    const g = node.g;
    const states = statesOf(g);
    // The next round's expected values, in every recognition state (elsewhere[s * n + i]).
    const elsewhere = new Float64Array(states * n);
    for (const { p, node: c } of node.next) for (let i = 0; i < n; i++) elsewhere[i] += p * c.value[i];
    for (let s = 1; s < states; s++) elsewhere.copyWithin(s * n, 0, n);
    const flows = node.flows;
    // Only the values now: the equilibrium (choices, thresholds) when a run reaches the branch (`at`).
    g.rp.reservation.set(flows);
    const continuation: { stay: number; elsewhere: Float64Array; V: Float64Array } = { stay: 0, elsewhere, V: new Float64Array(0) };
    g.continuation = continuation;
    continuation.V = roundValues(g);
    g.continuation = undefined;
    if (g.breakdown) node.back = g.breakdown.back.slice();
    node.pending = continuation;
    node.value = valuesAt(continuation.V, t, n, states);
  }

  /** A branch's value of no deal ever (its flows, then the expectation over where it leads); its value is its flows until a solve sets it. */
  private noDealStep(node: PlanNode): void {
    const n = node.g.n;
    const fight = new Float64Array(n);
    for (const { p, node: c } of node.next) for (let i = 0; i < n; i++) fight[i] += p * c.noDeal[i];
    const d = node.g.rp.discount;
    const noDeal = new Float64Array(n);
    for (let i = 0; i < n; i++) noDeal[i] = (1 - d[i]) * node.flows[i] + d[i] * fight[i];
    node.noDeal = noDeal;
    node.value = node.flows;
  }

  /** A branch past the window: the stationary fixed point, with each event's chance as it stands at the window's end. */
  private solveTail(node: PlanNode, t: number): void {
    const done = this.tails.get(keyOf(node.world));
    const tail = done ?? this.tailOf(node.world, t);
    node.eq = tail.eq;
    node.tail = tail;
    node.back = tail.back;
    node.value = tail.eq ? valueAt(tail.eq, t, node.g.n) : node.flows;
    node.noDeal = tail.noDeal;
  }

  private tailOf(world: RunWorld, t: number): PlanNode {
    const node = this.node(world, t - this.t0);
    this.tails.set(keyOf(world), node);
    node.noDeal = node.flows;
    if (node.away) return node;
    const n = node.g.n;
    const states = statesOf(node.g);
    const elsewhere = new Float64Array(states * n);
    const fight = new Float64Array(n);
    let stay = 0;
    const key = keyOf(world);
    const edges: { p: number; key: string }[] = [];
    const branches = this.plain ? world.branchEvents(t + 1).map((b) => ({ p: b.p, fired: b.fired, world: null as RunWorld | null })) : world.branches(t + 1, true).map((b) => ({ p: b.p, fired: [], world: b.world as RunWorld | null }));
    for (const b of branches) {
      const k = b.world ? keyOf(b.world) : keyWith(world, b.fired);
      edges.push({ p: b.p, key: k });
      if (k === key) {
        stay += b.p;
        continue;
      }
      const other = this.tails.get(k) ?? this.tailOf(b.world ?? world.withFired(b.fired), t);
      node.next.push({ p: b.p, node: other });
      addScaled(elsewhere, other, b.p, states, n);
      for (let i = 0; i < n; i++) fight[i] += b.p * other.noDeal[i];
    }
    node.stay = stay;
    // No deal ever: ND = (1 − δ)·flow + δ·(stay·ND + Σ p·ND'), solved for ND.
    const d = node.g.rp.discount;
    node.noDeal = node.flows.map((f, i) => ((1 - d[i]) * f + d[i] * fight[i]) / (1 - d[i] * stay));
    node.continuation = { stay, elsewhere };
    node.edges = edges;
    node.eq = this.solved ? this.solve(node, node.continuation) : null;
    return node;
  }

  private solve(node: PlanNode, continuation: { stay: number; elsewhere: Float64Array }): Equilibrium {
    const g = node.g;
    // A branch's game may be shared with others on the same parameters: its flows and continuation are set for this solve.
    g.rp.reservation.set(node.flows);
    g.continuation = continuation;
    // Values only: a branch past the window is never played (runs end at the window's end), its values are what the plan needs
    // (unless strategies read the branches: `full`).
    const eq = continuation.stay === 0 ? solveRound(g, !this.full) : solveEquilibrium(g, !this.full);
    g.continuation = undefined;
    if (g.breakdown) node.back = Float64Array.from(g.breakdown.back);
    return eq;
  }

  /** The game of a branch, shared by branches (and the run's plans: `games`) on the same parameters, seats and proposers. */
  private gameOf(world: RunWorld): Game {
    // A reservation override changes only the flows, which each solve sets (`solve`): not the game.
    const sig = (world.gameSig ??= `${[...world.overrides]
      .filter(([k]) => !world.model.parties.some((p) => p.reservation.path === k))
      .map(([k, v]) => `${k}=${v}`)
      .join(';')}|${world.present.join('')}|${JSON.stringify(world.recognition)}`);
    let g = this.games.get(sig);
    if (!g) this.games.set(sig, (g = gameFor(...this.world.gameArgs(undefined, world))));
    return g;
  }
}

/** One branch of the plan: its world, its game and flows, where it leads, its value at its round and the equilibrium its players play. */
export interface PlanNode {
  world: RunWorld;
  g: Game;
  /** Rounds after the plan's start (the tail: the window's end). */
  depth: number;
  /** Each party's flow on the common expected path (the state moving by the scenario's drift). */
  seen: Float64Array;
  /** Each party's flow as it expects it: along its own path when it holds beliefs about the drift. */
  flows: Float64Array;
  /** Whether a party whose consent is needed has left (the talks are over: each party's flow from then on). */
  away: boolean;
  /** Inside the window, the branches of the next round; in the tail, the other fired sets it may move to (`stay`: the chance it stays). */
  next: { p: number; node: PlanNode }[];
  /** Past the window: the stationary branch this one goes on as (solveTail), and in it, the chance of staying. */
  tail?: PlanNode;
  stay?: number;
  /** Each party's value at the start of its round (at the round's recognition state). */
  value: Float64Array;
  /**
   * Each party's value of no deal ever from its round on, along its own expected path: the floor of what
   * it signs (Fearon's range with the world seen coming: a party that expects its flow to fall may sign
   * below today's flow, one that expects it to rise will not sign at today's).
   */
  noDeal: Float64Array;
  /** The branch's equilibrium (null: a party whose consent is needed has left); inside the window, once `LeverPlan.at` has returned the branch. */
  eq: Equilibrium | null;
  /** Inside the window until a run reaches the branch: its values and the continuation they were found with. */
  pending: { stay: number; elsewhere: Float64Array; V: Float64Array; stats?: { iterations: number; residual: number; converged: boolean } } | undefined;
  /** Past the window: the continuation its fixed point was solved with, and its branches in order (fired set and chance). */
  continuation?: { stay: number; elsewhere: Float64Array };
  edges?: { p: number; key: string }[];
  /** Deals that can break down: each party's value of what follows a collapse, as this branch's solve left it. */
  back?: Float64Array;
}

/** The key of `w`'s fired set with `events` fired too. */
function keyWith(w: RunWorld, events: number[]): string {
  const f = w.fired;
  let key = '';
  for (let x = 0; x < f.length; x++) key += f[x] === 0 && !events.includes(x) ? '0' : '1';
  return key;
}

/** A branch's fired set as a string of 0s and 1s (a loop: a typed array's join is slow). */
function keyOf(w: RunWorld): string {
  const f = w.fired;
  let key = '';
  for (let x = 0; x < f.length; x++) key += f[x] === 0 ? '0' : '1';
  return key;
}

function statesOf(g: Game): number {
  const r = g.model.recognition;
  return r.kind === 'order' ? r.order.length : 1;
}

/** V at round t's recognition state (t mod the number of states). */
function valueAt(eq: Equilibrium, t: number, n: number): Float64Array {
  return valuesAt(eq.V, t, n, eq.recognition.states);
}

function valuesAt(V: Float64Array, t: number, n: number, states: number): Float64Array {
  const s = t % states;
  return V.slice(s * n, s * n + n);
}

/** elsewhere += p·V(other), state by state when the recognition matches; else its mean over its states. */
function addScaled(out: Float64Array, other: PlanNode, p: number, states: number, n: number): void {
  const eq = other.eq;
  if (!eq) {
    for (let s = 0; s < states; s++) for (let i = 0; i < n; i++) out[s * n + i] += p * other.flows[i];
    return;
  }
  const theirs = eq.recognition.states;
  for (let s = 0; s < states; s++)
    for (let i = 0; i < n; i++) {
      let v = 0;
      if (theirs === states) v = eq.V[s * n + i];
      else {
        for (let q = 0; q < theirs; q++) v += eq.V[q * n + i];
        v /= theirs;
      }
      out[s * n + i] += p * v;
    }
}
