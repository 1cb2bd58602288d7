import type { StrategySpec } from '../../scenario/strategySpec.js';

/** Private information: expected-value offers under beliefs about the others' private draws. */
export type BayesianDef = { kind: 'bayesian' };

export const bayesianSpec: StrategySpec<BayesianDef> = {
  kind: 'bayesian',
  names: ['bayesian'],
  forms: [],
  formExamples: [],
  doc: 'bayesian (private information: expected-value offers, beliefs truncated by rejections)',
  formWords: () => null,
  describe: () => 'bayesian',
  compile: (form) => (form === 'bayesian' ? { kind: 'bayesian' } : null),
};
