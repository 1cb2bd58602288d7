/**
 * The equilibrium solver's tunables, each declared once: how many option combinations are refined,
 * the stages' iteration budgets and tolerances, the smoothing temperature.
 */

/** How many of the best option combinations are refined before the best refined offer is chosen (and mixed over at τ > 0). */
export const REFINE_TOP = 3;

/** The exact (pure) solve stops after this many Anderson steps, or sooner when its residual stops halving for PURE_STALL steps (a map that jumps cycles). */
export const PURE_ITERATIONS = 400;
/**
 * See PURE_ITERATIONS. Patient on purpose: Anderson crosses many pieces of the map on its way to a pure
 * equilibrium, and residuals that do not halve for 25 steps and then converge are common; giving up sooner
 * sent those games to the mixed stages, which found an approximate mixture where a pure equilibrium exists.
 */
export const PURE_STALL = 60;

/** Newton steps (each dim + 1 evaluations) that finish a stalled Anderson solve off the closed form, and their stall window. */
export const NEWTON_ITERATIONS = 12;
/** See NEWTON_ITERATIONS. */
export const NEWTON_STALL = 4;

/** Map evaluations of the exact-Jacobian Newton finish on the closed form (exactNewton.ts). */
export const EXACT_NEWTON_EVALS = 30;

/** A Gaussian-elimination pivot below this (in absolute value) makes a Newton system singular: no step. */
export const SINGULAR_PIVOT = 1e-14;

/** Anderson steps of the smoothed solve, and its stall window. */
export const SMOOTH_ITERATIONS = 60;
/** See SMOOTH_ITERATIONS. */
export const SMOOTH_STALL = 10;

/**
 * Temperature of the smoothed solve, in units of a proposer's per-round stakes
 * (1 − δ_j): a mixing proposer's choices fall short of its best by at most
 * τ·(1 − δ_j)·ln(number of choices) in utility.
 */
export const TEMPERATURE = 1e-2;

/**
 * Steps of the averaging fallback: a first pass, then, for the few runs still
 * above tolerance, one longer pass from where it ended.
 */
export const AVERAGING_PASSES = [160, 640];
/** The residual the averaging fallback must reach to count as converged. */
export const AVERAGED_TOL = 2e-3;

/** Mixture weights below this are dropped (and the rest renormalised). */
export const MIN_WEIGHT = 1e-9;
