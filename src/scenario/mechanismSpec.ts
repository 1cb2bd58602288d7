import type * as z from 'zod';

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
