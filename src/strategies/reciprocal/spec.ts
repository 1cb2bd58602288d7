import { z } from '../../scenario/zod.js';
import type { StrategySpec } from '../../scenario/strategySpec.js';

/** Concedes as the others concede (Faratin, Sierra & Jennings 1998, behaviour-dependent tactics). */
export type ReciprocalDef = { kind: 'reciprocal'; rate: number };

const form = z.strictObject({
  reciprocal: z
    .strictObject({
      rate: z.number().min(0).default(1).meta({ description: "concession per unit of the others' last concession, both in the party's own utility (1 = tit for tat)" }),
    })
    .meta({ description: "concedes in proportion to the others' last concession (tit for tat)" }),
});

export const reciprocalSpec: StrategySpec<ReciprocalDef> = {
  kind: 'reciprocal',
  names: ['reciprocal'],
  forms: [form],
  formExamples: ['{reciprocal: {rate: r}}'],
  doc: 'reciprocal concession: reciprocal (rate 1) or {reciprocal: {rate}}',
  formWords(spec) {
    const parsed = form.safeParse(spec);
    return parsed.success ? `reciprocal (rate ${parsed.data.reciprocal.rate})` : null;
  },
  describe: (def) => `reciprocal (rate ${def.rate})`,
  compile(spec) {
    if (spec === 'reciprocal') return { kind: 'reciprocal', rate: 1 };
    const parsed = form.safeParse(spec);
    return parsed.success ? { kind: 'reciprocal', rate: parsed.data.reciprocal.rate } : null;
  },
};
