import { z } from './zod.js';
import { show } from './problems.js';
import { numberOrDistribution } from './numbers.js';

/**
 * The world around the table: a no-deal state that moves each round (the
 * battlefield, aid, sanctions as they stand) and events that change the game.
 * Cross-field rules (issues and parties named, paths that exist) are in
 * worldRules.ts and compile/world.ts.
 */

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
  error: (iss) => `expected an identifier (a letter, then letters, digits or _), got ${show(iss.input)}`,
});
const slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, {
  error: (iss) => `expected a name of letters, digits, _ or -, got ${show(iss.input)}`,
});

export const nodealSchema = z
  .strictObject({
    state: z.record(id, z.union([numberOrDistribution({}, { written: false }), slug], { error: 'expected a number in the issue range, a distribution, or an option name' })).meta({
      description: 'the no-deal point: a value for every issue (a number or distribution for a numeric issue, an option for an options issue)',
    }),
    drift: z.record(id, z.number()).default({}).meta({ description: 'per numeric issue: mean change of the state per round' }),
    volatility: z.record(id, z.number().min(0)).default({}).meta({ description: 'per numeric issue: standard deviation of the normal shock added each round' }),
    cost: z.record(id, numberOrDistribution({ min: 0, max: 1 })).default({}).meta({ description: "per party: cost of one more round of war, subtracted from the utility of the state (default 0)" }),
  })
  .meta({ description: "a no-deal state that moves: each party's no-deal flow in a round is its utility of the state minus its cost (replaces reservation)" });

const pathValues = z.record(z.string(), z.union([z.number(), slug], { error: 'expected a number (or, for nodeal.state of an options issue, an option)' }));

const effect = z.union(
  [
    z.strictObject({ set: pathValues.meta({ description: 'parameter path -> new value' }) }),
    z.strictObject({ shift: z.record(z.string(), z.number()).meta({ description: 'parameter path -> amount added' }) }),
    z.strictObject({ leave: id.meta({ description: 'the party leaves the table (a party whose consent is needed: talks end, walked away)' }) }),
    z.strictObject({ join: id.meta({ description: 'a party that left comes back to the table' }) }),
    z.strictObject({ order: z.array(id).min(1).meta({ description: 'new fixed proposer order' }) }),
    z.strictObject({ proposers: z.record(id, z.number().min(0)).meta({ description: 'new random recognition probabilities (or weights)' }) }),
    z.strictObject({
      mechanism: z.enum(['alternating-offers', 'mediator'], { error: 'expected alternating-offers or mediator' }).meta({
        description: "switch the mechanism: alternating-offers (the mediator steps back; the parties bargain directly) or mediator (the scenario's mediator keeps a single negotiating text)",
      }),
    }),
  ],
  {
    error:
      'expected an effect {set: {path: value}}, {shift: {path: delta}}, {leave: party}, {join: party}, {order: [parties]}, {proposers: {party: p}} or {mechanism: alternating-offers|mediator}',
  },
);

export const eventSchema = z.strictObject({
  id: id.meta({ description: 'the name of the event; conditions refer to it as fired_<id>' }),
  description: z.string().optional().meta({ description: 'what the event stands for, in words' }),
  when: z.string().default('true').meta({
    description: 'mathjs condition checked at the start of each round: round, fired_<event>, state_<issue>, present_<party> (default: always)',
  }),
  probability: z
    .union([z.number().min(0).max(1), z.string()])
    .default(1)
    .meta({
      description:
        'chance the event fires in a round where its condition holds: a number, or a mathjs expression over the same variables as when (e.g. "0.03 + 0.05 * fired_exchange"), clamped to [0, 1]',
    }),
  repeat: z.boolean().default(false).meta({ description: 'whether it can fire again (default: at most once per run); a repeating event is not anticipated' }),
  anticipated: z.boolean().default(true).meta({
    description:
      'whether rational players see it coming (default: true): they value continuation as an expectation over what it may do; false makes it a surprise they re-solve after',
  }),
  effects: z.array(effect).default([]).meta({
    description: 'what changes when it fires; may be empty for a signal that only other events\' conditions and probabilities read (fired_<id>)',
  }),
});

export const eventsSchema = z.array(eventSchema).default([]).meta({ description: 'with probability p, when a condition holds, change the game; rational players anticipate an event unless it is marked anticipated: false' });
