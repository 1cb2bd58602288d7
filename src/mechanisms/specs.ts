import { alternatingOffersSpec } from './alternating-offers/spec.js';
import { mediatorSpec } from './mediator/spec.js';

/**
 * Every bargaining mechanism's declaration, in the order the format lists them: the scenario schema's
 * `mechanism` union and `--help` come from this list (with the forecast models after them). A new
 * mechanism adds its spec here and its rounds in registry.ts.
 */
export const MECHANISM_SPECS = [alternatingOffersSpec, mediatorSpec] as const;

/** A bargaining mechanism's kind. */
export type MechanismKind = (typeof MECHANISM_SPECS)[number]['kind'];
