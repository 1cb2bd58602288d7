import type * as z from 'zod';

/**
 * What a strategy declares about itself for the scenario format: the names and object forms a party's
 * `strategy:` may take, a one-line doc, and how a form compiles to the strategy's settings. A spec
 * imports only zod and the scenario's leaf modules: the scenario schema is built from the specs
 * (src/strategies/specs.ts), below the players that play them (src/strategies/registry.ts).
 */
export interface StrategySpec<D extends { kind: string }> {
  kind: D['kind'];
  /** Names a party may write (`strategy: boulware`). */
  names: readonly string[];
  /** Object forms (`strategy: {concession: {...}}`), each a zod schema. */
  forms: readonly z.ZodType[];
  /** The object forms as an error message shows them. */
  formExamples: readonly string[];
  /** One line: what it is, with its names and forms (the schema's description, `--help`). */
  doc: string;
  /** The settings of a validated form, or null when the form is another strategy's. */
  compile(form: unknown, rounds: number): D | null;
  /** A validated object form in words, as the scenario wrote it (`ledger`), or null when it is another strategy's. */
  formWords(form: unknown): string | null;
  /** Compiled settings in words (`explain`). */
  describe(def: D): string;
}
