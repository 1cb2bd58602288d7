import { z } from './zod.js';
import { id } from './ids.js';

/**
 * What a mechanism (or a forecast model) declares about itself for the scenario format: its `kind`, the
 * zod schema of its `mechanism:` block and a one-line doc. A spec imports only zod and the scenario's
 * leaf modules: the scenario schema is built from the specs, below the code that plays them.
 */
export interface MechanismSpec<K extends string, S extends z.ZodType> {
  kind: K;
  /** How an error message names it. */
  label: string;
  /** One line: what it is (the schema's description, `--help`). */
  doc: string;
  schema: S;
}

/**
 * A bargaining mechanism's decision rule (the `decision` field of its block): who, besides the parties
 * whose consent is required (vetoes, an option's `consent`), must accept for a deal to pass. Absent or
 * `unanimity`: every required party, as without the field. `quota: k`: also k yes votes of the parties at
 * the table, the proposer's own counted. `votes` and `threshold`: the yes voters' weights must sum to at
 * least the threshold (a qualified majority). Shared by the mechanisms' specs (imports only zod and ids).
 */
export const decisionSchema = z
  .union([
    z.literal('unanimity'),
    z.strictObject({
      quota: z.number().int().min(1).optional().meta({ description: 'yes votes a deal needs among the parties at the table, the proposer\'s own counted (a mediator does not vote)' }),
      votes: z.record(id, z.number().min(0)).optional().meta({ description: 'weighted votes: each party\'s weight (parties not listed weigh 0)' }),
      threshold: z.number().min(0).optional().meta({ description: 'with votes: the weight of yes votes a deal needs' }),
    }),
  ])
  .meta({
    description:
      'who decides besides the parties whose consent is required (veto, consent): unanimity (the default), {quota: k} (k yes votes of the parties at the table, the proposer counted) or {votes: {party: weight}, threshold: t}',
  });

export type DecisionSpec = z.infer<typeof decisionSchema>;
