import { z } from '../../scenario/zod.js';
import { id } from '../../scenario/ids.js';
import { numberOrDistribution } from '../../scenario/numbers.js';
import { decisionSchema, type MechanismSpec } from '../../scenario/mechanismSpec.js';

const schema = z.strictObject({
  kind: z.literal('mediator').meta({ description: 'the mechanism: mediator' }),
  mediator: id.meta({ description: 'the party that keeps the single negotiating text; it does not sign (it must not have veto: true)' }),
  bias: numberOrDistribution({ min: 0, max: 1 }).default(0).meta({
    description: "weight of the mediator's own utility in its text, against the Nash product of the signatories' gains (0: an honest broker)",
  }),
  step: numberOrDistribution({ min: 0, max: 1 }).default(0.25).meta({
    description: "share of a rejecter's shortfall the text makes up per rejection (linear: met in full after 1/step rejections)",
  }),
  leverage: z.record(id, numberOrDistribution({ min: 0, max: 1 })).default({}).meta({
    description: "per signatory: how much its no-deal flow falls for every round it rejects the text (floored at 0), e.g. aid conditioned on progress",
  }),
  decision: decisionSchema.optional(),
});

export const mediatorSpec: MechanismSpec<'mediator', typeof schema> = {
  kind: 'mediator',
  label: 'mediator',
  doc: 'a broker keeps a single negotiating text',
  schema,
};
