/** The engine's entry points for the Monte Carlo layers: play one run of a model under its mechanism. */
export { playMechanism, RunEngine, type RunHooks } from './engine.js';
export type { MechanismOutcome, RoundRecord, RunOutcome } from '../core/outcome.js';
