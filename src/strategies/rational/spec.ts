import type { StrategySpec } from '../../scenario/strategySpec.js';

/** Complete information: the stationary subgame-perfect equilibrium. */
export type RationalDef = { kind: 'rational' };

export const rationalSpec: StrategySpec<RationalDef> = {
  kind: 'rational',
  names: ['rational'],
  forms: [],
  formExamples: [],
  doc: 'rational (complete-information subgame-perfect)',
  formWords: () => null,
  describe: () => 'rational',
  compile: (form) => (form === 'rational' ? { kind: 'rational' } : null),
};
