import { z } from '../../scenario/zod.js';
import { id } from '../../scenario/ids.js';
import { numberOrDistribution } from '../../scenario/numbers.js';
import type { MechanismSpec } from '../../scenario/mechanismSpec.js';

const riskExponent = z.number().positive().max(100);

const schema = z.strictObject({
  kind: z.literal('expected-utility').meta({ description: 'the mechanism: expected-utility' }),
  issue: id.optional().meta({ description: 'the numeric issue that is the dimension (required when the scenario has several issues)' }),
  rounds: z.int().min(1).max(1000).default(10).meta({ description: "rounds of challenges (default 10; the scenario's `rounds` is the bargaining window and is not used)" }),
  salience: z.record(id, numberOrDistribution({ min: 0, max: 1 })).default({}).meta({
    description: "salience in [0, 1] per party; default: the party's normalised weight on the issue",
  }),
  risk: z
    .union([riskExponent, z.literal('endogenous'), z.record(id, riskExponent)], {
      error: 'expected a risk exponent > 0 (1 = linear), "endogenous", or {party: exponent}',
    })
    .default(1)
    .meta({ description: 'risk exponent r of the utilities: a number for every party (1 = linear, the default), {party: r} (others 1), or "endogenous" (computed each round from the security levels)' }),
  q: z.number().min(0).max(1).default(1).meta({ description: 'probability that the status quo holds when nobody challenges (default 1)' }),
  t: z.number().min(0).max(1).default(1).meta({ description: 'probability that an unchallenged change is for the better (used only when q < 1; default 1)' }),
});

/** The Bueno de Mesquita expected-utility model: a forecast of positions, not a bargaining mechanism. */
export const expectedUtilitySpec: MechanismSpec<'expected-utility', typeof schema> = {
  kind: 'expected-utility',
  label: 'expected-utility',
  doc: 'the Bueno de Mesquita model of shifting positions',
  schema,
};
