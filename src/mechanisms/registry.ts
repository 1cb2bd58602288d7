import type { Mechanism } from '../core/mechanism.js';
import { alternatingOffers } from './alternating-offers/index.js';
import { mediator } from './mediator/index.js';
import type { MechanismKind } from './specs.js';

/**
 * Every bargaining mechanism the engine can play, by kind: one line each. Its declaration for the
 * scenario format is in specs.ts; the type makes the compiler ask for an entry here for every kind there.
 */
const ENTRIES: { [K in MechanismKind]: Mechanism } = {
  'alternating-offers': alternatingOffers,
  mediator,
};

/** The registered mechanisms, in the format's order. */
export const MECHANISMS: readonly Mechanism[] = Object.values(ENTRIES);

/** The mechanism of a kind. */
export const mechanismOf = (kind: MechanismKind): Mechanism => ENTRIES[kind];
