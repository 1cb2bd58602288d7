import type { IssueDef } from './types.js';

/** A package in words: each issue's value (numeric) or option name. */
export type Terms = Record<string, number | string>;

/** The terms of a package given as one value per issue (an options issue's value is its option's index). */
export function termsOf(issues: IssueDef[], values: ArrayLike<number>): Terms {
  return Object.fromEntries(issues.map((i) => [i.id, i.kind === 'options' ? i.options[values[i.index]] : values[i.index]]));
}
