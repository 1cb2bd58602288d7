import { z } from '../../scenario/zod.js';
import type { StrategySpec } from '../../scenario/strategySpec.js';

/** A time-dependent aspiration (Faratin, Sierra & Jennings 1998). */
export type ConcessionDef = { kind: 'concession'; exponent: number; horizon: number };

/** The named concession exponents. */
const EXPONENTS: Record<string, number> = { boulware: 0.2, linear: 1, conceder: 5 };

const form = z.strictObject({
  concession: z
    .strictObject({
      exponent: z.number().positive().meta({ description: '< 1 Boulware (holds out, concedes late), 1 linear, > 1 conceder' }),
      horizon: z.int().min(1).optional().meta({ description: 'round by which it has conceded to its no-deal value (default: rounds)' }),
    })
    .meta({ description: 'a time-dependent concession from its best package down to its no-deal value' }),
});

export const concessionSpec: StrategySpec<ConcessionDef> = {
  kind: 'concession',
  names: Object.keys(EXPONENTS),
  forms: [form],
  formExamples: ['{concession: {exponent: e}}'],
  doc: 'a time-dependent concession: boulware (exponent 0.2), linear (1), conceder (5), or {concession: {exponent, horizon}}',
  formWords(spec) {
    const parsed = form.safeParse(spec);
    if (!parsed.success) return null;
    const { exponent, horizon } = parsed.data.concession;
    return `concession (exponent ${exponent}${horizon ? `, horizon ${horizon}` : ''})`;
  },
  describe: (def) => `concession (exponent ${def.exponent}, horizon ${def.horizon})`,
  compile(spec, rounds) {
    if (typeof spec === 'string') return spec in EXPONENTS ? { kind: 'concession', exponent: EXPONENTS[spec], horizon: rounds } : null;
    const parsed = form.safeParse(spec);
    return parsed.success ? { kind: 'concession', exponent: parsed.data.concession.exponent, horizon: parsed.data.concession.horizon ?? rounds } : null;
  },
};
