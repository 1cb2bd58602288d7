import { z } from '../../scenario/zod.js';
import { id } from '../../scenario/ids.js';
import { decisionSchema, type MechanismSpec } from '../../scenario/mechanismSpec.js';

const schema = z.strictObject({
  kind: z.literal('alternating-offers').default('alternating-offers').meta({ description: 'the mechanism: alternating-offers' }),
  order: z.array(id).min(1).optional().meta({ description: 'fixed proposer order, repeated' }),
  proposers: z.record(id, z.number().min(0)).optional().meta({
    description: 'random recognition: probability (or weight) of each party proposing in a round; default proportional to power',
  }),
  decision: decisionSchema.optional(),
});

export const alternatingOffersSpec: MechanismSpec<'alternating-offers', typeof schema> = {
  kind: 'alternating-offers',
  label: 'alternating-offers (the default)',
  doc: 'bargaining; the default',
  schema,
};
