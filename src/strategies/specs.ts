import { bayesianSpec } from './bayesian/spec.js';
import { concessionSpec } from './concession/spec.js';
import { rationalSpec } from './rational/spec.js';
import { reciprocalSpec } from './reciprocal/spec.js';

/**
 * Every strategy's declaration, in the order the format lists them: the scenario schema's `strategy`
 * union, `--help` and the compiled settings (StrategyDef) come from this list. A new strategy adds its
 * spec here and its players in registry.ts (the compiler asks for the second when the first is added).
 */
export const STRATEGY_SPECS = [rationalSpec, bayesianSpec, concessionSpec, reciprocalSpec] as const;

/** A party's compiled strategy: one of the specs' settings. */
export type StrategyDef = NonNullable<ReturnType<(typeof STRATEGY_SPECS)[number]['compile']>>;

/** A strategy's kind. */
export type StrategyKind = StrategyDef['kind'];

/** The settings of a validated `strategy:` form (the first spec that claims it). */
export function compileStrategy(form: unknown, rounds: number): StrategyDef {
  for (const spec of STRATEGY_SPECS) {
    const def = spec.compile(form, rounds);
    if (def) return def;
  }
  throw new Error(`invariant: no strategy claims the validated form ${JSON.stringify(form)}`);
}

/** A validated `strategy:` form in words, as the scenario wrote it. */
export function strategyFormWords(form: unknown): string {
  if (typeof form === 'string') return form;
  for (const spec of STRATEGY_SPECS) {
    const words = spec.formWords(form);
    if (words !== null) return words;
  }
  return JSON.stringify(form);
}

/** A compiled strategy in words. */
export function strategyWords(def: StrategyDef): string {
  const spec = STRATEGY_SPECS.find((s) => s.kind === def.kind) as { describe(d: StrategyDef): string };
  return spec.describe(def);
}
