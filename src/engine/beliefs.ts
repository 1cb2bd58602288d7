import type { DriftBelief } from '../model/world.js';

// Beliefs about the battlefield (PRODUCT.md "Beliefs about the battlefield"): each party with `beliefs`
// holds a normal prior on the no-deal state's drift and updates it from the observed steps.

/**
 * The posterior mean of a drift μ after `moves` observed steps summing to `sum`, each step μ plus a
 * normal shock of sd `sigma`, from the prior N(mean, sd²) (the conjugate normal update):
 * (mean/sd² + sum/σ²) / (1/sd² + moves/σ²). A certain prior (sd 0) never moves; with no noise
 * (σ = 0) the first step reveals the drift.
 */
export function posteriorDrift(mean: number, sd: number, sigma: number, moves: number, sum: number): number {
  if (sd === 0 || moves === 0) return mean;
  if (sigma === 0) return sum / moves;
  const prior = 1 / (sd * sd), data = 1 / (sigma * sigma);
  return (mean * prior + sum * data) / (prior + moves * data);
}

/**
 * Per party, how much faster than the scenario's drift it expects the state to move on each issue
 * (its posterior mean less the drift), or null when it knows the drift: what its own expected path
 * adds per round to the common one (engine/levers.ts).
 */
export function beliefOffsets(
  beliefs: (DriftBelief | null)[],
  drift: Float64Array,
  volatility: Float64Array,
  moves: number,
  steps: Float64Array,
): (Float64Array | null)[] {
  return beliefs.map((b) => {
    if (!b) return null;
    const out = new Float64Array(drift.length);
    for (let k = 0; k < drift.length; k++) if (b.has[k]) out[k] = posteriorDrift(b.mean[k], b.sd[k], volatility[k], moves, steps[k]) - drift[k];
    return out;
  });
}
