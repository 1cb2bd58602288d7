import type { Game } from './game.js';

/**
 * The recognition process as states: a fixed order cycles through its
 * positions; random recognition is one state that repeats.
 */
export interface RecognitionStates {
  states: number;
  /** Probability that party j proposes in state s: probs[s * n + j]. */
  probs: Float64Array;
}

/** The recognition states of one run's game (probabilities may be drawn per run, from power). */
export function recognitionOf(g: Game): RecognitionStates {
  const r = g.model.recognition;
  if (r.kind === 'random') return { states: 1, probs: Float64Array.from(g.rp.proposerProbs) };
  const probs = new Float64Array(r.order.length * g.n);
  r.order.forEach((j, s) => (probs[s * g.n + j] = 1));
  return { states: r.order.length, probs };
}

/** The state after s (a fixed order moves on; random recognition stays). */
export const nextState = (s: number, states: number) => (s + 1) % states;

/**
 * Each party's value of rejecting in a state whose next state is `next`:
 * w_i = (1 − δ_i)·r_i + δ_i·V_i(next), written into `w`; when the world may change before the next
 * round (g.continuation), V_i(next) is the expectation stay·V_i(next) + elsewhere_i(next).
 * With outside options (rp.outside), a responder that rejects may leave instead:
 * w_i = max(o_i, (1 − δ_i)·r_i + δ_i·V_i(next)); the value of continuing, without the option, is then
 * written into `cont` when given (what a round without an offer pays: nobody rejected, nobody leaves).
 */
export function fillThresholds(g: Game, V: ArrayLike<number>, next: number, w: Float64Array, cont?: Float64Array): void {
  const { n, rp } = g;
  const c = g.continuation;
  if (c === undefined) for (let i = 0; i < n; i++) w[i] = (1 - rp.discount[i]) * rp.reservation[i] + rp.discount[i] * V[next * n + i];
  else for (let i = 0; i < n; i++) w[i] = (1 - rp.discount[i]) * rp.reservation[i] + rp.discount[i] * (c.stay * V[next * n + i] + c.elsewhere[next * n + i]);
  const o = rp.outside;
  if (!o) return;
  if (cont !== undefined && cont !== w) cont.set(w);
  for (let i = 0; i < n; i++) if (o[i] > w[i]) w[i] = o[i];
}

/** How much of V(next) a value of rejecting carries (∂w_i/∂V_i(next) = δ_i·stay): 1 when the world stands still. */
export const staying = (g: Game): number => g.continuation?.stay ?? 1;
